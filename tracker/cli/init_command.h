#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker init [DIR] [--watch URL]...`: a working folder to start from: a commented
// tracker.toml, a watch file (with the given feeds or pages, else a commented example) and the
// topic lexicon to edit.
void add_init_command(CLI::App& app, std::string_view name, std::string_view summary, CommandResult& result);

// The starter watch file: one [[source]] per URL, named after its host (made unique), its kind
// detected; a commented example when there is none.
std::string starter_watch_file(const std::vector<std::string>& urls);

// The starter tracker.toml: every setting a new user may want, commented out at its default
// but for `watch`, `store` and `topics`.
std::string starter_config();

}  // namespace tracker::cli
