#include "tracker/cli/documents_command.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "tracker/cli/document_filter.h"
#include "tracker/cli/output.h"
#include "tracker/cli/store_input.h"

namespace tracker::cli {
namespace {

struct DocumentsArguments {
  StoreChoice store;  // --store, --config
  DocumentFilter filter;
  std::string format = "text";
};

nlohmann::json optional_time(const std::optional<store::UnixSeconds>& seconds) {
  return seconds ? nlohmann::json(iso_utc(*seconds)) : nlohmann::json(nullptr);
}

std::string documents_json(const std::vector<store::DocumentSummary>& documents) {
  nlohmann::json list = nlohmann::json::array();
  for (const store::DocumentSummary& summary : documents) {
    const store::Document& document = summary.document;
    list.push_back({{"id", document.id},
                    {"title", document.title},
                    {"source", summary.source_name},
                    {"url", document.url},
                    {"key", document.key},
                    {"snapshots", summary.snapshots},
                    {"changes", summary.changes},
                    {"first_seen", iso_utc(document.first_seen)},
                    {"last_snapshot_at", optional_time(summary.last_snapshot_at)},
                    {"last_change_at", optional_time(summary.last_change_at)}});
  }
  // Titles and URLs come from the web: invalid UTF-8 is replaced rather than fatal.
  return list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// Two lines a document: "id  last activity  source  N snapshots  title", then its URL.
std::string documents_text(const std::vector<store::DocumentSummary>& documents) {
  std::string out;
  for (const store::DocumentSummary& summary : documents) {
    const store::Document& document = summary.document;
    out += fmt::format("{:>6}  {}  {}  {} snapshot{}  {}\n        {}\n", document.id,
                       iso_utc(summary.last_activity()), summary.source_name, summary.snapshots,
                       summary.snapshots == 1 ? "" : "s",
                       document.title.empty() ? "(no title)" : document.title, document.url);
  }
  return out;
}

ExitCode run_documents(const DocumentsArguments& args) {
  auto opened = open_store_for_reading(args.store);
  if (!opened) {
    spdlog::error("{}", opened.error().message);
    return opened.error().exit_code;
  }
  auto documents = select_documents(*opened, args.filter);
  if (!documents) {
    spdlog::error("{}", documents.error().message);
    return documents.error().exit_code;
  }
  return write_stdout(args.format == "json" ? documents_json(*documents)
                                            : documents_text(*documents));
}

}  // namespace

void add_documents_command(CLI::App& app, std::string_view name, std::string_view summary,
                           CommandResult& result) {
  auto args = std::make_shared<DocumentsArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  add_store_options(*command, args->store);
  command->add_option("--source", args->filter.source, k_source_help)->option_text("NAME");
  command->add_option("--story", args->filter.story, k_story_help)->option_text("ID|NAME");
  command
      ->add_option("--search", args->filter.search,
                   "only documents with every one of these words in the title or URL "
                   "(case and punctuation ignored)")
      ->option_text("WORDS");
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->footer(
      "The documents the runs have stored, newest activity first: id, the time of the newest\n"
      "snapshot (a snapshot is stored only when the text changed; the time the document was\n"
      "first seen when it has none), source, number of snapshots and title, then the URL.\n"
      "The id and the URL are what 'history', 'changes --document' and 'report --document'\n"
      "take. --format json adds the key, the number of claim changes and the newest change's\n"
      "time. Exit 64 for a --source the store does not know, 2 for a missing store.");
  command->callback([args, &result] { result.exit_code = run_documents(*args); });
}

}  // namespace tracker::cli
