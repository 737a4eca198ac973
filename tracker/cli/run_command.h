#pragma once

#include <filesystem>

#include "tracker/cli/command.h"

namespace tracker::cli {

// The configuration a run uses without --config: ./tracker.toml, else feeds/tracker.toml;
// empty when there is neither.
std::filesystem::path default_config_path();

// `tracker run [--config FILE] [--store PATH] [--all] [--format text|json]`: the main job.
void add_run_command(CLI::App& app, std::string_view name, std::string_view summary,
                     CommandResult& result);

}  // namespace tracker::cli
