#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <toml++/toml.h>
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

// Reads the [log] table of tracker.toml (keys `file`, `level`; `file` relative to `folder`),
// for load_settings. Errors read "FILE:LINE:COLUMN: problem".
tl::expected<LogSettings, std::string> read_log_table(const std::string& name, const toml::node& node,
                                                      const std::filesystem::path& folder);

}  // namespace tracker::config
