#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracker::text {

// How a quantity is hedged in the text. A range keeps the qualifier of its wording ("about
// 300 to 400" is approximate, "300 to 400" exact).
enum class Qualifier { exact, approximate, at_least, at_most, vague };

// One counted quantity in a sentence.
//
// Vague words get a representative `value` so that claims can still be compared: a plural
// numeral is twice its unit ("dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2000,
// "millions" 2e6), "tens/hundreds of thousands" is 20 000 / 200 000, "several" 3, "a few" and
// "a couple" 2, "a handful" 5, and these combine with a scale ("several hundred" 300). "many",
// "numerous", "countless", "a number of" and "some" (not before a number) have no size: NaN.
struct Quantity {
  std::string text;             // the words as written, qualifier included: "more than 10,000"
  double value = 0;             // the number; the lower bound of a range
  std::optional<double> upper;  // the upper bound of "300 to 400", "300-400", "between 3 and 4"
  Qualifier qualifier = Qualifier::exact;
  std::string noun;  // what is counted, lower-case, as written ("troops", "killed"); may be empty
  std::size_t begin = 0;  // byte offset of `text` in the sentence
  std::size_t end = 0;    // byte offset just past `text`
};

// The quantities in one normalised sentence (UTF-8, ASCII quotes, single spaces), in order.
//
// Digits ("10,000", "10 000", "2.7", "1.2k", "€5bn", "3.5%"), scale words ("2.7 million"),
// number words ("twelve hundred", "a dozen", "half a million"), vague words and ranges are
// read; qualifiers ("more than", "nearly", "some", "~", "or so", "300-odd") are attached.
// "from 38 to 41" is a change, not a range: two quantities. The counted noun is the first
// plural-looking word among the next few modifiers ("10,000 North Korean troops": "troops"),
// a casualty word ("300 killed", "12 were killed"), the word of a compound ("three-year":
// "year"), "percent", or the currency ("dollars", "euros", "pounds").
//
// Not quantities: ordinals ("3rd", "twenty-first", "second"), fractions ("two-thirds"),
// dates ("Feb. 4", "4 February"), times ("5 p.m.", "10:30"), decades ("1990s"), identifiers
// ("S-400", "MH17", "COVID-19", "24/7", "007", "Article 5"), and years: a bare 4-digit
// number from 1900 to 2100 after a month or a time preposition ("in", "since", "by", ...),
// or with no counted noun after it and no "more than"/"up to" before it ("2025 would be the
// year"); "2000 troops" is still a quantity.
// "one" counts only when it carries a qualifier or a scale ("at least one", "one million"),
// bounds a range, or is followed by a casualty word ("one killed"): "one reason", "one of
// the", "no one" are not counts. Vague determiners ("many", "several", "some", "a few")
// count only before a plural noun ("many casualties"), so "some of them" gives nothing.
std::vector<Quantity> find_quantities(std::string_view sentence);

// The qualifier's name as used in reports and JSON: "exact", "at_least", ...
std::string_view qualifier_name(Qualifier qualifier);

}  // namespace tracker::text
