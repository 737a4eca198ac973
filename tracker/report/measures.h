#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "tracker/report/figures.h"
#include "tracker/text/quantities.h"
#include "tracker/text/tokens.h"

namespace tracker::report {

// The ledger's measure lexicon as written (feeds/measures.toml, config/measures_file.h).
struct MeasureTerms {
  std::vector<std::pair<std::string, std::vector<std::string>>> events;  // name, terms
  std::vector<std::string> generic;  // counted nouns that add nothing to the event ("people")
  std::vector<std::string> ignore;   // counted nouns that are no figure of the story ("months")
  // Nouns that count one kind, under the kind's name ("staff": "employees", "workers", "jobs"):
  // outlets name one count with any of them.
  std::vector<std::pair<std::string, std::vector<std::string>>> kinds;  // name, nouns
  // Units of an amount rather than a count ("euros", "percent"): the amount takes its terms
  // from `amounts` (what the money or the share is: "shortfall", "turnout"), never from
  // `events`, and a count never takes an amount's term.
  std::vector<std::string> units;
  std::vector<std::pair<std::string, std::vector<std::string>>> amounts;  // name, terms
};

// A ledger measure: what a figure counts and the event it counts ("soldiers", "killed"); either
// may be empty, not both.
struct Measure {
  std::string noun;
  std::string event;
  // When or how often it counts, where the sentence says so: an earlier year ("killed more than
  // 70 people in 2009": another event than the story's, "killed in 2009") or a rate ("38,000
  // passengers a day": "passengers per day"). Kept apart from the story's own count.
  std::string period;
  // A part of a count the sentence gives before it ("31 injured, including nine children"): its
  // noun names the part, so a figure without a noun does not take it.
  bool subgroup = false;
  // A part whose noun does not tell it from its whole ("The cuts include about 520 jobs at the
  // smelter"; "cut 620 posts, including 120 posts at Ardley"): named as a part, so that it
  // stays apart from the whole's count.
  bool named_as_part = false;
  // An amount that no lexicon term names, named by its phrase instead ("a rescue package of €180
  // million": "package"): the name yields to a term the selection gives the same sum.
  bool named_by_phrase = false;
  // For an amount ("86 million euros"), its unit ("euros"), whether or not a term of [amounts]
  // named what it is; empty for a count.
  std::string unit;
  // For a count no event names, the range of sizes it falls in among the selection's counts of
  // that noun ("23 to 31"), where they fall in more than one: empty otherwise.
  std::string size_band;
  std::string name() const {
    std::string base = noun.empty() ? event : event.empty() ? noun : noun + " " + event;
    base = period.empty() ? base : base + " " + period;
    base = size_band.empty() ? base : base + " (" + size_band + ")";
    return named_as_part ? base + " (part)" : base;
  }
};

// What the ledger counts a figure as: its counted noun and the event its sentence reports
// beside the number ("300 soldiers were killed": "soldiers killed"). Terms match by their
// inflected forms (text::inflection_stem): "killing" is "killed", "executive" is not "executed".
class MeasureLexicon {
 public:
  explicit MeasureLexicon(const MeasureTerms& terms);

  // The measure of `figure` (its Figure::measure is the counted noun, Figure::claim the
  // sentence, Figure::text the number as written): see feeds/measures.toml. Each event term of
  // the sentence goes to the number it stands nearest (a term after a number counts half as
  // far); the figure takes the nearest term it was given, at most eight words after it or ten
  // before. A noun that is an event term is that event; a generic noun is left out beside an
  // event; a place's people ("Ennby, a town of 18,000 people") are its population (population_of);
  // a missing noun is the noun of the number before it in the sentence. A number after
  // "from" ("down from 23", "raising its estimate from some 4,000") is the earlier value of the
  // number before it and has its measure. A number with no noun after it takes the noun of "the
  // number of ..." before it ("put the number of troops deployed at around 11,000"). A year
  // before the one the figure was first seen in, written "in 2009", "during 2009" or "since 2009,
  // when" nearer this number than any other, is the measure's period. nullopt when the noun is
  // ignored, or there is neither noun nor event.
  std::optional<Measure> measure_of(const Figure& figure) const;
  // True for a noun in `generic` ("people"): it names no kind of its own.
  bool generic(std::string_view noun) const;
  // The name of the kind `noun` counts ("employees": "staff"), or `noun` itself when it is in
  // no kind of the lexicon's [nouns]. Only a figure with an event counts its noun's kind:
  // without one, the noun as written is all that tells one count from another.
  std::string kind_of(std::string noun) const;

 private:
  struct Event {
    std::string name;
    std::vector<std::vector<std::string>> terms;  // each term as the stems of its words
    bool of_amount = false;                       // from `amounts`: a term for a figure in a unit
  };
  // An event term found in a sentence: words [first, last] of it.
  struct Mention {
    const Event* event = nullptr;
    std::size_t first = 0;
    std::size_t last = 0;
  };
  std::vector<std::string> stems_of(std::string_view words) const;
  // The event whose longest term starts at word `at` of `stems`, with the term's length; nullptr
  // if none.
  const Event* event_at(const std::vector<std::string>& stems, std::size_t at, std::size_t& length,
                        bool of_amount = false) const;
  // True for a noun in `units`: the figure is an amount, not a count.
  bool unit(std::string_view noun) const;
  // The event a noun names by itself ("wounded", "dead"), if it does.
  const Event* event_of_noun(std::string_view noun) const;
  // True for a noun in `ignore`: the number is a span of time or a frequency, not a figure.
  bool ignored(std::string_view noun) const;
  // The event term nearest the quantity `self` of the sentence (its words `tokens`, their
  // inflection stems `stems`) among those nearest to it; no event when none is.
  Mention term_nearest(std::string_view sentence, const std::vector<text::Token>& tokens,
                       const std::vector<std::string>& stems,
                       const std::vector<text::Quantity>& quantities, std::size_t self) const;
  // The event of quantity `self`: event_in_clause, read past the parts of a count set off by
  // commas (part_asides_of), which take the whole's event when they have none of their own.
  const Event* event_near(std::string_view sentence, const std::vector<text::Token>& tokens,
                          const std::vector<text::Quantity>& quantities, std::size_t self) const;
  // The event of term_nearest, or else, for a count joined to the next or the one before by
  // "and", the term that count takes outside the pair.
  const Event* event_in_clause(std::string_view sentence, const std::vector<text::Token>& tokens,
                               const std::vector<text::Quantity>& quantities,
                               std::size_t self) const;
  // What quantity `index` of `sentence` counts, when its own noun `noun` is empty: the noun a
  // part names after "of them" (and `part` set), the noun of "the number of ..." before it, or
  // the noun of the number before it.
  std::string counted_noun(std::string_view sentence, const std::vector<text::Quantity>& quantities,
                           std::size_t index, std::string noun, bool& part) const;
  // The measure of quantity `index` of `sentence`, whose counted noun is `noun`, first seen in
  // `seen_year` (0: unknown).
  std::optional<Measure> measure_at(std::string_view sentence,
                                    const std::vector<text::Quantity>& quantities,
                                    std::size_t index, std::string noun, int seen_year) const;

  std::vector<Event> m_events;
  std::unordered_set<std::string> m_generic;  // inflection stems
  std::unordered_set<std::string> m_ignore;   // inflection stems
  std::unordered_set<std::string> m_units;    // inflection stems
  std::unordered_map<std::string, std::string> m_kind_of;  // inflection stem: kind's name
};

// `figures` with their ledger measures (Measure::name in Figure::measure); those the lexicon
// gives no measure are dropped. A bare event ("3,000 casualties") joins the one group the
// figures count that event for ("4,500 soldiers killed or wounded"): a story that counts one
// group drops its noun as often as not. With two groups ("soldiers killed", "civilians killed")
// it stays apart. A bare amount ("15,000 euros") is what the selection's one named amount in
// its unit is ("compensation of 25,000 euros"). One count of an event under two nouns (the
// same value, qualifier and period, ten or more) is one measure, whoever gives it: outlets word
// it their own way. Then the grouping model (measure_grouping.h) regroups what these rules named,
// unless `grouping` asks for the rules alone. Defined in selection_measures.cc.
enum class LedgerGrouping { model, rules };
std::vector<Figure> with_ledger_measures(std::vector<Figure> figures, const MeasureLexicon& lexicon,
                                         LedgerGrouping grouping = LedgerGrouping::model);

}  // namespace tracker::report
