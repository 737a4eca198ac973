#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker show SNAPSHOT_ID [--store PATH] [--format text|json] [--raw]`: one stored snapshot.
void add_show_command(CLI::App& app, std::string_view name, std::string_view summary,
                      CommandResult& result);

}  // namespace tracker::cli
