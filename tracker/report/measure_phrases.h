#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tracker/text/quantities.h"

// What the words around a number say about its ledger measure (measures.cc): that it is another
// value of the number before it, a part of a count, an amount restated in another unit, what
// "the number of ..." or "of them" names, and which words are an aside. Plain readers of one
// sentence; the lexicon decides the rest.
namespace tracker::report {

// Whether the words right before byte `at` of `sentence` make the number there another value of
// the number before it: where it changed from ("from", "from the", "from its estimate of"), or the
// value it replaces or disputes ("about 400 travellers were on board, while the operator puts the
// number at 338", "480 employees would lose their jobs rather than 620", "about 900 positions will
// go, not the 620 the board announced").
bool other_value_of_number_before(std::string_view sentence, std::size_t at);

// True when the words between the amount `first` and byte `to` of `sentence` only restate it in
// another unit: "60 bitcoin, worth about €3.6 million", "40 bitcoin, or about €2.4 million".
bool restates_amount(std::string_view sentence, const text::Quantity& first, std::size_t to);

// What an amount no lexicon term names is, as its phrase says: the noun it is "of" ("a rescue
// package of 180 million euros": "package", "a pay rise of 2.5 percent": "rise"), the noun whose
// value a verb sets to it or states at it ("raised its pay offer to 3.5 percent": "offer", "the
// shortfall stands at 86 million euros": "shortfall"), or the noun it stands before after a
// determiner ("the €86 million shortfall"). As written (lower-cased only where it opens the
// sentence); empty when no such phrase is there, or the noun only says it is a sum ("a total
// of", "an estimate of").
std::string amount_named_by(std::string_view sentence, const text::Quantity& amount);

// The byte ranges of `sentence` that describe something in passing: a relative clause set off
// by a comma (", which counts deaths registered by hospitals,"), up to the next comma or the end.
std::vector<std::pair<std::size_t, std::size_t>> asides_of(std::string_view sentence);

// The byte ranges of `sentence` that name a part of the count before them, set off by commas:
// ", including three children,", ", most of them children under five,", ", six of whom were
// guards,". From the comma before to the comma after (or the end). A verb after the aside is
// the whole count's: "12 people, including three children, were killed".
std::vector<std::pair<std::size_t, std::size_t>> part_asides_of(std::string_view sentence);

// The noun `words` open with, read as find_quantities reads the words after a number ("North
// Korean troops deployed ..." counts troops). Empty if none.
std::string noun_opening(std::string_view words);

// The words after "the number of" (or "count of", "estimate of", "tally of": "lowered its count
// of people evacuated to about 3,700") between the quantity before `index` and quantity `index`,
// up to the number. Empty if there is no such phrase.
std::string_view words_after_number_of(std::string_view sentence, const std::vector<text::Quantity>& quantities,
                                       std::size_t index);

// The noun a part names after "of them" ("nine patients ..., four of them children"). Empty when
// no noun follows or the number is not followed by "of them" / "of whom".
std::string noun_of_part(std::string_view sentence, const text::Quantity& quantity);

// Whether `quantity` is a few things already named, not a count the sentence reports: "the two
// countries", "the three men", an exact two or three right after "the". A report gives such a
// count first ("police arrested three men"); the definite article points back to it.
bool names_a_few_again(std::string_view sentence, const text::Quantity& quantity);

// Whether the words right before byte `at` of `sentence` introduce a part of a count given
// before: "including nine children", "among them 12 officers", "included 26 long-haul services".
bool opens_subgroup(std::string_view sentence, std::size_t at);

}  // namespace tracker::report
