#include "tracker/diff/opposites.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tracker::diff {
namespace {

// Each line: the forms of one pole, then "|", then the forms of the other. Forms are written
// out, since the irregular ones ("rose", "fell", "won", "lost") share no stem. Only pairs whose
// swap reverses a claim in any story: no "before"/"after" or "first"/"last", which a
// rewritten sentence swaps without changing what it says ("before the vote" -> "after the
// polls opened"); no "in"/"out" or "up"/"down", mostly particles ("picked up"); no
// "most"/"least", whose "least" is mostly "at least 12"; and no form that is mostly another
// word ("close" to the border, a "fire", an "opening" ceremony).
constexpr auto k_opposite_pairs = std::to_array<std::string_view>({
    "rise rises rose risen rising increase increases increased increasing climb climbs climbed "
    "climbing grow grows grew grown growing jump jumps jumped surge surges surged soar soars "
    "soared "
    "| fall falls fell fallen falling decrease decreases decreased decreasing decline declines "
    "declined declining drop drops dropped dropping shrink shrinks shrank shrunk plunge plunges "
    "plunged slump slumps slumped dip dips dipped",
    "higher | lower",
    "more | less fewer",
    "highest | lowest",
    "largest biggest | smallest",
    "best | worst",
    "above | below",
    "ahead | behind",
    "gain gains gained | loss losses",
    "profit profits | loss losses",
    "win wins won winning winner winners victory | lose loses lost losing loser losers defeat",
    "convicted guilty | acquitted innocent",
    "approve approves approved approving approval accept accepts accepted | reject rejects "
    "rejected rejecting rejection",
    "allow allows allowed allowing permit permits permitted legal | ban bans banned banning forbid "
    "forbids forbade forbidden prohibit prohibits prohibited illegal",
    "support supports supported supporting | oppose opposes opposed opposing",
    "for | against",
    "open opens opened reopened reopen | closes closed shut",
    "alive survived survive survives survivor survivors | dead died die dies killed",
    "positive | negative",
    "buy buys bought buying buyer buyers | sell sells sold selling seller sellers",
    "import imports imported | export exports exported",
    "hire hires hired hiring | fired sacked cut cuts laid layoffs",
    // Troops, a front, an offensive: the moves this tool is watched for.
    "withdraw withdraws withdrew withdrawn withdrawing withdrawal retreat retreats retreated "
    "retreating | advance advances advanced advancing deploy deploys deployed deploying "
    "deployment reinforce reinforces reinforced reinforcing",
    "strengthen strengthens strengthened strengthening intensify intensifies intensified "
    "intensifying escalate escalates escalated escalating | weaken weakens weakened weakening ease "
    "eases eased easing",
    "resume resumes resumed resuming | suspend suspends suspended suspending halt halts halted "
    "halting",
    "arrested detained jailed | released freed",
    "raise raises raised raising | lower lowers lowered lowering cut cuts cutting",
    "succeeded succeeds success successful | failed fails failure unsuccessful",
    "majority | minority",
    "north northern | south southern",
    "east eastern | west western",
    "maximum | minimum",
    "agree agrees agreed | refuse refuses refused",
    "including includes included | excluding excludes excluded",
    "inside | outside",
    "man men male boy boys husband father son sons | woman women female girl girls wife mother "
    "daughter daughters",
});

struct Pole {
  std::size_t pair = 0;
  std::size_t side = 0;
};

// Every form of every pair, to its pole. A form may stand in several pairs ("loss": gain and
// profit; "lower": higher and raise).
const std::unordered_multimap<std::string_view, Pole>& poles() {
  static const std::unordered_multimap<std::string_view, Pole> table = [] {
    std::unordered_multimap<std::string_view, Pole> forms;
    for (std::size_t pair = 0; pair < k_opposite_pairs.size(); ++pair) {
      const std::string_view line = k_opposite_pairs[pair];
      std::size_t side = 0;
      std::size_t at = 0;
      while (at < line.size()) {
        const std::size_t end = std::min(line.find(' ', at), line.size());
        const std::string_view form = line.substr(at, end - at);
        if (form == "|") {
          side = 1;
        } else if (!form.empty()) {
          forms.emplace(form, Pole{pair, side});
        }
        at = end + 1;
      }
    }
    return forms;
  }();
  return table;
}

bool is_uppercase_letter(char c) {
  return c >= 'A' && c <= 'Z';
}

// How many words of each pole a claim holds: [pair][side].
std::vector<std::array<int, 2>> pole_counts(const ClaimWords& words) {
  std::vector<std::array<int, 2>> counts(k_opposite_pairs.size(), {0, 0});
  const auto& table = poles();
  for (std::size_t i = 0; i < words.tokens.size(); ++i) {
    const text::TokenSpan& token = words.tokens[i];
    if (i > 0 && is_uppercase_letter(words.written(token).front())) {
      continue;  // a name: "Rose", "Fell", "Down"
    }
    const auto [first, last] = table.equal_range(words.lower_case(token));
    for (auto it = first; it != last; ++it) {
      ++counts[it->second.pair][it->second.side];
    }
  }
  return counts;
}

}  // namespace

bool says_the_opposite(const ClaimWords& before, const ClaimWords& after) {
  const std::vector<std::array<int, 2>> old_counts = pole_counts(before);
  const std::vector<std::array<int, 2>> new_counts = pole_counts(after);
  for (std::size_t pair = 0; pair < old_counts.size(); ++pair) {
    for (std::size_t side = 0; side < 2; ++side) {
      const bool lost = new_counts[pair][side] < old_counts[pair][side];
      const bool gained_opposite = new_counts[pair][1 - side] > old_counts[pair][1 - side];
      if (lost && gained_opposite) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace tracker::diff
