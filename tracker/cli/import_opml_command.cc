#include "tracker/cli/import_opml_command.h"

#include <spdlog/spdlog.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "tracker/cli/output.h"
#include "tracker/cli/run_command.h"
#include "tracker/cli/toml_text.h"
#include "tracker/config/config_file.h"
#include "tracker/config/settings.h"
#include "tracker/config/source_table.h"
#include "tracker/net/url_policy.h"
#include "tracker/text/utf8.h"

namespace tracker::cli {
namespace {

struct ImportOpmlArguments {
  std::string input;
  std::string output;
  std::string interval = "15m";
  std::string config;  // whose watch files say what is watched already
};

// Why tracker's loader would refuse `outline` as a source (so that one bad entry cannot make
// the whole watch file unloadable), or nothing.
std::optional<std::string> refusal(const syndication::OpmlOutline& outline) {
  if (!outline.xml_url.starts_with("http://") && !outline.xml_url.starts_with("https://")) {
    return "only http:// and https:// feeds are imported";
  }
  if (auto host = net::fetchable_host(outline.xml_url, false); !host) {
    return host.error();
  }
  return std::nullopt;
}

// What the configuration (--config, else the default one, if any) watches, but for the
// watch file being written: a feed there is not watched twice, and no name is taken twice.
// A configuration that does not load only costs the check, with a warning.
WatchedSources watched_sources(const ImportOpmlArguments& args) {
  WatchedSources watched;
  const std::filesystem::path config = args.config.empty() ? default_config_path() : std::filesystem::path(args.config);
  if (config.empty()) {
    return watched;
  }
  auto settings = config::load_settings(config);
  if (!settings) {
    spdlog::warn("cannot tell which feeds are watched already: {}", settings.error());
    return watched;
  }
  std::error_code ignored;
  const std::filesystem::path output =
      args.output.empty() ? std::filesystem::path() : std::filesystem::weakly_canonical(args.output, ignored);
  for (const config::SourceConfig& source : settings->sources) {
    const std::string file = source.origin.substr(0, source.origin.rfind(':'));
    if (!output.empty() && std::filesystem::weakly_canonical(file, ignored) == output) {
      continue;  // the file being replaced: its sources are not watched elsewhere
    }
    watched.by_url.emplace(source.url, "source '" + source.name + "' (" + source.origin + ")");
    watched.names.insert(source.name);
  }
  return watched;
}

ExitCode run_import_opml(const ImportOpmlArguments& args) {
  if (auto interval = config::parse_duration(args.interval); !interval) {
    spdlog::error("--interval '{}': {}", args.interval, interval.error());
    return ExitCode::usage;
  }
  auto bytes = config::read_config_file(args.input);
  if (!bytes) {
    spdlog::error("{}", bytes.error().message);
    return bytes.error().missing ? ExitCode::no_input : ExitCode::bad_input;
  }
  auto list = syndication::parse_opml(*bytes);
  if (!list) {
    spdlog::error("{}: {}", args.input, list.error().message);
    return ExitCode::bad_input;
  }
  if (list->dropped > 0) {
    spdlog::warn("{}: only the first {} subscriptions are imported; {} more were left out",
                 args.input, syndication::k_max_opml_outlines, list->dropped);
  }
  if (list->outlines.empty()) {
    spdlog::error("{}: no subscriptions (no <outline> with an xmlUrl)", args.input);
    return ExitCode::bad_input;
  }
  const WatchFileText watch = opml_watch_file(list->outlines, args.interval,
                                              std::filesystem::path(args.input).filename().string(),
                                              watched_sources(args));
  for (const std::string& skipped : watch.skipped) {
    spdlog::warn("{}: {}", args.input, skipped);
  }
  if (watch.sources == 0) {
    spdlog::error("{}: none of its {} subscriptions can be watched", args.input,
                  list->outlines.size());
    return ExitCode::bad_input;
  }
  if (args.output.empty()) {
    return write_stdout(watch.text);
  }
  return write_file_atomically(args.output, watch.text);
}

// A feed's folders as its tags: every folder it sits in, in any of its places in the list, so
// that an [[alert]] can name a folder. Cut short; a title the config loader would refuse as a
// tag (control characters) is left out.
std::map<std::string, std::set<std::string>> folder_tags(
    const std::vector<syndication::OpmlOutline>& outlines) {
  constexpr std::size_t k_max_tag_chars = 40;
  std::map<std::string, std::set<std::string>> tags;
  for (const syndication::OpmlOutline& outline : outlines) {
    std::set<std::string>& feed_tags = tags[outline.xml_url];
    for (const std::string& folder : outline.folders) {
      if (std::string tag = text::truncate_chars(folder, k_max_tag_chars); config::is_valid_tag(tag)) {
        feed_tags.insert(std::move(tag));
      }
    }
  }
  return tags;
}

std::string toml_string_list(const std::set<std::string>& values) {
  std::string list = "[";
  for (const std::string& value : values) {
    list += (list.size() > 1 ? ", " : "") + toml_string(value);
  }
  return list + "]";
}

}  // namespace

WatchFileText opml_watch_file(const std::vector<syndication::OpmlOutline>& outlines,
                              std::string_view interval, std::string_view origin,
                              const WatchedSources& watched) {
  const std::map<std::string, std::set<std::string>> tags = folder_tags(outlines);
  WatchFileText watch;
  // The file name may hold anything, a newline included: quoted and escaped on one line, it
  // cannot end the comment and add a key.
  watch.text = "# Imported from " + quoted_line(origin) + " by tracker import-opml\n";
  std::set<std::string> names;
  std::set<std::string> urls;
  std::unordered_map<std::string, int> next_suffix;  // per slug: the first "-N" not yet tried
  for (const syndication::OpmlOutline& outline : outlines) {
    if (auto refused = refusal(outline)) {
      watch.skipped.push_back("skipped the subscription " + quoted_line(outline.title) + " (" +
                              quoted_line(outline.xml_url) + "): " + *refused);
      continue;
    }
    if (const auto found = watched.by_url.find(outline.xml_url); found != watched.by_url.end()) {
      watch.skipped.push_back("skipped the subscription " + quoted_line(outline.title) + " (" +
                              quoted_line(outline.xml_url) + "): watched already as " + found->second);
      continue;
    }
    if (!urls.insert(outline.xml_url).second) {
      continue;  // the same feed in two folders: watch it once
    }
    const std::string base = slug(outline.title);
    std::string name = base;
    // Counting on from the last suffix this base took keeps a list of 10,000 feeds all titled
    // "News" linear, not 50 million tries.
    int& n = next_suffix.try_emplace(base, 2).first->second;
    for (; watched.names.contains(name) || !names.insert(name).second; ++n) {
      name = base + "-" + std::to_string(n);
    }
    watch.text += "\n[[source]]\n";
    watch.text += "name = " + toml_string(name) + "\n";
    watch.text += "url = " + toml_string(outline.xml_url) + "\n";
    watch.text += "kind = \"feed\"\n";
    watch.text += "interval = " + toml_string(std::string(interval)) + "\n";
    if (const std::set<std::string>& feed_tags = tags.at(outline.xml_url); !feed_tags.empty()) {
      watch.text += "tags = " + toml_string_list(feed_tags) + "\n";
    }
    ++watch.sources;
  }
  return watch;
}

void add_import_opml_command(CLI::App& app, std::string_view name, std::string_view summary,
                             CommandResult& result) {
  auto args = std::make_shared<ImportOpmlArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("file", args->input, "the OPML file (a feed reader's export)")->required();
  command->add_option("--output,-o", args->output, "the watch file to write (default: stdout)");
  command->add_option("--interval", args->interval, "how often to fetch each feed")
      ->capture_default_str();
  command->add_option("--config", args->config,
                      "the tracker.toml whose feeds are not imported again (default: ./tracker.toml, "
                      "else feeds/tracker.toml, if any)");
  command->footer(
      "One [[source]] per subscription (an <outline> with an xmlUrl, in any folder): name is a\n"
      "slug of its title, accents taken off, made unique (also against the configuration's\n"
      "sources), kind = \"feed\", and tags = the folders it sits in (in any of its places in\n"
      "the list; an [[alert]]'s sources may name a tag). A subscription tracker would refuse (not http:// or https://),\n"
      "or that another watch file of the configuration has already, is skipped with a warning.\n"
      "Invalid OPML exits 4.");
  command->callback([args, &result] { result.exit_code = run_import_opml(*args); });
}

}  // namespace tracker::cli
