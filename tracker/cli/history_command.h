#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker history URL_OR_KEY [--store PATH] [--format text|json]`: a document's snapshots.
void add_history_command(CLI::App& app, std::string_view name, std::string_view summary,
                         CommandResult& result);

}  // namespace tracker::cli
