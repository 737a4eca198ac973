#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker documents [--store PATH | --config FILE] [--source NAME] [--search WORDS]
// [--format text|json]`: the stored documents, newest activity first.
void add_documents_command(CLI::App& app, std::string_view name, std::string_view summary,
                           CommandResult& result);

}  // namespace tracker::cli
