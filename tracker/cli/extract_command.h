#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker extract FILE|URL [--format text|json]`: the article text of one page.
void add_extract_command(CLI::App& app, std::string_view name, std::string_view summary,
                         CommandResult& result);

}  // namespace tracker::cli
