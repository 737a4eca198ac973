#include "tracker/report/measure_phrases.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "tracker/text/tokens.h"
#include "tracker/text/word_forms.h"

namespace tracker::report {

using namespace std::string_view_literals;

namespace {

// "from its estimate of", "from an earlier count of": "from", a determiner, at most two more
// words, then "of", right before the number (`before` is the lower-case text up to it).
bool from_named_value(std::string_view before) {
  if (!before.ends_with(" of")) {
    return false;
  }
  const std::vector<text::Token> tokens = text::tokenize(before);
  static constexpr std::array<std::string_view, 7> k_determiners = {"its", "their", "his", "her",
                                                                    "the", "an",    "a"};
  // tokens: ... from DET [word [word]] of
  for (std::size_t words = 1; words <= 3 && words + 2 <= tokens.size(); ++words) {
    const std::size_t from = tokens.size() - words - 2;
    if (tokens[from].lower == "from" && std::find(k_determiners.begin(), k_determiners.end(),
                                                  tokens[from + 1].lower) != k_determiners.end()) {
      return true;
    }
  }
  return false;
}

constexpr std::array<std::string_view, 5> k_counts = {"number", "figure", "count", "total", "toll"};

bool is_count_word(std::string_view word) {
  return std::find(k_counts.begin(), k_counts.end(), word) != k_counts.end();
}

// Another source's value of the count before: "puts the number at", "put the figure at", or the
// count as the subject, "while the fire service's own count stood at".
bool puts_number_at(std::string_view before) {
  if (!before.ends_with(" at")) {
    return false;  // most numbers: no need to read the words
  }
  const std::vector<text::Token> tokens = text::tokenize(before);
  if (tokens.size() < 3 || tokens.back().lower != "at") {
    return false;
  }
  static constexpr std::array<std::string_view, 6> k_putting = {"put",    "puts",   "putting",
                                                                "placed", "places", "placing"};
  static constexpr std::array<std::string_view, 4> k_standing = {"stood", "stands", "was", "is"};
  const std::string_view word_before_at = tokens[tokens.size() - 2].lower;
  if (std::find(k_standing.begin(), k_standing.end(), word_before_at) != k_standing.end()) {
    // Not "the toll stood at": a toll names its own event, whatever number came before.
    const std::string_view subject = tokens[tokens.size() - 3].lower;
    return subject != "toll" && is_count_word(subject);
  }
  return tokens.size() >= 4 && tokens[tokens.size() - 3].lower == "the" &&
         is_count_word(word_before_at) &&
         std::find(k_putting.begin(), k_putting.end(), tokens[tokens.size() - 4].lower) !=
             k_putting.end();
}

// A word that can name what an amount is: lower-case letters (a name or a number names the
// payer or the year, not the sum), three or more, and no function word.
bool names_a_thing(std::string_view word) {
  return word.size() >= 3 &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
         !text::is_function_word(word);
}

// Nouns that say an amount is a sum, or someone's reckoning of one, and nothing of what it is
// for: "a total of", "the sum of", "upwards of", "to the tune of", "the federation's estimate
// of" (an estimate of the losses the sentence names elsewhere).
bool says_only_sum(std::string_view word) {
  static constexpr std::array<std::string_view, 14> k_sums = {
      "total", "sum",    "amount", "value",    "worth",  "excess", "upwards",
      "tune",  "region", "order",  "estimate", "figure", "count",  "tally"};
  return text::one_of(word, k_sums);
}

std::string name_if_thing(std::string_view noun) {
  return names_a_thing(noun) && !says_only_sum(noun) ? std::string(noun) : std::string();
}

using text::one_of;

// Words that make an amount definite before it ("the €86 million overrun") and that open the
// phrase after a noun ("package for the district").
constexpr auto k_sum_determiners = std::to_array<std::string_view>(
    {"the", "a", "an", "its", "their", "his", "her", "our", "this"});
constexpr auto k_qualifying_prepositions =
    std::to_array<std::string_view>({"for", "of", "in", "at", "to", "on"});
constexpr auto k_to_or_at = std::to_array<std::string_view>({"to", "at"});
constexpr auto k_move_adverbs = std::to_array<std::string_view>({"down", "up", "now", "already"});
constexpr auto k_verb_auxiliaries = std::to_array<std::string_view>(
    {"has", "have", "had", "been", "is", "was", "were", "are", "be", "will", "would", "could",
     "may", "might", "now", "being"});

// "a rescue package of 180 million euros": the noun right before "of" (`before`: the words up
// to the amount, of which "of" is the last).
std::string named_before_of(const std::vector<text::Token>& before) {
  return before.size() >= 2 && before.back().lower == "of"
             ? name_if_thing(before[before.size() - 2].text)
             : std::string();
}

// "the €86 million shortfall": a determiner right before the amount, the noun right after it.
std::string named_after(std::string_view sentence, const std::vector<text::Token>& before,
                        const text::Quantity& amount) {
  const bool determined =
      !before.empty() && (one_of(before.back().lower, k_sum_determiners) ||
                          before.back().lower.ends_with("'s") ||
                          before.back().lower.ends_with("\u2019s"));
  const std::string_view rest = sentence.substr(amount.end);
  if (!determined || !rest.starts_with(' ')) {
    return {};
  }
  const std::vector<text::Token> after = text::tokenize(rest.substr(0, rest.find_first_of(",;:.")));
  return !after.empty() && after.front().begin == 1 ? name_if_thing(after.front().text)
                                                    : std::string();
}

// Verbs that set or state a sum's value, before "to" or "at" ("raised ... to", "put ... at").
constexpr auto k_setting = std::to_array<std::string_view>(
    {"raised",    "raises",  "raise",   "lowered", "lowers",  "cut",       "cuts",      "increased",
     "increases", "reduced", "reduces", "revised", "revises", "put",       "puts",      "putting",
     "set",       "sets",    "doubled", "doubles", "trimmed", "estimated", "estimates", "placed"});
// Verbs whose subject is the sum: "the shortfall stands at", "turnout rose to".
constexpr auto k_moving = std::to_array<std::string_view>(
    {"rose",   "risen",   "rise",   "rises",   "grew",  "grow",      "grown",  "fell",
     "fallen", "fall",    "stands", "stood",   "stand", "climbed",   "climb",  "reached",
     "reach",  "revised", "raised", "lowered", "cut",   "increased", "reduced"});

// The value a sum was set to or stands at: "raised its pay offer to 3.5 percent", "put insured
// losses at about 45 million euros", "increased its rescue package for the district to €250
// million", "this year's shortfall stands at 86 million euros", "turnout was revised down to
// 60.9 percent". Either the noun before "to" or "at" is the object of a verb that sets a value,
// at most four words before it, past a phrase "for the district" that qualifies it; or a verb
// that moves a value stands before "to" or "at", and the noun is its subject, past its
// auxiliaries. "the compensation it will pay each family to ..." names neither.
std::string named_before_to(const std::vector<text::Token>& before) {
  if (before.empty() || !one_of(before.back().lower, k_to_or_at)) {
    return {};
  }
  std::size_t at = before.size() - 1;
  const auto skip = [&](const auto& words) {
    while (at > 0 && one_of(before[at - 1].lower, words)) {
      --at;
    }
  };
  skip(k_move_adverbs);
  const std::size_t verb_end = at;
  skip(k_moving);
  const bool subject = at != verb_end;
  if (subject) {
    skip(k_verb_auxiliaries);
  }
  if (at == 0) {
    return {};
  }
  std::size_t noun = at - 1;
  // "package for the district", "shortfall for this year": the noun before the preposition.
  if (noun >= 3 && one_of(before[noun - 1].lower, k_sum_determiners) &&
      one_of(before[noun - 2].lower, k_qualifying_prepositions)) {
    noun -= 3;
  }
  if (!subject) {
    bool set = false;
    for (std::size_t back = 1; back <= 4 && back <= noun && !set; ++back) {
      set = one_of(before[noun - back].lower, k_setting);
    }
    if (!set) {
      return {};
    }
  }
  // A subject may open the sentence: "Turnout was revised down to 60.9 percent".
  return name_if_thing(noun == 0 ? std::string_view(before[noun].lower) : before[noun].text);
}

}  // namespace

std::string amount_named_by(std::string_view sentence, const text::Quantity& amount) {
  if (amount.begin > sentence.size() || amount.end > sentence.size()) {
    return {};
  }
  const std::vector<text::Token> before = text::tokenize(sentence.substr(0, amount.begin));
  // Only the words right before the amount count: nothing but spaces between them.
  if (!before.empty() &&
      sentence.substr(before.back().begin + before.back().text.size(),
                      amount.begin - before.back().begin - before.back().text.size())
              .find_first_not_of(' ') != std::string_view::npos) {
    return {};  // "a fine, 4.5 million euros": a comma, a quotation mark, a bracket between
  }
  for (std::string named : {named_before_of(before), named_before_to(before)}) {
    if (!named.empty()) {
      return named;
    }
  }
  return named_after(sentence, before, amount);
}

bool other_value_of_number_before(std::string_view sentence, std::size_t at) {
  std::string before = text::ascii_lower(sentence.substr(0, at));
  while (!before.empty() && (before.back() == ' ' || before.back() == ',')) {
    before.pop_back();
  }
  if (from_named_value(before) || puts_number_at(before)) {
    return true;
  }
  for (std::string_view tail : {"from", "from the", "rather than", "rather than the", "instead of",
                                "instead of the", "not", "not the"}) {
    if (before.ends_with(tail) &&
        (before.size() == tail.size() || before[before.size() - tail.size() - 1] == ' ')) {
      return true;
    }
  }
  return false;
}

bool restates_amount(std::string_view sentence, const text::Quantity& first, std::size_t to) {
  if (to <= first.end || to - first.end > 40) {
    return false;
  }
  for (const text::Token& token : text::tokenize(sentence.substr(first.end, to - first.end))) {
    static constexpr std::array<std::string_view, 7> k_restating = {
        "or", "about", "worth", "roughly", "around", "some", "nearly"};
    if (token.lower != first.noun &&
        std::find(k_restating.begin(), k_restating.end(), token.lower) == k_restating.end()) {
      return false;
    }
  }
  return true;
}

std::vector<std::pair<std::size_t, std::size_t>> asides_of(std::string_view sentence) {
  std::vector<std::pair<std::size_t, std::size_t>> asides;
  for (std::size_t at = sentence.find(", "); at != std::string_view::npos;
       at = sentence.find(", ", at + 1)) {
    const std::string_view rest = sentence.substr(at + 2);
    if (!rest.starts_with("which ") && !rest.starts_with("who ") && !rest.starts_with("whose ")) {
      continue;
    }
    const std::size_t end = sentence.find(',', at + 2);
    asides.emplace_back(at, end == std::string_view::npos ? sentence.size() : end);
  }
  return asides;
}

// Words that open the part of a count named after it: "12 people, including three children",
// "among them 45 children".
constexpr std::array k_part_openers = {"including"sv, "among them"sv, "among whom"sv};

std::vector<std::pair<std::size_t, std::size_t>> part_asides_of(std::string_view sentence) {
  std::vector<std::pair<std::size_t, std::size_t>> asides;
  const std::string lower = text::ascii_lower(sentence);
  for (std::size_t at = lower.find(", "); at != std::string::npos; at = lower.find(", ", at + 1)) {
    const std::string_view rest = std::string_view(lower).substr(at + 2);
    bool part = false;
    for (std::string_view cue : k_part_openers) {
      part = part || (rest.starts_with(cue) && rest.substr(cue.size()).starts_with(' '));
    }
    // "most of them", "six of whom": one word, then "of them" or "of whom".
    const std::size_t space = rest.find(' ');
    if (space != std::string_view::npos) {
      const std::string_view after_word = rest.substr(space);
      part = part || after_word.starts_with(" of them ") || after_word.starts_with(" of whom ");
    }
    if (part) {
      const std::size_t end = lower.find(',', at + 2);
      asides.emplace_back(at, end == std::string::npos ? lower.size() : end);
    }
  }
  return asides;
}

std::string noun_opening(std::string_view words) {
  const std::string counted = "2 " + std::string(words);
  const std::vector<text::Quantity> read = text::find_quantities(counted);
  return !read.empty() && read.front().begin == 0 ? read.front().noun : std::string();
}

std::string_view words_after_number_of(std::string_view sentence,
                                       const std::vector<text::Quantity>& quantities,
                                       std::size_t index) {
  const std::size_t from = index == 0 ? 0 : quantities[index - 1].end;
  const std::size_t to = quantities[index].begin;
  if (from >= to) {
    return {};
  }
  const std::string before = text::ascii_lower(sentence.substr(from, to - from));
  // The last such phrase before the number: "raised its count of people evacuated to 3,700".
  std::size_t best = std::string::npos;
  std::size_t best_size = 0;
  for (std::string_view phrase : {"number of "sv, "count of "sv, "estimate of "sv, "tally of "sv}) {
    const std::size_t at = before.rfind(phrase);
    if (at != std::string::npos && (at == 0 || before[at - 1] == ' ') &&
        (best == std::string::npos || at > best)) {
      best = at;
      best_size = phrase.size();
    }
  }
  if (best == std::string::npos) {
    return {};
  }
  return sentence.substr(from + best + best_size, to - from - best - best_size);
}

std::string noun_of_part(std::string_view sentence, const text::Quantity& quantity) {
  const std::string after =
      text::ascii_lower(sentence.substr(std::min(quantity.end, sentence.size())));
  for (std::string_view cue : {" of them ", " of whom "}) {
    if (after.starts_with(cue)) {
      std::string_view rest = std::string_view(after).substr(cue.size());
      for (std::string_view verb : {"are ", "were ", "being "}) {
        if (rest.starts_with(verb)) {
          rest.remove_prefix(verb.size());  // "four of whom are children"
        }
      }
      return noun_opening(rest);
    }
  }
  return {};
}

bool names_a_few_again(std::string_view sentence, const text::Quantity& quantity) {
  constexpr double k_few = 3;
  if (quantity.qualifier != text::Qualifier::exact || quantity.upper || quantity.value > k_few ||
      quantity.begin < 4 || quantity.begin > sentence.size()) {
    return false;
  }
  const std::string before = text::ascii_lower(sentence.substr(quantity.begin - 4, 4));
  return before == "the " && (quantity.begin == 4 || sentence[quantity.begin - 5] == ' ');
}

bool opens_subgroup(std::string_view sentence, std::size_t at) {
  constexpr std::size_t k_longest_cue = 12;  // "among whom", with spaces and a letter before it
  const std::size_t from = at > k_longest_cue + 4 ? at - k_longest_cue - 4 : 0;
  const std::string before = text::ascii_lower(sentence.substr(from, at - from));
  std::string_view rest(before);
  while (!rest.empty() && rest.back() == ' ') {
    rest.remove_suffix(1);
  }
  const auto ends_with_cue = [&](std::string_view cue) {
    return rest.ends_with(cue) &&
           (rest.size() == cue.size()
                ? from == 0  // the sentence opens with it, not the window
                : !std::isalpha(static_cast<unsigned char>(rest[rest.size() - cue.size() - 1])));
  };
  constexpr std::array k_other_cues = {"included"sv, "includes"sv, "include"sv, "of whom"sv};
  return std::any_of(k_part_openers.begin(), k_part_openers.end(), ends_with_cue) ||
         std::any_of(k_other_cues.begin(), k_other_cues.end(), ends_with_cue);
}

}  // namespace tracker::report
