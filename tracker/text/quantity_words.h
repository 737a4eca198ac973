#pragma once
// The words quantities.cc reads figures with: number words, scales, vague quantifiers,
// qualifiers, and the words around a figure that tell a count from a date, an ordinal or a
// name. Lower-case, as the scanner compares them.

#include <cstddef>
#include <limits>
#include <string_view>

#include "tracker/text/quantities.h"

namespace tracker::text::quantity_words {

inline constexpr double k_no_size = std::numeric_limits<double>::quiet_NaN();
inline constexpr std::size_t k_noun_window = 4;  // modifiers looked through for the counted noun

struct WordValue {
  std::string_view word;
  double value;
};

// Number words below a hundred; the grammar tells units (< 20) from tens by value.
inline constexpr WordValue k_number_words[] = {
    {"zero", 0},     {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},
    {"five", 5},     {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},
    {"ten", 10},     {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
    {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
    {"twenty", 20},  {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},
    {"seventy", 70}, {"eighty", 80},  {"ninety", 90}};
// Words multiplying the number before them: "2.7 million", "two dozen", "5 bn".
inline constexpr WordValue k_scales[] = {
    {"dozen", 12},      {"hundred", 1e2}, {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
    {"trillion", 1e12}, {"mn", 1e6},      {"mln", 1e6},      {"bn", 1e9},      {"tn", 1e12}};
// Scales written onto digits: "1.2k", "5bn"; "m" and "b" only after a currency sign ("$5m").
inline constexpr WordValue k_suffix_scales[] = {{"k", 1e3},   {"mn", 1e6}, {"bn", 1e9},
                                         {"tn", 1e12}, {"m", 1e6},  {"b", 1e9}};
// Plural numerals and their unit; the representative value is two units ("dozens": 24).
inline constexpr WordValue k_plural_numerals[] = {{"tens", 10},      {"dozens", 12},     {"scores", 20},
                                           {"hundreds", 1e2}, {"thousands", 1e3}, {"millions", 1e6},
                                           {"billions", 1e9}};
// Vague determiners and their representative value (see quantities.h).
inline constexpr WordValue k_vague_words[] = {{"several", 3},           {"a few", 2},
                                       {"a couple", 2},          {"a handful", 5},
                                       {"many", k_no_size},      {"numerous", k_no_size},
                                       {"countless", k_no_size}, {"a number", k_no_size},
                                       {"some", k_no_size}};

// What "couple" counts when it stands without "a" ("the next couple weeks"); elsewhere "the
// couple" is two people, not a quantity.
inline constexpr std::string_view k_couple_units =
    "minutes hours days weeks months years times dozen hundred thousand million";

struct QualifierPhrase {
  std::string_view words;
  Qualifier qualifier;
};

inline constexpr QualifierPhrase k_qualifiers[] = {{"more than", Qualifier::at_least},
                                            {"over", Qualifier::at_least},
                                            {"at least", Qualifier::at_least},
                                            {"no fewer than", Qualifier::at_least},
                                            {"no less than", Qualifier::at_least},
                                            {"not less than", Qualifier::at_least},
                                            {"upwards of", Qualifier::at_least},
                                            {"in excess of", Qualifier::at_least},
                                            {"just over", Qualifier::at_least},
                                            {"nearly", Qualifier::at_most},
                                            {"almost", Qualifier::at_most},
                                            {"up to", Qualifier::at_most},
                                            {"upto", Qualifier::at_most},
                                            {"fewer than", Qualifier::at_most},
                                            {"less than", Qualifier::at_most},
                                            {"under", Qualifier::at_most},
                                            {"just under", Qualifier::at_most},
                                            {"at most", Qualifier::at_most},
                                            {"no more than", Qualifier::at_most},
                                            {"not more than", Qualifier::at_most},
                                            {"as many as", Qualifier::at_most},
                                            {"about", Qualifier::approximate},
                                            {"around", Qualifier::approximate},
                                            {"some", Qualifier::approximate},
                                            {"roughly", Qualifier::approximate},
                                            {"approximately", Qualifier::approximate},
                                            {"an estimated", Qualifier::approximate},
                                            {"estimated", Qualifier::approximate},
                                            {"close to", Qualifier::approximate},
                                            {"circa", Qualifier::approximate},
                                            {"~", Qualifier::approximate}};

// Word sets, space-separated, matched against lower-cased words.
inline constexpr std::string_view k_months =
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec";
// Before a bare 1900-2100 number these make it a year: "in 2022", "since 2014".
inline constexpr std::string_view k_year_words =
    "in since by until till from before after during of through to year and";
// Before a bare number these make it the name of one item of a series, not a count, however
// it is written: "season two", "Season 2", "episode 3", "phase 2 of the offensive".
inline constexpr std::string_view k_series_words =
    "season seasons episode episodes chapter chapters part volume vol round stage phase series "
    "book act scene track";
// What casualty claims count: "300 killed" counts the killed.
inline constexpr std::string_view k_casualty_words =
    "killed wounded injured dead died captured missing detained arrested displaced hurt "
    "abducted evacuated";
// Looked through before a casualty word: "12 were killed".
inline constexpr std::string_view k_auxiliaries = "were was are is have has had been reportedly later";
// Plural or collective nouns without an "s", units and currencies written singular.
inline constexpr std::string_view k_count_nouns =
    "people men women children personnel police staff crew aircraft infantry km kg mm cm mph "
    "euro dollar yuan yen rouble ruble hryvnia bitcoin";
// After a hyphen these make a number an ordinal or a fraction: "twenty-first", "two-thirds".
inline constexpr std::string_view k_ordinal_words =
    "first second third thirds half halves quarter quarters";
// Written onto digits these make them no count: "3rd", "1990s", "5pm".
inline constexpr std::string_view k_digit_suffixes = "st nd rd th s am pm";
// After a number these make it a time: "5 am", "1500 GMT".
inline constexpr std::string_view k_time_words = "am pm gmt utc o'clock";
// Determiners skipped after "of": "dozens of the soldiers".
inline constexpr std::string_view k_of_determiners = "the these those their its his her our your";
// Function words that end the search for a counted noun.
inline constexpr std::string_view k_stop_words =
    "a an the and or but nor to in on at by for from with without into of off over under since "
    "during after before until per than as via across along near about around against among "
    "between through towards within amid is are was were be been being has have had do does did "
    "will would shall should can could may might must said says say told according he she it "
    "they we you him her them us his its their our this that these those who whom which what "
    "when where while whose there here each every all both not no so too very also still only "
    "just then now ago again already yet even if because though although whether news always "
    "perhaps thus";

}  // namespace tracker::text::quantity_words
