#pragma once

// Reading values out of parsed TOML with errors that name the file, line and column: shared
// by the readers of tracker.toml, watch files and their [smtp] and [[alert]] tables.
#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace tracker::config {

// "FILE:LINE:COLUMN".
std::string where(const std::string& file, const toml::source_region& region);

// An error for the first key of `table` not in `known`, with "did you mean" when one is close.
tl::expected<void, std::string> check_keys(const std::string& file, const toml::table& table,
                                           std::span<const std::string_view> known);

tl::expected<std::string, std::string> string_at(const std::string& file, const toml::node& node,
                                                 std::string_view key);
tl::expected<bool, std::string> bool_at(const std::string& file, const toml::node& node,
                                        std::string_view key);
// A whole number from 1 to `max`.
tl::expected<std::size_t, std::string> count_at(const std::string& file, const toml::node& node,
                                                std::string_view key, std::int64_t max);
// A duration string: "15m", "1h30m", "90s", "250ms".
tl::expected<std::chrono::milliseconds, std::string> duration_at(const std::string& file,
                                                                 const toml::node& node,
                                                                 std::string_view key);
// An array of strings; with `allow_single`, one string is a list of one.
tl::expected<std::vector<std::string>, std::string> string_list_at(const std::string& file,
                                                                   const toml::node& node,
                                                                   std::string_view key,
                                                                   bool allow_single = false);

}  // namespace tracker::config
