#include "tracker/cli/import_opml_command.h"

#include <spdlog/spdlog.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "tracker/cli/output.h"
#include "tracker/config/settings.h"

namespace tracker::cli {
namespace {

struct ImportOpmlArguments {
  std::string input;
  std::string output;
  std::string interval = "15m";
};

// A TOML basic string, quotes, backslashes and control characters escaped (by toml++).
std::string toml_string(const std::string& text) {
  std::ostringstream out;
  out << toml::value<std::string>(text);
  return out.str();
}

// "Le Monde: À la une" -> "le-monde-la-une": ASCII letters and digits, runs of anything else
// one hyphen; "feed" when nothing is left.
std::string slug(std::string_view title) {
  std::string out;
  for (const char c : title) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 && byte < 0x80) {
      out += static_cast<char>(std::tolower(byte));
    } else if (byte < 0x80 && !out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') {
    out.pop_back();
  }
  if (out.size() > 60) {
    out.resize(60);
    while (!out.empty() && out.back() == '-') {
      out.pop_back();
    }
  }
  return out.empty() ? "feed" : out;
}


ExitCode run_import_opml(const ImportOpmlArguments& args) {
  if (auto interval = config::parse_duration(args.interval); !interval) {
    spdlog::error("--interval '{}': {}", args.interval, interval.error());
    return ExitCode::usage;
  }
  std::ifstream in(args.input, std::ios::binary);
  if (!in) {
    spdlog::error("{}: cannot read the file: {}", args.input, std::strerror(errno));
    return ExitCode::no_input;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto outlines = syndication::parse_opml(bytes.str());
  if (!outlines) {
    spdlog::error("{}: {}", args.input, outlines.error().message);
    return ExitCode::bad_input;
  }
  if (outlines->empty()) {
    spdlog::error("{}: no subscriptions (no <outline> with an xmlUrl)", args.input);
    return ExitCode::bad_input;
  }
  const std::string text =
      opml_watch_file(*outlines, args.interval, std::filesystem::path(args.input).filename().string());
  if (args.output.empty()) {
    return write_stdout(text);
  }
  return write_file_atomically(args.output, text);
}

}  // namespace

std::string opml_watch_file(const std::vector<syndication::OpmlOutline>& outlines,
                            std::string_view interval, std::string_view origin) {
  std::string out = "# Imported from " + std::string(origin) + " by tracker import-opml\n";
  std::set<std::string> names;
  std::set<std::string> urls;
  for (const syndication::OpmlOutline& outline : outlines) {
    if (!urls.insert(outline.xml_url).second) {
      continue;  // the same feed in two folders: watch it once
    }
    const std::string base = slug(outline.title);
    std::string name = base;
    for (int n = 2; !names.insert(name).second; ++n) {
      name = base + "-" + std::to_string(n);
    }
    out += "\n[[source]]\n";
    out += "name = " + toml_string(name) + "\n";
    out += "url = " + toml_string(outline.xml_url) + "\n";
    out += "kind = \"feed\"\n";
    out += "interval = " + toml_string(std::string(interval)) + "\n";
  }
  return out;
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
      "slug of its title made unique, kind = \"feed\". Invalid OPML exits 4.");
  command->callback([args, &result] { result.exit_code = run_import_opml(*args); });
}

}  // namespace tracker::cli
