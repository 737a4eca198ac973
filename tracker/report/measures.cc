#include "tracker/report/measures.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>
#include <map>
#include <optional>

#include "tracker/report/ledger.h"
#include "tracker/report/measure_phrases.h"
#include "tracker/report/population.h"
#include "tracker/text/quantities.h"
#include "tracker/text/tokens.h"
#include "tracker/text/word_forms.h"

namespace tracker::report {
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

// The words [first, last] a quantity covers, from the byte offsets of its text.
struct Span {
  std::size_t first = 0;
  std::size_t last = 0;
  bool found = false;
};

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

// A comma, semicolon or colon between words `before` and `after` puts them in different
// clauses: "killed or wounded, at least 1,200 of them fatally".
constexpr double k_clause_break = 2.0;

bool clause_break_between(const std::vector<text::Token>& tokens, std::size_t before,
                          std::size_t after, std::string_view sentence) {
  const std::size_t from = tokens[before].begin + tokens[before].text.size();
  const std::size_t to = tokens[after].begin;
  return from < to &&
         sentence.substr(from, to - from).find_first_of(",;:") != std::string_view::npos;
}

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

// How far a mention [first, last] stands from a quantity's words, weighted; infinity past the
// limits.
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

// The words each quantity of a sentence covers, in the quantities' order.
std::vector<Span> spans_of(const std::vector<text::Token>& tokens,
                           const std::vector<text::Quantity>& quantities) {
  std::vector<Span> spans;
  for (const text::Quantity& quantity : quantities) {
    spans.push_back(words_of(tokens, quantity));
  }
  return spans;
}

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

// The place phrase between a count's noun and its verb ("At least 2.1 million people in the
// northern Suleva region are facing acute hunger"), as the byte range a verb reads past: from
// the end of the noun to two bytes before the auxiliary that ends it. Only a phrase of at most
// seven words, without a comma or another number, that an auxiliary ends.
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

// "a day", "per week", "each year" within three words after a quantity's words, in its clause:
// a rate ("around 38,000 passengers a day", "2.4 million euros a day"), not a count.
std::string rate_after(const std::vector<text::Token>& tokens, std::string_view sentence,
                       const Span& quantity) {
  constexpr std::size_t k_reach = 3;
  for (std::size_t i = quantity.last + 1; i + 1 < tokens.size() && i <= quantity.last + k_reach;
       ++i) {
    if (clause_break_between(tokens, quantity.last, i, sentence)) {
      break;
    }
    const std::string_view per = tokens[i].lower;
    const std::string_view unit = tokens[i + 1].lower;
    // "a day after the storm", "a week earlier": a time, not a rate.
    const std::string_view then =
        i + 2 < tokens.size() ? std::string_view(tokens[i + 2].lower) : "";
    const bool time = then == "after" || then == "before" || then == "later" || then == "earlier" ||
                      then == "ago" || then == "of" || then == "since" || then == "when";
    if ((per == "a" || per == "an" || per == "per" || per == "each" || per == "every") && !time &&
        (unit == "hour" || unit == "day" || unit == "week" || unit == "month" || unit == "year")) {
      return "per " + std::string(unit);
    }
  }
  return {};
}

// When or how often a figure counts, where its sentence says so: a rate (rate_after), or "in
// 2009", "during 2009" or "since 2009, when", a year before `seen_year` standing nearer
// quantity `self` than any other quantity that `counts` ("Floods in the same province killed more
// than 70 people in 2009"; "a 24-hour strike in 2019 forced the cancellation of about 350 flights",
// where the 24 hours count nothing). Empty if neither.
template <typename Counts>
std::string period_of(std::string_view sentence, const std::vector<text::Token>& tokens,
                      const std::vector<text::Quantity>& quantities, std::size_t self,
                      int seen_year, const Counts& counts) {
  const std::vector<Span> spans = spans_of(tokens, quantities);
  if (!spans[self].found) {
    return {};
  }
  if (std::string rate = rate_after(tokens, sentence, spans[self]); !rate.empty()) {
    return rate;
  }
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const std::string_view year = tokens[i + 1].text;
    // "since 2019, when a walkout forced ...": the clause tells what happened in 2019. An
    // earlier event named by its year ("the 2009 crash at Sollet, in which 23 people died",
    // "the fire of 2018, which burned about 9,000 hectares") dates what it counts as well.
    const std::size_t after_year = tokens[i + 1].begin + year.size();
    const bool since_when =
        tokens[i].lower == "since" && sentence.substr(after_year).starts_with(", when ");
    const bool names_year = tokens[i].lower == "in" || tokens[i].lower == "during" ||
                            tokens[i].lower == "the" || tokens[i].lower == "of";
    if ((!names_year && !since_when) || year.size() != 4 ||
        !std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    // An event named by its year ("the 1994 disaster, in which ...", "since 1994, when ...")
    // dates what the words after it count, not a count before it ("Many residents recalled the
    // 1994 disaster"); "in 2009" dates a count on either side.
    const bool dates_what_follows = !(tokens[i].lower == "in" || tokens[i].lower == "during");
    const auto dated = [&](std::size_t q) {
      return counts(q) && (!dates_what_follows || (spans[q].found && spans[q].first > i + 1));
    };
    const int value = std::stoi(std::string(year));
    if (value < 1900 || value >= seen_year) {
      continue;
    }
    const std::size_t nearest = nearest_quantity(tokens, sentence, spans, i, i + 1, dated).index;
    // The clause about the event goes on past its first count: "the 1994 disaster, in which 39
    // fans died and more than 200 were hurt".
    const bool same_clause =
        dates_what_follows && nearest < self && spans[self].found &&
        !clause_break_between(tokens, spans[nearest].last, spans[self].first, sentence);
    if (nearest == self || same_clause) {
      return "in " + std::string(year);
    }
  }
  return {};
}

int year_of(store::UnixSeconds seconds) {
  if (seconds <= 0) {
    return 0;
  }
  const auto day = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds{std::chrono::seconds{seconds}});
  return static_cast<int>(std::chrono::year_month_day{day}.year());
}

}  // namespace

MeasureLexicon::MeasureLexicon(const MeasureTerms& terms) {
  for (const auto& [name, words] : terms.events) {
    Event event{name, {}};
    for (const std::string& term : words) {
      event.terms.push_back(stems_of(term));
    }
    m_events.push_back(std::move(event));
  }
  for (const auto& [name, words] : terms.amounts) {
    Event event{name, {}, true};
    for (const std::string& term : words) {
      event.terms.push_back(stems_of(term));
    }
    m_events.push_back(std::move(event));
  }
  for (const std::string& noun : terms.units) {
    m_units.insert(text::inflection_stem(text::ascii_lower(noun)));
  }
  for (const std::string& noun : terms.generic) {
    m_generic.insert(text::inflection_stem(text::ascii_lower(noun)));
  }
  for (const std::string& noun : terms.ignore) {
    m_ignore.insert(text::inflection_stem(text::ascii_lower(noun)));
  }
  for (const auto& [kind, nouns] : terms.kinds) {
    for (const std::string& noun : nouns) {
      m_kind_of.emplace(text::inflection_stem(text::ascii_lower(noun)), kind);
    }
  }
}

std::vector<std::string> MeasureLexicon::stems_of(std::string_view words) const {
  std::vector<std::string> stems;
  for (const text::Token& token : text::tokenize(words)) {
    stems.push_back(text::inflection_stem(token.lower));
  }
  return stems;
}

const MeasureLexicon::Event* MeasureLexicon::event_at(const std::vector<std::string>& stems,
                                                      std::size_t at, std::size_t& length,
                                                      bool of_amount) const {
  const Event* found = nullptr;
  length = 0;
  for (const Event& event : m_events) {
    if (event.of_amount != of_amount) {
      continue;
    }
    for (const std::vector<std::string>& term : event.terms) {
      if (term.size() > length && at + term.size() <= stems.size() &&
          std::equal(term.begin(), term.end(), stems.begin() + static_cast<std::ptrdiff_t>(at))) {
        length = term.size();
        found = &event;
      }
    }
  }
  return found;
}

const MeasureLexicon::Event* MeasureLexicon::event_of_noun(std::string_view noun) const {
  const std::vector<std::string> stems = stems_of(noun);
  std::size_t length = 0;
  const Event* event = stems.empty() ? nullptr : event_at(stems, 0, length);
  return event != nullptr && length == stems.size() ? event : nullptr;
}

bool MeasureLexicon::generic(std::string_view noun) const {
  const std::vector<std::string> stems = stems_of(noun);
  return stems.size() == 1 && m_generic.contains(stems.front());
}

std::string MeasureLexicon::kind_of(std::string noun) const {
  const std::vector<std::string> stems = stems_of(noun);
  if (stems.size() != 1) {
    return noun;
  }
  const auto kind = m_kind_of.find(stems.front());
  return kind != m_kind_of.end() ? kind->second : noun;
}

bool MeasureLexicon::unit(std::string_view noun) const {
  const std::vector<std::string> stems = stems_of(noun);
  return stems.size() == 1 && m_units.contains(stems.front());
}

bool MeasureLexicon::ignored(std::string_view noun) const {
  const std::vector<std::string> stems = stems_of(noun);
  return stems.size() == 1 && m_ignore.contains(stems.front());
}

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
  const auto parts = part_asides_of(sentence);
  // What a count's verb reads past: its parts and the relative clauses about it ("45 people, who
  // gathered in the square, were later arrested").
  std::vector<std::pair<std::size_t, std::size_t>> passed = parts;
  std::vector<std::pair<std::size_t, std::size_t>> others = asides_of(sentence);
  if (const auto place =
          place_after_noun(sentence, tokens, quantities, spans_of(tokens, quantities), self)) {
    others.push_back(*place);  // and the place its count is in
  }
  for (const auto& aside : others) {
    if (std::none_of(passed.begin(), passed.end(), [&](const auto& part) {
          return aside.first < part.second && part.first < aside.second;
        })) {
      passed.push_back(aside);
    }
  }
  if (passed.empty()) {
    return event_in_clause(sentence, tokens, quantities, self);
  }
  std::sort(passed.begin(), passed.end());
  const auto inside = [](const auto& ranges, std::size_t byte) {
    return std::find_if(ranges.begin(), ranges.end(), [&](const auto& range) {
      return byte > range.first && byte < range.second;
    });
  };
  const auto aside_holding = [&](std::size_t byte) { return inside(parts, byte); };
  if (inside(passed, quantities[self].begin) != passed.end() &&
      aside_holding(quantities[self].begin) == parts.end()) {
    return event_in_clause(sentence, tokens, quantities, self);  // a count the aside reports
  }
  if (aside_holding(quantities[self].begin) != parts.end()) {
    // A part ("including three children") takes a term of its own, else the whole's.
    if (const Event* own = event_in_clause(sentence, tokens, quantities, self); own != nullptr) {
      return own;
    }
    const auto aside = aside_holding(quantities[self].begin);
    for (std::size_t whole = self; whole-- > 0;) {
      if (quantities[whole].end <= aside->first &&
          aside_holding(quantities[whole].begin) == parts.end()) {
        return event_near(sentence, tokens, quantities, whole);
      }
    }
    return nullptr;
  }
  // The whole count reads its sentence without the parts: "12 people were killed".
  std::string whole_clause;
  std::size_t from = 0;
  for (const auto& [begin, end] : passed) {
    if (begin < from) {
      continue;  // overlaps the one before
    }
    whole_clause.append(sentence.substr(from, begin - from));
    from = end < sentence.size() ? end + 1 : end;
  }
  whole_clause.append(sentence.substr(std::min(from, sentence.size())));
  std::size_t index = 0;
  for (std::size_t q = 0; q < self; ++q) {
    index += inside(passed, quantities[q].begin) == passed.end() ? 1 : 0;
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

std::string MeasureLexicon::counted_noun(std::string_view sentence,
                                         const std::vector<text::Quantity>& quantities,
                                         std::size_t index, std::string noun, bool& part) const {
  if (!noun.empty() || index >= quantities.size()) {
    return noun;
  }
  if (noun = noun_of_part(sentence, quantities[index]); !noun.empty()) {
    part = true;  // "four of them children"
    return noun;
  }
  // "the number of troops ... at 300" counts troops; "the number of job losses ..." counts what
  // the event term opening the phrase names.
  const std::string_view counted = words_after_number_of(sentence, quantities, index);
  std::size_t length = 0;
  if (!counted.empty() && event_at(stems_of(counted), 0, length) == nullptr) {
    noun = noun_opening(counted);
  }
  // "85 houses destroyed and some 400 damaged": the noun of the number before. A share is no
  // count, so a percentage lends its unit to nothing: "412,380 votes, or 48.2 percent, against
  // 398,715" counts votes.
  for (std::size_t before = index; noun.empty() && before-- > 0;) {
    if (quantities[before].noun == "percent") {
      continue;
    }
    noun = quantities[before].noun;
    if (event_of_noun(noun) != nullptr) {
      noun.clear();  // "300 killed and 2,700 wounded": no noun to carry over
    }
    break;
  }
  return noun;
}

std::optional<Measure> MeasureLexicon::measure_at(std::string_view sentence,
                                                  const std::vector<text::Quantity>& quantities,
                                                  std::size_t index, std::string noun,
                                                  int seen_year) const {
  if (index > 0 && other_value_of_number_before(sentence, quantities[index].begin)) {
    return measure_at(sentence, quantities, index - 1, quantities[index - 1].noun,
                      seen_year);  // "down from 23"
  }
  const bool listed = index < quantities.size();  // not, for a claim stored by another build
  // "40 bitcoin, or about €2.4 million": the sum before, if a term named it; else each sum is
  // its own unit's.
  if (listed && index > 0 && unit(quantities[index].noun) && unit(quantities[index - 1].noun) &&
      restates_amount(sentence, quantities[index - 1], quantities[index].begin)) {
    std::optional<Measure> restated =
        measure_at(sentence, quantities, index - 1, quantities[index - 1].noun, seen_year);
    if (restated && !restated->event.empty()) {
      return restated;
    }
  }
  if (listed && names_a_few_again(sentence, quantities[index])) {
    return std::nullopt;  // "the two countries signed a truce": no figure of the story
  }
  const std::vector<text::Token> tokens = text::tokenize(sentence);  // read once, for both below
  Measure measure;
  if (unit(noun)) {
    measure.unit = noun;
  }
  measure.subgroup = listed && opens_subgroup(sentence, quantities[index].begin);
  noun = counted_noun(sentence, quantities, index, std::move(noun), measure.subgroup);
  if (ignored(noun)) {
    return std::nullopt;
  }
  if (const Event* event = event_of_noun(noun); event != nullptr) {
    measure.event = event->name;  // "2,700 wounded", "12 dead"
  } else if (const Event* near = event_near(sentence, tokens, quantities, index); near != nullptr) {
    // A part that reports an event of its own is that event's count, not the whole's part: "68
    // people were in hospital, of whom 21 were in intensive care".
    if (measure.subgroup && index > 0 && unit(quantities[index - 1].noun) == unit(noun) &&
        event_of_noun(quantities[index - 1].noun) != near &&
        event_near(sentence, tokens, quantities, index - 1) != near) {
      measure.subgroup = false;
    }
    // "45 people arrested" is "arrested", as "45 arrested" is; a part keeps its noun ("1,650
    // jobs cut, including about 520 jobs at the smelter"). An amount is what its term names, in
    // any unit ("60 bitcoin" and "€3.6 million" are one ransom).
    if ((generic(noun) && !measure.subgroup) || near->of_amount) {
      noun.clear();
    }
    measure.noun = kind_of(std::move(noun));
    measure.event = near->name;
  } else if (std::string named = listed && !measure.unit.empty()
                                     ? amount_named_by(sentence, quantities[index])
                                     : std::string();
             !named.empty()) {
    // An amount no term names is what its phrase calls it ("a rescue package of €180 million"),
    // not every sum in its unit at once.
    measure.event = std::move(named);
    measure.named_by_phrase = true;
  } else if (std::string population = listed && generic(noun)
                                          ? population_of(sentence, quantities[index])
                                          : std::string();
             !population.empty()) {
    measure.event = std::move(population);  // "Ennby, a town of about 18,000 people": background
  } else if (!noun.empty()) {
    measure.noun = std::move(noun);  // "45 people gathered"
  } else {
    return std::nullopt;
  }
  if (measure.subgroup && !measure.noun.empty()) {
    // The whole is the count before it in the sentence; with none, a noun phrase ("the cuts").
    measure.named_as_part = index == 0 || quantities[index - 1].noun.empty() ||
                            kind_of(quantities[index - 1].noun) == kind_of(measure.noun);
  }
  if (listed) {
    const auto counts = [&](std::size_t q) { return q == index || !ignored(quantities[q].noun); };
    measure.period = period_of(sentence, tokens, quantities, index, seen_year, counts);
  }
  return measure;
}

std::optional<Measure> MeasureLexicon::measure_of(const Figure& figure) const {
  const int seen_year = year_of(figure.first_seen);
  // The figure among the sentence's quantities: the first whose words are the figure's.
  const std::vector<text::Quantity> quantities = text::find_quantities(figure.claim);
  for (std::size_t q = 0; q < quantities.size(); ++q) {
    if (quantities[q].text == figure.text) {
      return measure_at(figure.claim, quantities, q, figure.measure, seen_year);
    }
  }
  // Not found again in its sentence (a claim stored by another build): its noun alone.
  return measure_at(figure.measure, {}, 0, figure.measure, seen_year);
}

}  // namespace tracker::report
