#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker run [--config FILE] [--store PATH] [--all] [--format text|json]`: the main job.
void add_run_command(CLI::App& app, std::string_view name, std::string_view summary,
                     CommandResult& result);

}  // namespace tracker::cli
