#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tracker/report/ledger.h"
#include "tracker/report/measure_grouping.h"
#include "tracker/report/measures.h"
#include "tracker/report/size_bands.h"
#include "tracker/text/tokens.h"

// The measures of a selection of figures, decided together: what one figure's sentence does
// not say (a bare event's noun, one count's other wordings) the other figures may.
namespace tracker::report {
namespace {

// The counted nouns each event is given in a selection, for a bare event to take ("3,000
// casualties" beside "4,500 soldiers killed or wounded"): all of them, and those of each speaker.
class EventNouns {
 public:
  void add(const Figure& figure, const Measure& measure) {
    // A part ("including nine children") does not name the whole a bare event counts, nor does
    // a vague figure ("some families were burying their dead"), which counts nothing.
    if (measure.noun.empty() || measure.event.empty() || measure.subgroup || !figure.value) {
      return;
    }
    const std::string key = measure_key(measure.noun);
    m_all[event_key(measure)].try_emplace(key, measure.noun);
    if (!figure.attribution.empty()) {
      m_by_speaker[{event_key(measure), text::ascii_lower(figure.attribution)}].try_emplace(
          key, measure.noun);
    }
  }

  // The one noun the selection counts the event for; else the one its speaker counts it for
  // ("Aeronord said 112 had stopped work" beside its "112 of its controllers had stopped work",
  // while the union counts its members); empty when that is not one noun either.
  std::string noun_for(const Figure& figure, const Measure& measure) const {
    if (const auto all = m_all.find(event_key(measure));
        all != m_all.end() && all->second.size() == 1) {
      return all->second.begin()->second;
    }
    const auto own = m_by_speaker.find({event_key(measure), text::ascii_lower(figure.attribution)});
    return own != m_by_speaker.end() && own->second.size() == 1 ? own->second.begin()->second
                                                                : std::string();
  }

 private:
  static std::string event_key(const Measure& measure) {
    return measure.event + "|" + measure.period;
  }

  std::map<std::string, std::map<std::string, std::string>> m_all;  // event: noun key: noun
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> m_by_speaker;
};

// What the selection's named amounts are, by unit and value ("compensation": 15,000 euros, in
// "raised its offer of compensation to 25,000 euros, from 15,000 euros"), for a bare amount of
// the same value ("would pay 15,000 euros to each victim's family") to take. Same value only: a
// story's other sums in that unit (a charge beside a fund) are not the one it names. A lexicon
// term outranks a name taken from a phrase ("raised its offer to €60,000" is the compensation
// that another sentence gives €60,000 as), and a phrase's name goes only to a bare amount.
class AmountTerms {
 public:
  void add(const Figure& figure, const Measure& measure) {
    if (!measure.unit.empty() && !measure.event.empty() && figure.value) {
      (measure.named_by_phrase ? m_phrase_names : m_terms)[key(figure, measure)].insert(
          measure.event);
    }
  }

  // The one amount term given to the figure's unit and value; else, for a bare amount, the one
  // name a phrase gave it; else empty.
  std::string term_for(const Figure& figure, const Measure& measure) const {
    if (!figure.value) {
      return {};
    }
    std::string term = one_of(m_terms, key(figure, measure));
    return term.empty() && measure.event.empty() ? one_of(m_phrase_names, key(figure, measure))
                                                 : term;
  }

 private:
  using Names = std::map<std::string, std::set<std::string>>;  // unit, period and value: names

  static std::string key(const Figure& figure, const Measure& measure) {
    return text::ascii_lower(measure.unit) + "|" + measure.period + "|" +
           std::to_string(*figure.value);
  }

  static std::string one_of(const Names& names, const std::string& key) {
    const auto found = names.find(key);
    return found != names.end() && found->second.size() == 1 ? *found->second.begin()
                                                             : std::string();
  }

  Names m_terms;
  Names m_phrase_names;
};

// A count a figure gives: its period, value and qualifier. Empty where agreeing values say
// nothing: small numbers agree too often by chance, and a part names its own kind.
std::string count_of(const Figure& figure, const Measure& measure) {
  constexpr double k_least = 10;
  if (!figure.value || *figure.value < k_least || figure.qualifier == "vague" || measure.subgroup) {
    return {};
  }
  return measure.period + "|" + std::to_string(*figure.value) + "|" +
         (figure.upper ? std::to_string(*figure.upper) : "") + "|" + figure.qualifier;
}

// One speaker's count (count_of), or empty: an unattributed figure is no one's.
std::string speakers_count(const Figure& figure, const Measure& measure) {
  const std::string count = count_of(figure, measure);
  return figure.attribution.empty() || count.empty()
             ? std::string()
             : text::ascii_lower(figure.attribution) + "|" + count;
}

// The events one speaker gives a count of one kind, by value ("more than 9,000 members had
// joined the strike" beside the union's "more than 9,000 of its members" in another outlet,
// where no strike is named): a figure without an event takes the one event its speaker gives the
// same count of the same kind.
class CountEvents {
 public:
  explicit CountEvents(const MeasureLexicon& lexicon) : m_lexicon(lexicon) {}

  void add(const Figure& figure, const Measure& measure) {
    if (!measure.event.empty() && measure.unit.empty()) {
      if (const std::string key = count_key(figure, measure, measure.noun); !key.empty()) {
        m_events[key].insert(measure.event);
      }
    }
  }

  // The one event the figure's speaker gives its count, or empty.
  std::string event_for(const Figure& figure, const Measure& measure) const {
    if (!measure.event.empty() || !measure.unit.empty()) {
      return {};
    }
    const auto events = m_events.find(count_key(figure, measure, m_lexicon.kind_of(measure.noun)));
    return events != m_events.end() && events->second.size() == 1 ? *events->second.begin()
                                                                  : std::string();
  }

 private:
  static std::string count_key(const Figure& figure, const Measure& measure,
                               const std::string& kind) {
    const std::string count = speakers_count(figure, measure);
    return count.empty() || kind.empty() ? std::string() : count + "|" + measure_key(kind);
  }

  const MeasureLexicon& m_lexicon;
  std::map<std::string, std::set<std::string>> m_events;  // speaker, count and kind: events
};

// The count a figure gives (count_of) with its event, whoever gives it. Empty for a figure that
// may not join another's noun (join_nouns_of_one_count): also a generic noun ("people"), which
// names no kind, and joined would draw in every count it met.
std::string one_count_key(const Figure& figure, const Measure& measure,
                          const MeasureLexicon& lexicon) {
  const std::string count = count_of(figure, measure);
  if (count.empty() || measure.noun.empty() || lexicon.generic(measure.noun)) {
    return {};
  }
  return count + "|" + measure.event;
}

// Gives the nouns used for one count one name: outlets word a count their own way ("about 1,650
// jobs", "about 1,650 staff"; "More than 2,000 rescuers" and "More than 2,000 firefighters,
// soldiers and volunteers"), and the same figure for the same event says they count the same
// thing, whoever gives it: outlets often credit one count to different sources (the agency, the
// governor, "officials"), and two counts of one event with the same value, qualifier and period,
// ten or more, are seldom different things. The name is the noun the joined figures use most,
// the first of them at a tie.
void join_nouns_of_one_count(std::vector<std::pair<Figure, Measure>>& measured,
                             const MeasureLexicon& lexicon) {
  const auto noun_key = [](const Measure& measure) {
    return measure.event + "|" + measure.period + "|" + measure_key(measure.noun);
  };
  std::map<std::string, std::string> parent;  // noun key: the noun key it joined
  const auto root = [&](std::string key) {
    while (parent.contains(key) && parent[key] != key) {
      key = parent[key];
    }
    return key;
  };
  std::map<std::string, std::string> first_of_count;  // one_count_key: the noun key first seen
  for (const auto& [figure, measure] : measured) {
    const std::string count = one_count_key(figure, measure, lexicon);
    if (count.empty()) {
      continue;
    }
    const auto [first, added] = first_of_count.try_emplace(count, noun_key(measure));
    const std::string a = root(first->second);
    const std::string b = root(noun_key(measure));
    if (!added && a != b) {
      parent.try_emplace(a, a);
      parent[b] = a;
    }
  }
  if (parent.empty()) {
    return;
  }
  // Per joined class: how often each noun is used, and where first.
  std::map<std::string, std::map<std::string, std::pair<std::size_t, std::size_t>>>
      uses;  // root: noun: count, first
  for (std::size_t i = 0; i < measured.size(); ++i) {
    const Measure& measure = measured[i].second;
    if (!measure.noun.empty() && parent.contains(noun_key(measure))) {
      auto [use, added] = uses[root(noun_key(measure))].try_emplace(measure.noun, 0, i);
      ++use->second.first;
    }
  }
  for (auto& [figure, measure] : measured) {
    if (measure.noun.empty() || !parent.contains(noun_key(measure))) {
      continue;
    }
    const auto& nouns = uses[root(noun_key(measure))];
    const auto best =
        std::max_element(nouns.begin(), nouns.end(), [](const auto& a, const auto& b) {
          return a.second.first != b.second.first ? a.second.first < b.second.first
                                                  : a.second.second > b.second.second;
        });
    measure.noun = best->first;
  }
}

}  // namespace

std::vector<Figure> with_ledger_measures(std::vector<Figure> figures, const MeasureLexicon& lexicon,
                                         LedgerGrouping grouping) {
  std::vector<std::pair<Figure, Measure>> measured;
  for (Figure& figure : figures) {
    if (std::optional<Measure> measure = lexicon.measure_of(figure)) {
      measured.emplace_back(std::move(figure), std::move(*measure));
    }
  }
  join_nouns_of_one_count(measured, lexicon);
  CountEvents events(lexicon);
  for (const auto& [figure, measure] : measured) {
    events.add(figure, measure);
  }
  for (auto& [figure, measure] : measured) {
    if (std::string event = events.event_for(figure, measure); !event.empty()) {
      measure.noun = lexicon.kind_of(std::move(measure.noun));
      measure.event = std::move(event);
    }
  }
  EventNouns nouns;
  AmountTerms amounts;
  for (const auto& [figure, measure] : measured) {
    nouns.add(figure, measure);
    amounts.add(figure, measure);
  }
  for (auto& [figure, measure] : measured) {
    if (!measure.unit.empty() && (measure.event.empty() || measure.named_by_phrase)) {
      if (std::string term = amounts.term_for(figure, measure); !term.empty()) {
        measure.noun.clear();
        measure.event = std::move(term);
      }
    } else if (measure.noun.empty()) {
      measure.noun = nouns.noun_for(figure, measure);
    }
  }
  split_unnamed_counts_by_size(measured, lexicon);
  std::vector<std::string> names;
  std::vector<const Figure*> read;
  for (auto& [figure, measure] : measured) {
    figure.measure_event = measure.event;
    names.push_back(measure.name());
    read.push_back(&figure);
  }
  if (grouping == LedgerGrouping::model) {
    names = regrouped_names(read, std::move(names));
  }
  std::vector<Figure> kept;
  for (std::size_t i = 0; i < measured.size(); ++i) {
    measured[i].first.measure = std::move(names[i]);
    kept.push_back(std::move(measured[i].first));
  }
  return kept;
}

}  // namespace tracker::report
