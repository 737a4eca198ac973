#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker diff OLD NEW [--format text|json|html]`: the claim changes between two versions.
void add_diff_command(CLI::App& app, std::string_view name, std::string_view summary,
                      CommandResult& result);

}  // namespace tracker::cli
