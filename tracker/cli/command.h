#pragma once

#include "tracker/cli/cli11.h"

#include <string_view>

#include "tracker/cli/exit_code.h"

namespace tracker::cli {

// What a subcommand leaves behind when its callback runs.
struct CommandResult {
  ExitCode exit_code = ExitCode::ok;
};

// One row of the subcommand table: registers its CLI11 subcommand on the app; the callback
// stores its outcome in the result.
struct Command {
  std::string_view name;
  std::string_view summary;
  void (*add)(CLI::App& app, std::string_view name, std::string_view summary,
              CommandResult& result);
};

}  // namespace tracker::cli
