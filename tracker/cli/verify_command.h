#pragma once

#include <string_view>

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker verify [--baselines DIR] [--store PATH] [--update]`: regression check of the
// extraction and claims of pinned baselines and stored raw pages against this build.
void add_verify_command(CLI::App& app, std::string_view name, std::string_view summary, CommandResult& result);

}  // namespace tracker::cli
