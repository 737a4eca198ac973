#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker changes [--since T] [--topic T] [--document ID|URL] [--source NAME] [--store PATH]
// [--format text|json|atom]`:
// stored claim changes, oldest first (an Atom feed: newest first).
void add_changes_command(CLI::App& app, std::string_view name, std::string_view summary,
                         CommandResult& result);

}  // namespace tracker::cli
