#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker prune --keep N [--older-than DURATION] [--store PATH] [--dry-run] [--vacuum]`:
// removes each document's snapshots beyond its newest N (never the newest), with the changes
// they made, under the run lock. Exit 0 done, 2 trouble (no store, a run holds it), 64 usage.
void add_prune_command(CLI::App& app, std::string_view name, std::string_view summary,
                       CommandResult& result);

}  // namespace tracker::cli
