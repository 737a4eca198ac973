#pragma once

#include <optional>
#include <string>
#include <tl/expected.hpp>

#include "tracker/store/records.h"

namespace tracker::cli {

// The help text of a `--since` option, the same for every reading command.
inline constexpr const char* k_since_help =
    "only changes stored at or after: an ISO 8601 date or date-time, or a duration back from now "
    "(24h, 7d)";

// A `--since` value as Unix seconds: "24h", "7d" (back from now), an ISO 8601 date (midnight
// UTC) or date-time (no zone means UTC); nullopt when it is none of these.
std::optional<store::UnixSeconds> parse_since(const std::string& text);

// The error for a `--since` value parse_since turned down, ready for spdlog::error.
std::string since_error(const std::string& text);

// An optional `--since` option: nullopt when not given, the error message when it does not read.
tl::expected<std::optional<store::UnixSeconds>, std::string> since_option(const std::string& text);

}  // namespace tracker::cli
