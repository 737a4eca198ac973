#include "tracker/report/measures.h"

#include <algorithm>
#include <limits>
#include <map>

#include "tracker/report/ledger.h"
#include "tracker/text/quantities.h"
#include "tracker/text/tokens.h"

namespace tracker::report {
namespace {

// How far an event term may stand from its number, in words: "12 people were killed in the
// attack on the market" (after), "the death toll from flash floods and landslides in the
// province has risen to 27" (before, the sentence's subject).
constexpr std::size_t k_words_after = 8;
constexpr std::size_t k_words_before = 14;
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
    return away <= k_words_before ? static_cast<double>(away) + apart : k_far;
  }
  return k_far;  // inside the number's own words
}

// Whether the words right before byte `at` of `sentence` are "from" or "from the": the number
// there is where another one changed from.
bool after_from(std::string_view sentence, std::size_t at) {
  std::string before = text::ascii_lower(sentence.substr(0, at));
  while (!before.empty() && before.back() == ' ') {
    before.pop_back();
  }
  for (std::string_view tail : {"from", "from the"}) {
    if (before.ends_with(tail) &&
        (before.size() == tail.size() || before[before.size() - tail.size() - 1] == ' ')) {
      return true;
    }
  }
  return false;
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
  for (const std::string& noun : terms.generic) {
    m_generic.insert(m_stemmer.stem(text::ascii_lower(noun)));
  }
  for (const std::string& noun : terms.ignore) {
    m_ignore.insert(m_stemmer.stem(text::ascii_lower(noun)));
  }
}

std::vector<std::string> MeasureLexicon::stems_of(std::string_view words) const {
  std::vector<std::string> stems;
  for (const text::Token& token : text::tokenize(words)) {
    stems.push_back(m_stemmer.stem(token.lower));
  }
  return stems;
}

const MeasureLexicon::Event* MeasureLexicon::event_at(const std::vector<std::string>& stems,
                                                      std::size_t at, std::size_t& length) const {
  const Event* found = nullptr;
  length = 0;
  for (const Event& event : m_events) {
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

const MeasureLexicon::Event* MeasureLexicon::event_near(
    std::string_view sentence, const std::vector<text::Quantity>& quantities,
    std::size_t self) const {
  if (self >= quantities.size()) {
    return nullptr;
  }
  const std::vector<text::Token> tokens = text::tokenize(sentence);
  std::vector<Span> spans;
  for (const text::Quantity& quantity : quantities) {
    spans.push_back(words_of(tokens, quantity));
  }
  std::vector<std::string> stems;
  for (const text::Token& token : tokens) {
    stems.push_back(m_stemmer.stem(token.lower));
  }
  const Event* nearest = nullptr;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t at = 0; at < stems.size();) {
    std::size_t length = 0;
    const Event* event = event_at(stems, at, length);
    if (event == nullptr) {
      ++at;
      continue;
    }
    // The number this mention stands nearest; at equal distance the one before it.
    const std::size_t last = at + length - 1;
    std::size_t owner = spans.size();
    double owner_distance = std::numeric_limits<double>::infinity();
    for (std::size_t q = 0; q < spans.size(); ++q) {
      // A number whose noun is an event ("2,700 wounded") has its event: it takes no term.
      if (!spans[q].found || (q != self && event_of_noun(quantities[q].noun) != nullptr)) {
        continue;
      }
      const double away = weighted_distance(tokens, sentence, spans[q], at, last);
      if (away < owner_distance) {
        owner = q;
        owner_distance = away;
      }
    }
    if (owner == self && owner_distance < best) {
      best = owner_distance;
      nearest = event;
    }
    at += length;
  }
  return nearest;
}

std::optional<Measure> MeasureLexicon::measure_at(std::string_view sentence,
                                                  const std::vector<text::Quantity>& quantities,
                                                  std::size_t index, std::string noun) const {
  if (index > 0 && after_from(sentence, quantities[index].begin)) {
    return measure_at(sentence, quantities, index - 1,
                      quantities[index - 1].noun);  // "down from 23"
  }
  if (noun.empty() && index > 0) {
    noun = quantities[index - 1].noun;  // "85 houses destroyed and some 400 damaged"
    if (event_of_noun(noun) != nullptr) {
      noun.clear();  // "300 killed and 2,700 wounded": no noun to carry over
    }
  }
  const std::vector<std::string> noun_stems = stems_of(noun);
  if (noun_stems.size() == 1 && m_ignore.contains(noun_stems.front())) {
    return std::nullopt;
  }
  if (const Event* event = event_of_noun(noun); event != nullptr) {
    return Measure{{}, event->name};  // "2,700 wounded", "12 dead"
  }
  const Event* event = event_near(sentence, quantities, index);
  if (event == nullptr) {
    return noun.empty() ? std::nullopt : std::optional(Measure{noun, {}});  // "45 people gathered"
  }
  if (noun_stems.size() == 1 && m_generic.contains(noun_stems.front())) {
    noun.clear();  // "45 people arrested" is "arrested", as "45 arrested" is
  }
  return Measure{noun, event->name};
}

std::optional<Measure> MeasureLexicon::measure_of(const Figure& figure) const {
  // The figure among the sentence's quantities: the first whose words are the figure's.
  const std::vector<text::Quantity> quantities = text::find_quantities(figure.claim);
  for (std::size_t q = 0; q < quantities.size(); ++q) {
    if (quantities[q].text == figure.text) {
      return measure_at(figure.claim, quantities, q, figure.measure);
    }
  }
  // Not found again in its sentence (a claim stored by another build): its noun alone.
  return measure_at(figure.measure, {}, 0, figure.measure);
}

std::vector<Figure> with_ledger_measures(std::vector<Figure> figures, const MeasureLexicon& lexicon) {
  std::vector<std::pair<Figure, Measure>> measured;
  std::map<std::string, std::map<std::string, std::string>> nouns_of_event;  // event: noun key: noun
  for (Figure& figure : figures) {
    if (std::optional<Measure> measure = lexicon.measure_of(figure)) {
      if (!measure->noun.empty() && !measure->event.empty()) {
        nouns_of_event[measure->event].try_emplace(measure_key(measure->noun), measure->noun);
      }
      measured.emplace_back(std::move(figure), std::move(*measure));
    }
  }
  std::vector<Figure> kept;
  for (auto& [figure, measure] : measured) {
    if (measure.noun.empty()) {
      const auto nouns = nouns_of_event.find(measure.event);
      if (nouns != nouns_of_event.end() && nouns->second.size() == 1) {
        measure.noun = nouns->second.begin()->second;
      }
    }
    figure.measure = measure.name();
    kept.push_back(std::move(figure));
  }
  return kept;
}

}  // namespace tracker::report
