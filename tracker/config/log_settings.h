#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace tracker::config {

// The level names of `--log-level` and of `[log] level`, most detail first.
inline constexpr std::array<std::string_view, 6> k_log_levels = {"trace", "debug", "info",
                                                                 "warn",  "error", "off"};

// The [log] table of a tracker.toml: where `tracker run` keeps its log file. Both keys may be
// left out; the command line's --log-file and --log-level take precedence.
struct LogSettings {
  std::filesystem::path file;  // relative to tracker.toml's folder once read; empty: no file
  std::string level;           // one of k_log_levels; empty: not given
};

// Reads only the [log] table of FILE (keys `file`, `level`), apart from load_settings so that
// tracker.toml's main reader stays as it is. A watch file, which has no [log] table, gives
// empty settings. Errors read "FILE:LINE:COLUMN: problem".
tl::expected<LogSettings, std::string> load_log_settings(const std::filesystem::path& file);

}  // namespace tracker::config
