#pragma once

#include <filesystem>
#include <string>
#include <tl/expected.hpp>

#include "tracker/config/log_settings.h"

namespace tracker::cli {

// What the command line says about logging. Read before CLI11 parses it, so that parse errors
// are logged as asked too.
struct LogOptions {
  int verbosity = 0;           // -q: -1; each -v: one more
  std::filesystem::path file;  // --log-file; empty: none
  std::string level;           // --log-level, one of config::k_log_levels; empty: not given
};

// Scans the arguments for -v, -q, --log-file PATH and --log-level LEVEL (also written
// --option=value). An error names an unknown level or an option without its value.
tl::expected<LogOptions, std::string> scan_log_options(int argc, char** argv);

// Sets up the default logger. stderr keeps "tracker: LEVEL: message" at the level -v/-q choose
// (warn by default), or at --log-level when there is no log file. A log file gets every
// message at --log-level (info by default) as "2026-11-27T04:13:41.000Z [PID] LEVEL: message"
// and rotates at 5 MB, keeping 5 files. An error names a log file that cannot be opened.
tl::expected<void, std::string> set_up_logging(const LogOptions& options);

// Adds tracker.toml's [log] file, unless the command line named one: `tracker run` calls it
// once it has read its configuration. --log-level, else `level`, else info, is the file's level.
tl::expected<void, std::string> use_configured_log_file(const config::LogSettings& settings);

}  // namespace tracker::cli
