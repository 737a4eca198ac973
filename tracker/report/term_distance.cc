#include "tracker/report/term_distance.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace tracker::report::term_distance {
namespace {

// How far an event term may stand from its number, in words: "12 people were killed in the
// attack on the market" (after), "the death toll from flash floods and landslides in the
// province has risen to 27" (before, the sentence's subject).
constexpr std::size_t k_words_after = 8;
constexpr std::size_t k_words_before = 14;
// A figure that ends a count's move ("the death toll from the floods that swept the north on
// Saturday night has risen to 19") is the subject's however long the subject runs.
constexpr std::size_t k_words_before_a_move = 24;
// A term after a number counts this much of its distance: English puts the event after what it
// counts ("300 soldiers have been killed"), so a term between two numbers is the first one's
// unless it stands right before the second ("killed 12 and wounded 30").
constexpr double k_after_weight = 0.5;

// A comma, semicolon or colon between words `before` and `after` puts them in different
// clauses: "killed or wounded, at least 1,200 of them fatally".
constexpr double k_clause_break = 2.0;

// Whether the quantity's words follow a verb that moves a count, and "to" or "at": "rose to 61",
// "has risen to at least 27", "climbed to", "was revised to", "stood at".
bool ends_a_move(const std::vector<text::Token>& tokens, const Span& quantity) {
  constexpr std::array<std::string_view, 20> k_moves = {
      "rose",     "risen",  "rises",   "climbed", "climbs", "increased", "increases",
      "jumped",   "grew",   "grown",   "fell",    "fallen", "falls",     "dropped",
      "declined", "raised", "revised", "lowered", "stood",  "stands"};
  if (quantity.first < 2) {
    return false;
  }
  const std::string_view preposition = tokens[quantity.first - 1].lower;
  const std::string_view verb = tokens[quantity.first - 2].lower;
  return (preposition == "to" || preposition == "at") &&
         std::find(k_moves.begin(), k_moves.end(), verb) != k_moves.end();
}

}  // namespace

Span words_of(const std::vector<text::Token>& tokens, const text::Quantity& quantity) {
  Span span;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].begin >= quantity.begin && tokens[i].begin < quantity.end) {
      span.first = span.found ? span.first : i;
      span.last = i;
      span.found = true;
    }
  }
  return span;
}

bool clause_break_between(const std::vector<text::Token>& tokens, std::size_t before,
                          std::size_t after, std::string_view sentence) {
  const std::size_t from = tokens[before].begin + tokens[before].text.size();
  const std::size_t to = tokens[after].begin;
  return from < to &&
         sentence.substr(from, to - from).find_first_of(",;:") != std::string_view::npos;
}

double weighted_distance(const std::vector<text::Token>& tokens, std::string_view sentence,
                         const Span& quantity, std::size_t first, std::size_t last) {
  constexpr double k_far = std::numeric_limits<double>::infinity();
  if (first > quantity.last) {
    const std::size_t away = first - quantity.last;
    const double apart =
        clause_break_between(tokens, quantity.last, first, sentence) ? k_clause_break : 0.0;
    return away <= k_words_after ? static_cast<double>(away) * k_after_weight + apart : k_far;
  }
  if (last < quantity.first) {
    const std::size_t away = quantity.first - last;
    const double apart =
        clause_break_between(tokens, last, quantity.first, sentence) ? k_clause_break : 0.0;
    const std::size_t reach =
        ends_a_move(tokens, quantity) ? k_words_before_a_move : k_words_before;
    return away <= reach ? static_cast<double>(away) + apart : k_far;
  }
  return k_far;  // inside the number's own words
}

std::vector<Span> spans_of(const std::vector<text::Token>& tokens,
                           const std::vector<text::Quantity>& quantities) {
  std::vector<Span> spans;
  for (const text::Quantity& quantity : quantities) {
    spans.push_back(words_of(tokens, quantity));
  }
  return spans;
}

bool joined_counts(std::string_view sentence, const std::vector<text::Token>& tokens,
                   const std::vector<text::Quantity>& quantities, const std::vector<Span>& spans,
                   std::size_t first, std::size_t second) {
  constexpr std::size_t k_words_before_noun = 2;
  const Span& left = spans[first];
  const Span& right = spans[second];
  if (!left.found || !right.found || right.first < left.last + 3 ||
      right.first > left.last + 3 + k_words_before_noun || quantities[first].noun.empty()) {
    return false;
  }
  const std::string_view conjunction = tokens[right.first - 1].lower;
  return (conjunction == "and" || conjunction == "or") &&
         tokens[right.first - 2].lower == quantities[first].noun &&
         !clause_break_between(tokens, left.last, right.first, sentence);
}

std::optional<std::pair<std::size_t, std::size_t>> place_after_noun(
    std::string_view sentence, const std::vector<text::Token>& tokens,
    const std::vector<text::Quantity>& quantities, const std::vector<Span>& spans,
    std::size_t self) {
  constexpr std::size_t k_most_words = 7;
  constexpr std::array<std::string_view, 5> k_place_prepositions = {"in", "across", "from", "at",
                                                                    "on"};
  constexpr std::array<std::string_view, 8> k_count_verbs = {"are",  "were", "is",  "was",
                                                             "have", "has",  "had", "remain"};
  const Span& span = spans[self];
  const std::size_t noun = span.last + 1;
  if (!span.found || quantities[self].noun.empty() || noun + 2 >= tokens.size() ||
      tokens[noun].lower != quantities[self].noun ||
      std::find(k_place_prepositions.begin(), k_place_prepositions.end(), tokens[noun + 1].lower) ==
          k_place_prepositions.end()) {
    return std::nullopt;
  }
  for (std::size_t at = noun + 2; at < tokens.size() && at <= noun + 1 + k_most_words; ++at) {
    if (clause_break_between(tokens, at - 1, at, sentence) ||
        std::any_of(spans.begin(), spans.end(), [&](const Span& other) {
          return other.found && other.first <= at && at <= other.last;
        })) {
      return std::nullopt;
    }
    if (std::find(k_count_verbs.begin(), k_count_verbs.end(), tokens[at].lower) !=
        k_count_verbs.end()) {
      const std::size_t from = tokens[noun].begin + tokens[noun].text.size();
      return std::pair(from, tokens[at].begin - 2);
    }
  }
  return std::nullopt;
}

}  // namespace tracker::report::term_distance
