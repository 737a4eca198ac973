#pragma once

#include <map>
#include <set>
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

// A watch file made from OPML outlines, and what was left out of it.
struct WatchFileText {
  std::string text;
  std::size_t sources = 0;            // [[source]] tables written
  std::vector<std::string> skipped;   // one warning per outline tracker would refuse
};

// The sources the configuration watches already, from other watch files.
struct WatchedSources {
  std::map<std::string, std::string> by_url;  // URL -> "source 'afp' (feeds/asia.toml:3)"
  std::set<std::string> names;
};

// The watch file: one [[source]] per outline that tracker can fetch and `watched` does not
// have, names slugs of the titles made unique (also against `watched`'s); every value
// written as an escaped TOML string.
WatchFileText opml_watch_file(const std::vector<syndication::OpmlOutline>& outlines,
                            std::string_view interval, std::string_view origin,
                            const WatchedSources& watched = {});

}  // namespace tracker::cli
