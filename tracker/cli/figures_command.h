#pragma once

#include <string_view>

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker figures [--document ID|URL] [--source NAME] [--search WORDS] [--measure NOUN]
// [--since T] [--current] [--ledger] [--format text|json|csv]`: every figure the stored versions
// reported, by what it counts, with who said it and from when until when.
void add_figures_command(CLI::App& app, std::string_view name, std::string_view summary, CommandResult& result);

}  // namespace tracker::cli
