#include "tracker/report/measures.h"

#include <algorithm>

#include "tracker/text/tokens.h"

namespace tracker::report {
namespace {

// How far from the number an event term may stand: "killed 12 people" (before), "12 people
// were killed in the attack" (after).
constexpr std::size_t k_words_before = 4;
constexpr std::size_t k_words_after = 6;

std::size_t distance(std::size_t a, std::size_t b) { return a > b ? a - b : b - a; }

}  // namespace

MeasureLexicon::MeasureLexicon(const MeasureTerms& terms) {
  for (const auto& [name, words] : terms.events) {
    Event event{name, {}};
    for (const std::string& term : words) {
      event.terms.push_back(stems_of(term));
    }
    m_events.push_back(std::move(event));
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

const MeasureLexicon::Event* MeasureLexicon::event_at(const std::vector<std::string>& stems, std::size_t at,
                                                      std::size_t& length) const {
  for (const Event& event : m_events) {
    for (const std::vector<std::string>& term : event.terms) {
      if (!term.empty() && at + term.size() <= stems.size() &&
          std::equal(term.begin(), term.end(), stems.begin() + static_cast<std::ptrdiff_t>(at))) {
        length = term.size();
        return &event;
      }
    }
  }
  return nullptr;
}

std::optional<std::string> MeasureLexicon::measure_of(const Figure& figure) const {
  const std::vector<std::string> noun = stems_of(figure.measure);
  if (noun.size() == 1 && m_ignore.contains(noun.front())) {
    return std::nullopt;
  }
  std::size_t length = 0;
  if (!noun.empty()) {
    if (const Event* event = event_at(noun, 0, length); event != nullptr && length == noun.size()) {
      return event->name;  // "2,700 wounded", "12 dead"
    }
  }
  // Where the number stands in its sentence: the words its text covers.
  const std::string claim = text::ascii_lower(figure.claim);
  const std::size_t at = figure.text.empty() ? std::string::npos : claim.find(text::ascii_lower(figure.text));
  const Event* nearest = nullptr;
  if (at != std::string::npos) {
    const std::vector<text::Token> tokens = text::tokenize(claim);
    std::vector<std::string> stems;
    std::size_t first = tokens.size();
    std::size_t last = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      stems.push_back(m_stemmer.stem(tokens[i].lower));
      if (tokens[i].begin >= at && tokens[i].begin < at + figure.text.size()) {
        first = std::min(first, i);
        last = i;
      }
    }
    std::size_t best = k_words_before + k_words_after + 1;
    const std::size_t from = first > k_words_before ? first - k_words_before : 0;
    for (std::size_t i = from; first < tokens.size() && i < tokens.size() && i <= last + k_words_after; ++i) {
      if (i >= first && i <= last) {
        continue;  // the number itself
      }
      const Event* event = event_at(stems, i, length);
      // The nearer wins; at equal distance the one after the number ("300 killed" over
      // "killed and 2,700").
      const std::size_t away = i < first ? distance(i, first) : distance(i, last);
      if (event != nullptr && (away < best || (away == best && i > last))) {
        best = away;
        nearest = event;
      }
    }
  }
  if (figure.measure.empty()) {
    return nearest != nullptr ? std::optional(nearest->name) : std::nullopt;
  }
  return nearest != nullptr ? figure.measure + " " + nearest->name : figure.measure;
}

}  // namespace tracker::report
