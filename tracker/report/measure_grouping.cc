#include "tracker/report/measure_grouping.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "tracker/report/disjoint_sets.h"
#include "tracker/report/ledger.h"
#include "tracker/report/size_bands.h"

namespace tracker::report {
namespace {

// Weights in k_pair_feature_names order, written by bench/train_ledger_grouping.py --write.
constexpr PairFeatures k_weights = {
#include "tracker/report/measure_grouping_weights.inc"
};

// Two groups join while the mean probability between them is at least this.
constexpr double k_join_at = 0.5;
// Words on either side of a figure that say what it counts ("have sprayed about 2,500 hectares
// so far").
constexpr std::size_t k_context_words = 5;
// A group of figures joined by likely pairs larger than this keeps the rules' names: linkage
// costs the cube of its size.
constexpr std::size_t k_most_linked = 400;

// Words that say nothing of what a figure counts: articles, prepositions, auxiliaries,
// qualifiers and "said".
bool stop_word(std::string_view word) {
  static const std::unordered_set<std::string_view> k_stop = {
      "the",    "a",       "an",    "of",    "and",  "or",   "to",    "in",    "on",     "at",
      "by",     "for",     "with",  "from",  "have", "has",  "had",   "been",  "were",   "was",
      "are",    "is",      "be",    "about", "some", "more", "than",  "least", "nearly", "almost",
      "around", "roughly", "over",  "under", "up",   "its",  "their", "his",   "her",    "said",
      "says",   "that",    "which", "who",   "now",  "so",   "far",   "as"};
  return k_stop.contains(word);
}

struct Word {
  std::string text;  // lower-cased
  std::size_t begin = 0;
};

// Runs of ASCII letters and digits, lower-cased, with their byte offsets: the words as
// bench/train_ledger_grouping.py reads them, so that tracker weighs the features the weights were
// fitted on (text::tokenize would also keep other scripts' letters and split differently).
std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> words;
  std::size_t i = 0;
  const auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  while (i < text.size()) {
    if (!alnum(text[i])) {
      ++i;
      continue;
    }
    Word word{{}, i};
    while (i < text.size() && alnum(text[i])) {
      word.text += text::ascii_lower(text[i++]);
    }
    words.push_back(std::move(word));
  }
  return words;
}

bool content_word(std::string_view word) {
  return !(word.front() >= '0' && word.front() <= '9') && !stop_word(word);
}

// Words as numbers, so that sets compare by integers.
class Interner {
 public:
  std::uint32_t id(const std::string& word) {
    return m_ids.try_emplace(word, static_cast<std::uint32_t>(m_ids.size())).first->second;
  }

 private:
  std::unordered_map<std::string, std::uint32_t> m_ids;
};

using WordSet = std::vector<std::uint32_t>;  // sorted, unique

WordSet as_set(std::vector<std::uint32_t> ids) {
  std::ranges::sort(ids);
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// How many elements two sorted lists share, repeats counted as often as both hold them: a merge.
std::size_t shared_count(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t shared = 0;
  for (auto x = a.begin(), y = b.begin(); x != a.end() && y != b.end();) {
    if (*x < *y) {
      ++x;
    } else if (*y < *x) {
      ++y;
    } else {
      ++shared, ++x, ++y;
    }
  }
  return shared;
}

double jaccard(const WordSet& a, const WordSet& b) {
  const std::size_t shared = shared_count(a, b);
  const std::size_t either = a.size() + b.size() - shared;
  return either == 0 ? 0.0 : static_cast<double>(shared) / static_cast<double>(either);
}

// The name without its trailing parenthesis ("people (3,500 to 4,000)": "people").
std::string_view base_of(std::string_view name) {
  const std::size_t open = name.find(" (");
  return open != std::string_view::npos && name.ends_with(')') ? name.substr(0, open) : name;
}

bool names_a_period(std::string_view name) {
  for (std::size_t at = name.find(" in "); at != std::string_view::npos;
       at = name.find(" in ", at + 1)) {
    const std::string_view rest = name.substr(at + 4);
    if (rest.size() >= 4 &&
        std::all_of(rest.begin(), rest.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
      return true;
    }
  }
  return false;
}

// One figure, read once for all its pairs.
struct ReadFigure {
  std::string key;       // measure_key of the name
  std::string base_key;  // measure_key of the name without its parenthesis
  WordSet base_words;
  std::optional<double> value;
  std::string_view outlet;
  std::vector<std::uint32_t> speaker;  // sorted, repeats kept
  WordSet sentence;
  WordSet context;
  std::string_view qualifier;
  bool part = false;
  bool period = false;
  // Named by an event of the lexicon ("killed"), not by its noun alone: two figures that one
  // event's term names alike count one thing more often than two that share only a noun.
  bool event = false;
};

ReadFigure read_figure(const GroupedFigure& grouped, Interner& interner) {
  const Figure& figure = *grouped.figure;
  ReadFigure read;
  read.key = measure_key(grouped.name);
  read.base_key = measure_key(base_of(grouped.name));
  std::vector<std::uint32_t> ids;
  for (std::size_t start = 0; start < read.base_key.size();) {
    const std::size_t end = std::min(read.base_key.find(' ', start), read.base_key.size());
    ids.push_back(interner.id(read.base_key.substr(start, end - start)));
    start = end + 1;
  }
  read.base_words = as_set(std::move(ids));
  read.value = figure.value;
  read.outlet = figure.source;
  for (const Word& word : words_of(figure.attribution)) {
    read.speaker.push_back(interner.id(word.text));
  }
  std::ranges::sort(read.speaker);
  const std::vector<Word> words = words_of(figure.claim);
  ids.clear();
  for (const Word& word : words) {
    if (content_word(word.text)) {
      ids.push_back(interner.id(word.text));
    }
  }
  read.sentence = as_set(std::move(ids));
  ids.clear();
  if (const std::size_t at = figure.claim.find(figure.text); at != std::string::npos) {
    std::size_t first = 0;
    while (first < words.size() && words[first].begin < at) {
      ++first;
    }
    std::size_t last = first;
    while (last < words.size() && words[last].begin < at + figure.text.size()) {
      ++last;
    }
    for (std::size_t i = first >= k_context_words ? first - k_context_words : 0;
         i < std::min(words.size(), last + k_context_words); ++i) {
      if ((i < first || i >= last) && content_word(words[i].text)) {
        ids.push_back(interner.id(words[i].text));
      }
    }
  }
  read.context = as_set(std::move(ids));
  read.qualifier = figure.qualifier;
  read.part = grouped.name.find("(part)") != std::string::npos;
  read.period = names_a_period(grouped.name);
  read.event = !figure.measure_event.empty();
  return read;
}

// How far two speakers' words agree (the F1 of their shared words, repeats counted), as the
// ledger benchmark compares attributions. The words are sorted ids, so a pair costs a merge.
double speaker_overlap(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() || b.empty()) {
    return 0;
  }
  const std::size_t shared = shared_count(a, b);
  if (shared == 0) {
    return 0;
  }
  const double p = static_cast<double>(shared) / static_cast<double>(a.size());
  const double r = static_cast<double>(shared) / static_cast<double>(b.size());
  return 2 * p * r / (p + r);
}

PairFeatures features_of(const ReadFigure& a, const ReadFigure& b) {
  double log_ratio = 0;
  bool near = false;
  if (a.value && b.value && *a.value > 0 && *b.value > 0) {
    log_ratio = std::abs(std::log(*a.value / *b.value));
    near = log_ratio < std::log(1.5);
    log_ratio = std::min(log_ratio, 5.0);
  }
  const auto flag = [](bool yes) { return yes ? 1.0 : 0.0; };
  return {1.0,
          flag(!a.key.empty() && a.key == b.key),
          flag(!a.base_key.empty() && a.base_key == b.base_key),
          jaccard(a.base_words, b.base_words),
          log_ratio,
          flag(near),
          flag(a.outlet == b.outlet),
          flag(speaker_overlap(a.speaker, b.speaker) >= 0.5),
          jaccard(a.sentence, b.sentence),
          jaccard(a.context, b.context),
          flag(a.qualifier == b.qualifier),
          flag(a.part || b.part),
          flag(a.period != b.period),
          flag(a.event && b.event && !a.key.empty() && a.key == b.key)};
}

// Average linkage over `members` (indexes into the selection), with `probability(i, j)` between
// two of them: the groups found, each a list of members.
template <typename Probability>
std::vector<std::vector<std::size_t>> linked_groups(const std::vector<std::size_t>& members,
                                                    const Probability& probability) {
  const std::size_t m = members.size();
  std::vector<std::vector<double>> mean(m, std::vector<double>(m, 0.0));
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = i + 1; j < m; ++j) {
      mean[i][j] = mean[j][i] = probability(members[i], members[j]);
    }
  }
  std::vector<std::vector<std::size_t>> groups(m);
  std::vector<bool> alive(m, true);
  for (std::size_t i = 0; i < m; ++i) {
    groups[i] = {members[i]};
  }
  while (true) {
    double best = k_join_at;
    std::optional<std::pair<std::size_t, std::size_t>> join;
    for (std::size_t i = 0; i < m; ++i) {
      for (std::size_t j = i + 1; alive[i] && j < m; ++j) {
        if (alive[j] && mean[i][j] >= best && (!join || mean[i][j] > best)) {
          best = mean[i][j];
          join = {i, j};
        }
      }
    }
    if (!join) {
      break;
    }
    const auto [a, b] = *join;
    const double size_a = static_cast<double>(groups[a].size());
    const double size_b = static_cast<double>(groups[b].size());
    for (std::size_t k = 0; k < m; ++k) {
      if (alive[k] && k != a && k != b) {
        mean[a][k] = mean[k][a] = (size_a * mean[a][k] + size_b * mean[b][k]) / (size_a + size_b);
      }
    }
    groups[a].insert(groups[a].end(), groups[b].begin(), groups[b].end());
    groups[b].clear();
    alive[b] = false;
  }
  std::erase_if(groups, [](const std::vector<std::size_t>& group) { return group.empty(); });
  return groups;
}

// The name most of a group's figures have from the rules, the first of them at a tie.
std::string most_given_name(const std::vector<std::size_t>& group,
                            const std::vector<std::string>& names) {
  std::map<std::string, std::pair<std::size_t, std::size_t>> uses;  // name: count, -first
  for (std::size_t member : group) {
    auto [use, added] = uses.try_emplace(names[member], 0, member);
    ++use->second.first;
    use->second.second = std::min(use->second.second, member);
  }
  return std::max_element(uses.begin(), uses.end(),
                          [](const auto& a, const auto& b) {
                            return a.second.first != b.second.first
                                       ? a.second.first < b.second.first
                                       : a.second.second > b.second.second;
                          })
      ->first;
}

// The name of a group that shares its rules' name with a larger group: the name's base with the
// range of the group's values ("hectares (2,500 to 21,000)").
std::string told_apart(const std::string& name, const std::vector<std::size_t>& group,
                       const std::vector<const Figure*>& figures) {
  std::optional<double> low;
  std::optional<double> high;
  for (std::size_t member : group) {
    if (const std::optional<double>& value = figures[member]->value) {
      low = low ? std::min(*low, *value) : *value;
      high = high ? std::max(*high, *value) : *value;
    }
  }
  std::string told(base_of(name));
  if (low) {
    told += " (" + readable_value(*low);
    if (*high != *low) {
      told += " to " + readable_value(*high);
    }
    told += ")";
  }
  return name.find("(part)") != std::string::npos ? told + " (part)" : told;
}

}  // namespace

PairFeatures pair_features(const GroupedFigure& a, const GroupedFigure& b) {
  Interner interner;
  return features_of(read_figure(a, interner), read_figure(b, interner));
}

double same_measure_probability(const PairFeatures& features) {
  double logit = 0;
  for (std::size_t i = 0; i < features.size(); ++i) {
    logit += k_weights[i] * features[i];
  }
  return 1 / (1 + std::exp(-logit));
}

std::vector<std::string> regrouped_names(const std::vector<const Figure*>& figures,
                                         std::vector<std::string> names) {
  // A vague figure ("several soldiers were killed", whose value is only a guess) has no value to
  // weigh, so it keeps the rules' name and goes with the group that keeps that name.
  std::vector<std::size_t> named;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    if (!names[i].empty() && figures[i]->value && figures[i]->qualifier != "vague") {
      named.push_back(i);
    }
  }
  if (named.size() < 2 || named.size() > k_most_grouped) {
    return names;
  }
  Interner interner;
  std::vector<ReadFigure> read(figures.size());
  for (std::size_t i : named) {
    read[i] = read_figure({names[i], figures[i]}, interner);
  }
  std::vector<double> probabilities(named.size() * named.size(), 0.0);
  DisjointSets components(figures.size());
  for (std::size_t x = 0; x < named.size(); ++x) {
    for (std::size_t y = x + 1; y < named.size(); ++y) {
      const double p = same_measure_probability(features_of(read[named[x]], read[named[y]]));
      probabilities[x * named.size() + y] = probabilities[y * named.size() + x] = p;
      if (p >= k_join_at) {
        components.join(named[x], named[y]);
      }
    }
  }
  std::vector<std::size_t> position(figures.size(), 0);  // in `named`
  for (std::size_t x = 0; x < named.size(); ++x) {
    position[named[x]] = x;
  }
  std::map<std::size_t, std::vector<std::size_t>> by_component;
  for (std::size_t i : named) {
    by_component[components.root(i)].push_back(i);
  }
  std::vector<std::vector<std::size_t>> groups;
  for (auto& [root, members] : by_component) {
    if (members.size() > k_most_linked) {
      // Too large to link: its figures keep their rules' names, each name a group.
      std::map<std::string, std::vector<std::size_t>> by_name;
      for (std::size_t member : members) {
        by_name[names[member]].push_back(member);
      }
      for (auto& [name, group] : by_name) {
        groups.push_back(std::move(group));
      }
      continue;
    }
    for (std::vector<std::size_t>&group : linked_groups(members, [&](std::size_t i, std::size_t j) {
           return probabilities[position[i] * named.size() + position[j]];
         })) {
      groups.push_back(std::move(group));
    }
  }
  // Each group takes its most given name; where groups share one, the largest keeps it.
  std::ranges::sort(groups, [](const auto& a, const auto& b) {
    return a.size() != b.size() ? a.size() > b.size() : std::ranges::min(a) < std::ranges::min(b);
  });
  std::vector<std::string> regrouped = names;
  std::unordered_set<std::string> taken;
  for (const std::vector<std::size_t>& group : groups) {
    const std::string given = most_given_name(group, names);
    std::string name = given;
    if (taken.contains(measure_key(name))) {
      const std::string told = told_apart(given, group, figures);
      name = told;
      for (int n = 2; taken.contains(measure_key(name)); ++n) {
        name = told + " (" + std::to_string(n) + ")";
      }
    }
    taken.insert(measure_key(name));
    for (std::size_t member : group) {
      regrouped[member] = name;
    }
  }
  return regrouped;
}

}  // namespace tracker::report
