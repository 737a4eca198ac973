#include "tracker/cli/init_command.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <memory>
#include <set>

#include "tracker/cli/output.h"
#include "tracker/cli/toml_text.h"
#include "tracker/config/default_topics.h"
#include "tracker/net/url_parts.h"
#include "tracker/net/url_policy.h"

namespace tracker::cli {
namespace {

namespace fs = std::filesystem;

struct InitArguments {
  std::string folder = ".";
  std::vector<std::string> urls;
};

// The files init writes, relative to the folder: tracker.toml finds the others from there.
constexpr const char* k_config_file = "tracker.toml";
constexpr const char* k_watch_file = "feeds/news.toml";
constexpr const char* k_topics_file = "feeds/topics.toml";

ExitCode run_init(const InitArguments& args) {
  for (const std::string& url : args.urls) {  // refused now rather than by the first run
    if (!url.starts_with("http://") && !url.starts_with("https://")) {
      spdlog::error("--watch '{}': only http:// and https:// URLs can be watched", url);
      return ExitCode::usage;
    }
    if (auto host = net::fetchable_host(url, false); !host) {
      spdlog::error("--watch '{}': {}", url, host.error());
      return ExitCode::usage;
    }
  }
  const fs::path folder = args.folder;
  const std::vector<std::pair<fs::path, std::string>> files = {
      {folder / k_config_file, starter_config()},
      {folder / k_watch_file, starter_watch_file(args.urls)},
      {folder / k_topics_file, std::string(config::default_topics_toml())},
  };
  // All or nothing: a folder already set up is never half overwritten.
  for (const auto& [path, text] : files) {
    std::error_code error;
    if (fs::symlink_status(path, error).type() != fs::file_type::not_found) {
      spdlog::error("{}: exists already; tracker init writes nothing over it (nothing was written)",
                    path.string());
      return ExitCode::failure;
    }
  }
  for (const auto& [path, text] : files) {
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    if (error) {
      spdlog::error("{}: cannot create the folder: {}", path.parent_path().string(), error.message());
      return ExitCode::failure;
    }
    if (const ExitCode written = write_file_atomically(path, text); written != ExitCode::ok) {
      return written;
    }
  }
  const std::string config = (folder / k_config_file).string();
  return write_stdout("wrote " + config + ", " + (folder / k_watch_file).string() + " and " +
                      (folder / k_topics_file).string() + "\n" +
                      (args.urls.empty() ? "add the feeds and pages to watch to " + (folder / k_watch_file).string() +
                                               ", then: tracker run --config " + config + "\n"
                                         : "next: tracker run --config " + config + "\n"));
}

}  // namespace

std::string starter_watch_file(const std::vector<std::string>& urls) {
  std::string text =
      "# What tracker watches: one [[source]] per feed (RSS, Atom, RDF) or page. tracker.toml's\n"
      "# `watch` names this file; add more files beside it as the list grows.\n";
  if (urls.empty()) {
    return text +
           "#\n"
           "# [[source]]\n"
           "# name = \"afp-asia\"                      # unique, used in reports and alert rules\n"
           "# url = \"https://example.org/feed.xml\"   # a feed, or a single page\n"
           "# kind = \"feed\"                          # \"feed\" or \"page\"; detected when left out\n"
           "# interval = \"15m\"                       # how often it is due: s, m, h, d (\"1h30m\")\n"
           "# topics = [\"casualties\"]                # topics that matter here (see topics.toml); all when left out\n";
  }
  std::set<std::string> names;
  for (const std::string& url : urls) {
    const auto parts = net::url_parts(url);
    const std::string base = slug(parts ? parts->host : url);
    std::string name = base;
    for (int n = 2; !names.insert(name).second; ++n) {
      name = base + "-" + std::to_string(n);
    }
    text += "\n[[source]]\nname = " + toml_string(name) + "\nurl = " + toml_string(url) +
            "\ninterval = \"15m\"\n";
  }
  return text;
}

std::string starter_config() {
  return R"toml(# tracker's configuration, written by `tracker init`. Paths are relative to this file.
# Every setting is described in README.md; those commented out show their default.

watch = ["feeds/*.toml"]          # the watch files (topics.toml is skipped)
store = "snapshots/tracker.db"    # every version and change, in one SQLite file
topics = "feeds/topics.toml"      # the topic lexicon: edit it to follow your beat

# user_agent = "tracker/0.1 (+https://example.org/tracker)"   # say who you are to the sites
# concurrency = 16                # transfers at once
# per_host = 2                    # transfers at once to one host
# workers = 0                     # threads that read pages while others download (0: one per core, 1: none)

# [log]
# file = "log/tracker.log"
# level = "info"

# [limits]
# timeout = "60s"
# max_items_per_feed = 50
# run_timeout = "30m"

# How often a known article is fetched again, by its age (the default):
# [[recheck]]
# younger_than = "6h"
# every = "15m"
# [[recheck]]
# younger_than = "2d"
# every = "1h"
# [[recheck]]
# younger_than = "7d"
# every = "6h"

# Alerts by e-mail: changes that match a rule are mailed once. `tracker alert-test` tries it.
# [smtp]
# url = "smtp://127.0.0.1:25"
# from = "tracker@example.org"
#
# [[alert]]
# to = ["desk@example.org"]
# topics = ["casualties"]
# min_significance = "high"

# Stories pinned by keywords: `tracker stories` groups documents by themselves; a pin puts
# every document whose title or URL holds all the words into one story (`--story kursk`).
# [[story]]
# name = "kursk"
# search = "kursk"
)toml";
}

void add_init_command(CLI::App& app, std::string_view name, std::string_view summary, CommandResult& result) {
  auto args = std::make_shared<InitArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("folder", args->folder, "the working folder to set up (created if missing)")
      ->capture_default_str();
  command->add_option("--watch", args->urls, "a feed or page to watch (repeatable)");
  command->footer(
      "Writes FOLDER/tracker.toml (commented, every setting at hand), FOLDER/feeds/news.toml\n"
      "(the --watch URLs as sources, else a commented example) and FOLDER/feeds/topics.toml\n"
      "(the built-in topic lexicon, to edit). Nothing is written when any of them exists.\n"
      "Then: tracker run --config FOLDER/tracker.toml.");
  command->callback([args, &result] { result.exit_code = run_init(*args); });
}

}  // namespace tracker::cli
