#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker report --html PATH [--since T] [--topic T] [--document ID|URL] [--source NAME]
// [--store PATH]`: the stored claim changes as one self-contained HTML page, written
// atomically (or to stdout for `-`).
void add_report_command(CLI::App& app, std::string_view name, std::string_view summary,
                        CommandResult& result);

}  // namespace tracker::cli
