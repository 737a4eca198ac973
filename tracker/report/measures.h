#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "tracker/claims/stemmer.h"
#include "tracker/report/figures.h"

namespace tracker::report {

// The ledger's measure lexicon as written (feeds/measures.toml, config/measures_file.h).
struct MeasureTerms {
  std::vector<std::pair<std::string, std::vector<std::string>>> events;  // name, terms
  std::vector<std::string> ignore;  // counted nouns that are no figure of the story
};

// What the ledger counts a figure as: its counted noun and the event its sentence reports
// beside the number ("300 soldiers were killed": "soldiers killed"). Terms match by stems.
// Holds a stemmer, so one lexicon serves one thread.
class MeasureLexicon {
 public:
  explicit MeasureLexicon(const MeasureTerms& terms);

  // The measure of `figure` (its Figure::measure is the counted noun, its Figure::claim the
  // sentence): the event's name when the noun is an event term ("2,700 wounded": "wounded"),
  // else the noun and the nearest event term's name within four words before the number and six
  // after it, else the noun alone. nullopt when the noun is ignored, or there is neither noun
  // nor event.
  std::optional<std::string> measure_of(const Figure& figure) const;

 private:
  struct Event {
    std::string name;
    std::vector<std::vector<std::string>> terms;  // each term as the stems of its words
  };
  std::vector<std::string> stems_of(std::string_view words) const;
  // The event whose term starts at word `at` of `stems`, with the term's length; nullptr if none.
  const Event* event_at(const std::vector<std::string>& stems, std::size_t at, std::size_t& length) const;

  claims::Stemmer m_stemmer;
  std::vector<Event> m_events;
  std::unordered_set<std::string> m_ignore;  // stems
};

}  // namespace tracker::report
