#include "tracker/cli/import_opml_command.h"

#include <spdlog/spdlog.h>
#include <toml++/toml.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "tracker/cli/output.h"
#include "tracker/cli/toml_text.h"
#include "tracker/config/config_file.h"
#include "tracker/config/settings.h"
#include "tracker/net/url_policy.h"

namespace tracker::cli {
namespace {

struct ImportOpmlArguments {
  std::string input;
  std::string output;
  std::string interval = "15m";
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
  const WatchFileText watch = opml_watch_file(
      list->outlines, args.interval, std::filesystem::path(args.input).filename().string());
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

}  // namespace

WatchFileText opml_watch_file(const std::vector<syndication::OpmlOutline>& outlines,
                              std::string_view interval, std::string_view origin) {
  WatchFileText watch;
  // The file name may hold anything, a newline included: quoted and escaped on one line, it
  // cannot end the comment and add a key.
  watch.text = "# Imported from " + quoted_line(origin) + " by tracker import-opml\n";
  std::set<std::string> names;
  std::set<std::string> urls;
  for (const syndication::OpmlOutline& outline : outlines) {
    if (auto refused = refusal(outline)) {
      watch.skipped.push_back("skipped the subscription " + quoted_line(outline.title) + " (" +
                              quoted_line(outline.xml_url) + "): " + *refused);
      continue;
    }
    if (!urls.insert(outline.xml_url).second) {
      continue;  // the same feed in two folders: watch it once
    }
    const std::string base = slug(outline.title);
    std::string name = base;
    for (int n = 2; !names.insert(name).second; ++n) {
      name = base + "-" + std::to_string(n);
    }
    watch.text += "\n[[source]]\n";
    watch.text += "name = " + toml_string(name) + "\n";
    watch.text += "url = " + toml_string(outline.xml_url) + "\n";
    watch.text += "kind = \"feed\"\n";
    watch.text += "interval = " + toml_string(std::string(interval)) + "\n";
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
  command->footer(
      "One [[source]] per subscription (an <outline> with an xmlUrl, in any folder): name is a\n"
      "slug of its title made unique, kind = \"feed\". A subscription tracker would refuse (not\n"
      "http:// or https://) is skipped with a warning. Invalid OPML exits 4.");
  command->callback([args, &result] { result.exit_code = run_import_opml(*args); });
}

}  // namespace tracker::cli
