#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker claims FILE|URL [--format text|json] [--topics FILE]`: the claims of one version.
void add_claims_command(CLI::App& app, std::string_view name, std::string_view summary,
                        CommandResult& result);

}  // namespace tracker::cli
