#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace tracker::text {

// One country named by its adjective or another of its names ("American", "US", "United
// States"; "Dutch", "Netherlands"), where the forms are not spellings of one word (word_forms.h
// pairs "Russian" with "Russia" already). Lower-case, the words of a form joined by one space.
// The country's index in the table, or nullopt for any other words.
std::optional<std::size_t> country_named(std::string_view lower_form);

// Whether some form of the table starts with this lower-case word: a quick test before
// country_named is asked about the words from here on.
bool starts_country_name(std::string_view lower_word);

// The most words any form of the table has ("united arab emirates": 3).
inline constexpr std::size_t k_longest_country_form = 3;

}  // namespace tracker::text
