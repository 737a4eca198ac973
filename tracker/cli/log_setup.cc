#include "tracker/cli/log_setup.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <string_view>

namespace tracker::cli {
namespace {

constexpr std::size_t k_log_file_bytes = std::size_t{5} << 20;
constexpr std::size_t k_log_files = 5;

// The command line's choices, kept for use_configured_log_file.
LogOptions& command_line() {
  static LogOptions options;
  return options;
}

spdlog::level::level_enum level_named(std::string_view name, spdlog::level::level_enum otherwise) {
  return name.empty() ? otherwise : spdlog::level::from_str(std::string(name));
}

spdlog::level::level_enum stderr_level(int verbosity) {
  return verbosity < 0    ? spdlog::level::err
         : verbosity == 0 ? spdlog::level::warn
         : verbosity == 1 ? spdlog::level::info
                          : spdlog::level::debug;
}

// The logger passes on what its most talkative sink wants; each sink filters for itself.
void update_logger_level(spdlog::logger& logger) {
  auto level = spdlog::level::off;
  for (const spdlog::sink_ptr& sink : logger.sinks()) {
    level = std::min(level, sink->level());
  }
  logger.set_level(level);
}

tl::expected<void, std::string> add_log_file(const std::filesystem::path& path,
                                             spdlog::level::level_enum level) {
  auto logger = spdlog::default_logger();
  try {
    auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_st>(
        path.string(), k_log_file_bytes, k_log_files);
    sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        "%Y-%m-%dT%H:%M:%S.%eZ [%P] %l: %v", spdlog::pattern_time_type::utc));
    sink->set_level(level);
    logger->sinks().push_back(std::move(sink));
  } catch (const spdlog::spdlog_ex& error) {
    return tl::make_unexpected(path.string() + ": cannot open the log file: " + error.what());
  }
  logger->flush_on(spdlog::level::trace);  // a run killed midway still leaves its log lines
  update_logger_level(*logger);
  return {};
}

bool is_log_level(std::string_view name) {
  return std::find(config::k_log_levels.begin(), config::k_log_levels.end(), name) !=
         config::k_log_levels.end();
}

}  // namespace

tl::expected<LogOptions, std::string> scan_log_options(int argc, char** argv) {
  LogOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "-q" || argument == "--quiet") {
      options.verbosity = -1;
    } else if (argument == "-v" || argument == "--verbose") {
      ++options.verbosity;
    }
    for (const std::string_view option : {"--log-file", "--log-level"}) {
      std::string_view value;
      if (argument == option) {
        if (i + 1 >= argc) {
          return tl::make_unexpected(std::string(option) + " needs a value");
        }
        value = argv[++i];
      } else if (argument.starts_with(option) && argument.substr(option.size()).starts_with("=")) {
        value = argument.substr(option.size() + 1);
      } else {
        continue;
      }
      if (option == "--log-file") {
        options.file = value;
      } else if (is_log_level(value)) {
        options.level = value;
      } else {
        return tl::make_unexpected("--log-level: '" + std::string(value) +
                                   "' is not one of trace, debug, info, warn, error, off");
      }
    }
  }
  return options;
}

tl::expected<void, std::string> set_up_logging(const LogOptions& options) {
  command_line() = options;
  auto stderr_sink = std::make_shared<spdlog::sinks::stderr_sink_st>();
  stderr_sink->set_pattern("tracker: %l: %v");
  stderr_sink->set_level(options.file.empty()
                             ? level_named(options.level, stderr_level(options.verbosity))
                             : stderr_level(options.verbosity));
  auto logger = std::make_shared<spdlog::logger>("tracker", std::move(stderr_sink));
  update_logger_level(*logger);
  spdlog::set_default_logger(std::move(logger));
  if (options.file.empty()) {
    return {};
  }
  return add_log_file(options.file, level_named(options.level, spdlog::level::info));
}

tl::expected<void, std::string> use_configured_log_file(const config::LogSettings& settings) {
  const LogOptions& given = command_line();
  if (!given.file.empty() || settings.file.empty()) {
    return {};
  }
  // --log-level went to stderr while there was no file; with one it is the file's level.
  spdlog::default_logger()->sinks().front()->set_level(stderr_level(given.verbosity));
  return add_log_file(settings.file,
                      level_named(given.level, level_named(settings.level, spdlog::level::info)));
}

}  // namespace tracker::cli
