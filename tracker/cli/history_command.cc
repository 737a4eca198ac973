#include "tracker/cli/history_command.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "tracker/cli/output.h"
#include "tracker/cli/store_input.h"

namespace tracker::cli {
namespace {

struct HistoryArguments {
  std::string key_or_url;
  StoreChoice store;  // --store, --config
  std::string format = "text";
};

// Paragraphs of a stored text: blocks separated by a blank line.
std::size_t paragraph_count(std::string_view text) {
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find("\n\n", pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    if (text.substr(pos, end - pos).find_first_not_of(" \n") != std::string_view::npos) {
      ++count;
    }
    pos = end + 2;
  }
  return count;
}

ExitCode run_history(const HistoryArguments& args) {
  auto opened = open_store_for_reading(args.store);
  if (!opened) {
    spdlog::error("{}", opened.error().message);
    return opened.error().exit_code;
  }
  const std::filesystem::path& path = opened->path;
  store::SnapshotStore& store = *opened->store;
  auto history = store.history(args.key_or_url);
  if (!history) {
    spdlog::error("{}", history.error().message);
    return ExitCode::failure;
  }
  if (history->empty()) {
    spdlog::error("no document with URL or key '{}' in {}", args.key_or_url, path.string());
    return ExitCode::no_input;
  }
  std::string output;
  if (args.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const store::Snapshot& snapshot : *history) {
      list.push_back({{"id", snapshot.id},
                      {"document_id", snapshot.document_id},
                      {"fetched_at", iso_utc(snapshot.fetched_at)},
                      {"http_status", snapshot.http_status},
                      {"text_sha256", snapshot.text_sha256},
                      {"paragraphs", paragraph_count(snapshot.text)},
                      // why the story was gone at this fetch; null for a version
                      {"taken_down", snapshot.gone.empty() ? nlohmann::json(nullptr) : nlohmann::json(snapshot.gone)}});
    }
    output = list.dump(2) + "\n";
  } else {
    for (const store::Snapshot& snapshot : *history) {
      const std::size_t paragraphs = paragraph_count(snapshot.text);
      const std::string what = !snapshot.gone.empty() ? "taken down: " + snapshot.gone
                               : fmt::format("{} paragraph{}", paragraphs, paragraphs == 1 ? "" : "s");
      output += fmt::format("{:>6}  {}  {}  {}  {}\n", snapshot.id, iso_utc(snapshot.fetched_at),
                            snapshot.http_status, snapshot.text_sha256.substr(0, 12), what);
    }
  }
  return write_stdout(output);
}

}  // namespace

void add_history_command(CLI::App& app, std::string_view name, std::string_view summary,
                         CommandResult& result) {
  auto args = std::make_shared<HistoryArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("document", args->key_or_url, "the document's URL or key (feed GUID)")
      ->required();
  add_store_options(*command, args->store);
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->footer(
      "One line per stored snapshot, oldest first: id, fetch time (UTC), HTTP status, the first\n"
      "12 hex digits of the text's SHA-256 and the number of paragraphs. Exit 66 when no\n"
      "document has that URL or key.");
  command->callback([args, &result] { result.exit_code = run_history(*args); });
}

}  // namespace tracker::cli
