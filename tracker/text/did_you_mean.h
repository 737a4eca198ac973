#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tracker::text {

// The candidate closest to `typed` by edit distance, if close enough to be a typo
// (at most a third of its length, and at most 3 edits); empty otherwise.
std::string did_you_mean(std::string_view typed, std::span<const std::string_view> candidates);

// Edit distance, counting insertions, deletions, substitutions and swaps of two adjacent
// characters (optimal string alignment).
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace tracker::text
