#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker status [--config FILE] [--store PATH] [--format text|json] [--brief]`: each watched
// source's health from the store (last success, last error, failures in a row, next fetch,
// documents and snapshots) and a one-line summary for monitoring. Exit status 0 when no
// source is failing, 6 (sources_failed) when some are.
void add_status_command(CLI::App& app, std::string_view name, std::string_view summary,
                        CommandResult& result);

}  // namespace tracker::cli
