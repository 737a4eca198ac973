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
#include "tracker/report/term_distance.h"
#include "tracker/text/quantities.h"
#include "tracker/text/tokens.h"
#include "tracker/text/word_forms.h"

namespace tracker::report {
namespace {

using term_distance::clause_break_between;
using term_distance::nearest_quantity;
using term_distance::Span;
using term_distance::spans_of;

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

std::string MeasureLexicon::counted_noun(std::string_view sentence,
                                         const std::vector<text::Quantity>& quantities,
                                         std::size_t index, std::string noun, bool& part) const {
  // "954 suspected cases and 121 confirmed ones": the pronoun counts the noun it stands for.
  if (text::ascii_lower(noun) == "ones") {
    noun.clear();
  }
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
    // "45 people gathered"; "about 5,000 families" and "some 6,500 households" are one kind,
    // which the counts' sizes tell apart where they count different things (size_bands.h).
    measure.noun = kind_of(std::move(noun));
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
