#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "tracker/text/quantities.h"
#include "tracker/text/tokens.h"

// How the ledger's measures (measures.cc, measure_events.cc) tell which number of a sentence an
// event term or a year belongs to: the words each number covers, how far a mention stands from
// them, and the shapes of a clause that a verb reads past or shares ("two guards and six
// inmates were killed"). Plain readers of one tokenized sentence.
namespace tracker::report::term_distance {

// The words [first, last] a quantity covers, from the byte offsets of its text.
struct Span {
  std::size_t first = 0;
  std::size_t last = 0;
  bool found = false;
};

Span words_of(const std::vector<text::Token>& tokens, const text::Quantity& quantity);

// The words each quantity of a sentence covers, in the quantities' order.
std::vector<Span> spans_of(const std::vector<text::Token>& tokens,
                           const std::vector<text::Quantity>& quantities);

// Whether a comma, semicolon or colon between words `before` and `after` puts them in different
// clauses: "killed or wounded, at least 1,200 of them fatally".
bool clause_break_between(const std::vector<text::Token>& tokens, std::size_t before,
                          std::size_t after, std::string_view sentence);

// How far a mention [first, last] stands from a quantity's words, weighted; infinity past the
// limits.
double weighted_distance(const std::vector<text::Token>& tokens, std::string_view sentence,
                         const Span& quantity, std::size_t first, std::size_t last);

// The quantity a mention (words [first, last]) stands nearest, among those `eligible` admits; at
// equal distance the one before it. index == spans.size() when none is within reach.
struct Nearest {
  std::size_t index = 0;
  double distance = std::numeric_limits<double>::infinity();
};

template <typename Eligible>
Nearest nearest_quantity(const std::vector<text::Token>& tokens, std::string_view sentence,
                         const std::vector<Span>& spans, std::size_t first, std::size_t last,
                         const Eligible& eligible) {
  Nearest nearest{spans.size()};
  for (std::size_t q = 0; q < spans.size(); ++q) {
    if (!spans[q].found || !eligible(q)) {
      continue;
    }
    const double away = weighted_distance(tokens, sentence, spans[q], first, last);
    if (away < nearest.distance) {
      nearest = {q, away};
    }
  }
  return nearest;
}

// Whether counts `first` and `second` are one noun phrase joined by "and" or "or": the first's
// number, up to two words before its noun, then the conjunction right before the second ("two
// prison guards and six inmates"). "45 people gathered and 3 were killed" is two clauses, and so
// is "close 110 beds, and 90 midwives will lose their posts".
bool joined_counts(std::string_view sentence, const std::vector<text::Token>& tokens,
                   const std::vector<text::Quantity>& quantities, const std::vector<Span>& spans,
                   std::size_t first, std::size_t second);

// The place phrase between a count's noun and its verb ("At least 2.1 million people in the
// northern Suleva region are facing acute hunger"), as the byte range a verb reads past: from
// the end of the noun to two bytes before the auxiliary that ends it. Only a phrase of at most
// seven words, without a comma or another number, that an auxiliary ends.
std::optional<std::pair<std::size_t, std::size_t>> place_after_noun(
    std::string_view sentence, const std::vector<text::Token>& tokens,
    const std::vector<text::Quantity>& quantities, const std::vector<Span>& spans,
    std::size_t self);

}  // namespace tracker::report::term_distance
