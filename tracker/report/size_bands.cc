#include "tracker/report/size_bands.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "tracker/report/disjoint_sets.h"
#include "tracker/text/tokens.h"

namespace tracker::report {
namespace {

// Counts under ten are left whole: small numbers agree and differ by chance.
constexpr double k_least_banded = 10;

// Whether a count may be told apart by its size: no event or amount term names it, and it is
// no part of another count.
bool told_apart_by_size(const Measure& measure) {
  return measure.event.empty() && !measure.subgroup && !measure.noun.empty();
}

// Whether a figure is written as a sum of money ("$4.2 million", "€30 million"), whatever unit
// the lexicon knows its noun as.
bool written_as_money(std::string_view text) {
  return std::ranges::any_of(
      std::array<std::string_view, 4>{"$", "\u20ac", "\u00a3", "\u00a5"},
      [&](std::string_view sign) { return text.find(sign) != std::string_view::npos; });
}

// How far apart two neighbouring values of one count may lie, the larger over the smaller. A
// count of people or a sum that no word names is seldom revised by more than half again between
// reports, while a count of a named thing (trucks let in, hectares burned, aftershocks) grows as
// a story goes on.
double band_ratio(const Figure& figure, const Measure& measure, const MeasureLexicon& lexicon) {
  constexpr double k_unnamed = 1.5;
  constexpr double k_named_thing = 5;
  return lexicon.generic(measure.noun) || !measure.unit.empty() || written_as_money(figure.text)
             ? k_unnamed
             : k_named_thing;
}

// The words of a sentence other than its numbers, lower-cased: what stays of a sentence that an
// outlet revises by its figures.
std::set<std::string> words_but_numbers(std::string_view sentence) {
  std::set<std::string> words;
  for (text::Token& token : text::tokenize(sentence)) {
    if (!token.lower.empty() && !std::isdigit(static_cast<unsigned char>(token.lower.front()))) {
      words.insert(std::move(token.lower));
    }
  }
  return words;
}

// Whether two sentences of one outlet are one sentence revised: at least half of the words of
// either are shared.
bool one_sentence_revised(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t shared = 0;
  for (const std::string& word : a) {
    shared += b.contains(word) ? 1 : 0;
  }
  const std::size_t either = a.size() + b.size() - shared;
  return either > 0 && 2 * shared >= either;
}

// Bands the counts at `members` (indexes into `measured`, all of one name), smallest first.
void band_one_name(std::vector<std::pair<Figure, Measure>>& measured,
                   std::vector<std::size_t> members, const MeasureLexicon& lexicon) {
  const auto value_of = [&](std::size_t member) { return *measured[members[member]].first.value; };
  std::ranges::sort(members, {}, [&](std::size_t i) { return *measured[i].first.value; });
  DisjointSets bands(members.size());
  std::map<store::DocumentId, std::vector<std::size_t>> by_document;  // members read so far
  std::vector<std::set<std::string>> words(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto& [figure, measure] = measured[members[i]];
    if (i > 0 && value_of(i) <= band_ratio(figure, measure, lexicon) * value_of(i - 1)) {
      bands.join(i - 1, i);
    }
    std::vector<std::size_t>& same_outlet = by_document[figure.document_id];
    words[i] = words_but_numbers(figure.claim);
    for (std::size_t earlier : same_outlet) {
      // Two figures of one sentence join too: a sentence that gives one noun two values most
      // often sets two sources' counts against each other ("police put the crowd at 8,000
      // people, the organisers at 40,000 people"), the contradiction a ledger is for.
      if (one_sentence_revised(words[earlier], words[i])) {
        bands.join(earlier, i);
      }
    }
    same_outlet.push_back(i);
  }
  std::map<std::size_t, std::pair<double, double>> ranges;  // band: lowest, highest value
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto [range, added] = ranges.try_emplace(bands.root(i), value_of(i), value_of(i));
    range->second.second = value_of(i);
  }
  if (ranges.size() < 2) {
    return;
  }
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto [low, high] = ranges[bands.root(i)];
    measured[members[i]].second.size_band =
        low == high ? readable_value(low) : readable_value(low) + " to " + readable_value(high);
  }
}

}  // namespace

// A value as a reader writes it: whole, with thousands grouped ("11,500"), or in millions and
// billions to a tenth ("6.2 billion").
std::string readable_value(double value) {
  for (const auto& [scale, word] : {std::pair{1e9, " billion"}, std::pair{1e6, " million"}}) {
    if (value >= scale) {
      const long long tenths = std::llround(value / scale * 10);
      std::string written = std::to_string(tenths / 10);
      if (tenths % 10 != 0) {
        written += '.';
        written += static_cast<char>('0' + tenths % 10);
      }
      written += word;
      return written;
    }
  }
  const std::string digits = std::to_string(std::llround(value));
  std::string written;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      written += ',';
    }
    written += digits[i];
  }
  return written;
}

void split_unnamed_counts_by_size(std::vector<std::pair<Figure, Measure>>& measured,
                                  const MeasureLexicon& lexicon) {
  std::map<std::string, std::vector<std::size_t>> by_name;
  for (std::size_t i = 0; i < measured.size(); ++i) {
    const auto& [figure, measure] = measured[i];
    if (told_apart_by_size(measure) && figure.value && *figure.value >= k_least_banded) {
      by_name[measure.name()].push_back(i);
    }
  }
  for (auto& [name, members] : by_name) {
    band_one_name(measured, std::move(members), lexicon);
  }
}

}  // namespace tracker::report
