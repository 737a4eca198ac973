#pragma once

#include <string_view>

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker reprocess [--store PATH] [--config FILE] [--topics FILE]`: re-runs extraction,
// claims and diffs over the stored history with this build.
void add_reprocess_command(CLI::App& app, std::string_view name, std::string_view summary, CommandResult& result);

}  // namespace tracker::cli
