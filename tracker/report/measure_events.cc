#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "tracker/report/measure_phrases.h"
#include "tracker/report/measures.h"
#include "tracker/report/term_distance.h"
#include "tracker/text/quantities.h"
#include "tracker/text/tokens.h"
#include "tracker/text/word_forms.h"

// Which event term of its sentence a figure takes (MeasureLexicon::event_near): the nearest
// term, read past the asides and the place phrase about the count, shared by counts joined by
// "and", and a part's taken from its whole.
namespace tracker::report {

using term_distance::joined_counts;
using term_distance::Nearest;
using term_distance::nearest_quantity;
using term_distance::place_after_noun;
using term_distance::Span;
using term_distance::spans_of;

namespace {

// Byte ranges [first, second) of a sentence.
using TextRanges = std::vector<std::pair<std::size_t, std::size_t>>;

// `first`, and each of `second` that overlaps none of them, in the sentence's order.
TextRanges ranges_passed(const TextRanges& first, const TextRanges& second) {
  TextRanges passed = first;
  for (const auto& range : second) {
    if (std::none_of(first.begin(), first.end(), [&](const auto& kept) {
          return range.first < kept.second && kept.first < range.second;
        })) {
      passed.push_back(range);
    }
  }
  std::sort(passed.begin(), passed.end());
  return passed;
}

// The range that holds byte `byte` (strictly inside it), or end().
TextRanges::const_iterator range_holding(const TextRanges& ranges, std::size_t byte) {
  return std::find_if(ranges.begin(), ranges.end(),
                      [&](const auto& range) { return byte > range.first && byte < range.second; });
}

// The sentence without the ranges, each with the byte that closes it (an aside's comma).
std::string without_ranges(std::string_view sentence, const TextRanges& ranges) {
  std::string rest;
  std::size_t from = 0;
  for (const auto& [begin, end] : ranges) {
    if (begin < from) {
      continue;  // overlaps the one before
    }
    rest.append(sentence.substr(from, begin - from));
    from = end < sentence.size() ? end + 1 : end;
  }
  rest.append(sentence.substr(std::min(from, sentence.size())));
  return rest;
}

}  // namespace

MeasureLexicon::Mention MeasureLexicon::term_nearest(std::string_view sentence,
                                                     const std::vector<text::Token>& tokens,
                                                     const std::vector<std::string>& stems,
                                                     const std::vector<text::Quantity>& quantities,
                                                     std::size_t self) const {
  const std::vector<Span> spans = spans_of(tokens, quantities);
  // A number whose noun is an event ("2,700 wounded") has its event: it takes no term. Nor
  // does a span of time, which is no figure ("a 24-hour walkout forced the cancellation of
  // about 350 flights": the cancellation is the flights').
  // An amount ("86 million euros") takes the terms of amounts, a count those of events: each
  // number competes for a term only with numbers of its own class.
  const bool amount = unit(quantities[self].noun);
  std::vector<bool> takes(quantities.size());  // read once: the lambda runs per term and number
  for (std::size_t q = 0; q < quantities.size(); ++q) {
    takes[q] =
        q == self || (unit(quantities[q].noun) == amount &&
                      event_of_noun(quantities[q].noun) == nullptr && !ignored(quantities[q].noun));
  }
  const auto takes_terms = [&](std::size_t q) { return takes[q]; };
  const auto asides = asides_of(sentence);
  const auto aside_of = [&](std::size_t byte) {
    return std::find_if(asides.begin(), asides.end(), [&](const auto& aside) {
      return byte > aside.first && byte < aside.second;
    });
  };
  const auto own_aside = aside_of(quantities[self].begin);
  Mention nearest;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t at = 0; at < stems.size();) {
    std::size_t length = 0;
    const Event* event = event_at(stems, at, length, amount);
    if (event == nullptr || aside_of(tokens[at].begin) != own_aside) {
      at += event == nullptr ? 1 : length;
      continue;
    }
    const Nearest owner =
        nearest_quantity(tokens, sentence, spans, at, at + length - 1, takes_terms);
    if (owner.index == self && owner.distance < best) {
      best = owner.distance;
      nearest = {event, at, at + length - 1};
    }
    at += length;
  }
  return nearest;
}

const MeasureLexicon::Event* MeasureLexicon::event_near(
    std::string_view sentence, const std::vector<text::Token>& tokens,
    const std::vector<text::Quantity>& quantities, std::size_t self) const {
  if (self >= quantities.size()) {
    return nullptr;
  }
  const TextRanges parts = part_asides_of(sentence);
  // What a count's verb reads past: its parts, the relative clauses about it ("45 people, who
  // gathered in the square, were later arrested") and the place its count is in.
  TextRanges others = asides_of(sentence);
  if (const auto place =
          place_after_noun(sentence, tokens, quantities, spans_of(tokens, quantities), self)) {
    others.push_back(*place);
  }
  const TextRanges passed = ranges_passed(parts, others);
  if (passed.empty()) {
    return event_in_clause(sentence, tokens, quantities, self);
  }
  const bool in_part = range_holding(parts, quantities[self].begin) != parts.end();
  if (!in_part && range_holding(passed, quantities[self].begin) != passed.end()) {
    return event_in_clause(sentence, tokens, quantities, self);  // a count the aside reports
  }
  if (in_part) {
    // A part ("including three children") takes a term of its own, else the whole's.
    if (const Event* own = event_in_clause(sentence, tokens, quantities, self); own != nullptr) {
      return own;
    }
    const auto aside = range_holding(parts, quantities[self].begin);
    for (std::size_t whole = self; whole-- > 0;) {
      if (quantities[whole].end <= aside->first &&
          range_holding(parts, quantities[whole].begin) == parts.end()) {
        return event_near(sentence, tokens, quantities, whole);
      }
    }
    return nullptr;
  }
  // The whole count reads its sentence without them: "12 people were killed".
  const std::string whole_clause = without_ranges(sentence, passed);
  std::size_t index = 0;
  for (std::size_t q = 0; q < self; ++q) {
    index += range_holding(passed, quantities[q].begin) == passed.end() ? 1 : 0;
  }
  const std::vector<text::Quantity> whole_quantities = text::find_quantities(whole_clause);
  if (index >= whole_quantities.size() || whole_quantities[index].text != quantities[self].text) {
    return event_in_clause(sentence, tokens, quantities, self);  // read otherwise without them
  }
  return event_in_clause(whole_clause, text::tokenize(whole_clause), whole_quantities, index);
}

const MeasureLexicon::Event* MeasureLexicon::event_in_clause(
    std::string_view sentence, const std::vector<text::Token>& tokens,
    const std::vector<text::Quantity>& quantities, std::size_t self) const {
  std::vector<std::string> stems;
  for (const text::Token& token : tokens) {
    stems.push_back(text::inflection_stem(token.lower));
  }
  if (const Mention own = term_nearest(sentence, tokens, stems, quantities, self);
      own.event != nullptr) {
    return own.event;
  }
  // Counts joined by "and" share the verb outside them: "two guards and six inmates were killed"
  // (the term after the second), "the blast killed two guards and six inmates" (before the first).
  const std::vector<Span> spans = spans_of(tokens, quantities);
  if (self + 1 < quantities.size() &&
      joined_counts(sentence, tokens, quantities, spans, self, self + 1)) {
    const Mention next = term_nearest(sentence, tokens, stems, quantities, self + 1);
    if (next.event != nullptr && next.first > spans[self + 1].last) {
      return next.event;
    }
  }
  if (self > 0 && joined_counts(sentence, tokens, quantities, spans, self - 1, self)) {
    const Mention previous = term_nearest(sentence, tokens, stems, quantities, self - 1);
    if (previous.event != nullptr && previous.last < spans[self - 1].first) {
      return previous.event;
    }
  }
  return nullptr;
}

}  // namespace tracker::report
