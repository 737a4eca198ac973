#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tracker/cli/command.h"
#include "tracker/syndication/opml.h"

namespace tracker::cli {

// `tracker import-opml FILE [--output WATCHFILE] [--interval 15m]`: a watch file from an OPML
// subscription list.
void add_import_opml_command(CLI::App& app, std::string_view name, std::string_view summary,
                             CommandResult& result);

// The watch file text: one [[source]] per outline, names slugs of the titles made unique.
std::string opml_watch_file(const std::vector<syndication::OpmlOutline>& outlines,
                            std::string_view interval, std::string_view origin);

}  // namespace tracker::cli
