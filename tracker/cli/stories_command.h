#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker stories [--store PATH | --config FILE] [--search WORDS] [--since T] [--similarity X]
// [--format text|json]`: the stored documents grouped into stories, newest activity first.
void add_stories_command(CLI::App& app, std::string_view name, std::string_view summary,
                         CommandResult& result);

}  // namespace tracker::cli
