#include "tracker/cli/stories_command.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "tracker/cli/output.h"
#include "tracker/cli/since_option.h"
#include "tracker/cli/store_input.h"
#include "tracker/cli/story_selection.h"
#include "tracker/report/document_search.h"

namespace tracker::cli {
namespace {

struct StoriesArguments {
  StoreChoice store;  // --store, --config
  std::string search;
  std::string since;
  std::optional<double>
      similarity;  // unset: the configuration's story_similarity, else the built-in
  std::string format = "text";
};

using DocumentsById = std::map<store::DocumentId, const store::DocumentSummary*>;

std::string stories_json(const std::vector<report::Story>& stories, const DocumentsById& documents) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const report::Story& story : stories) {
    nlohmann::ordered_json members = nlohmann::ordered_json::array();
    for (const store::DocumentId id : story.documents) {
      const store::DocumentSummary& summary = *documents.at(id);
      members.push_back({{"id", id},
                         {"source", summary.source_name},
                         {"title", summary.document.title},
                         {"url", summary.document.url},
                         {"first_seen", iso_utc(summary.document.first_seen)}});
    }
    list.push_back({{"id", story.id},
                    {"pin", story.pin.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(story.pin)},
                    {"names", story.names},
                    {"sources", story.sources},
                    {"first_seen", iso_utc(story.first_seen)},
                    {"last_activity", iso_utc(story.last_activity)},
                    {"documents", std::move(members)}});
  }
  nlohmann::ordered_json root;
  root["stories"] = std::move(list);
  // Titles and names come from the web: invalid UTF-8 is replaced rather than fatal.
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

// A heading line a story, its names, then its documents as 'tracker documents' lists them.
std::string stories_text(const std::vector<report::Story>& stories, const DocumentsById& documents) {
  std::string out;
  for (const report::Story& story : stories) {
    const std::string pinned = story.pin.empty() ? "" : " \"" + story.pin + "\" (pinned)";
    out += fmt::format("story {}{}  {} document{}, {} outlet{}  {} .. {}\n", story.id, pinned, story.documents.size(),
                       story.documents.size() == 1 ? "" : "s", story.sources.size(),
                       story.sources.size() == 1 ? "" : "s", iso_utc(story.first_seen),
                       iso_utc(story.last_activity));
    if (!story.names.empty()) {
      out += fmt::format("  names: {}\n", fmt::join(story.names, ", "));
    }
    for (const store::DocumentId id : story.documents) {
      const store::DocumentSummary& summary = *documents.at(id);
      out += fmt::format("  {:>6}  {}  {}\n          {}\n", id, summary.source_name,
                         summary.document.title.empty() ? "(no title)" : summary.document.title,
                         summary.document.url);
    }
    out += "\n";
  }
  return out;
}

ExitCode run_stories(const StoriesArguments& args) {
  const auto since_given = since_option(args.since);
  if (!since_given) {
    spdlog::error("{}", since_given.error());
    return ExitCode::usage;
  }
  const std::optional<store::UnixSeconds> since = *since_given;
  auto opened = open_store_for_reading(args.store);
  if (!opened) {
    spdlog::error("{}", opened.error().message);
    return opened.error().exit_code;
  }
  auto all = opened->store->document_summaries();
  if (!all) {
    spdlog::error("{}", all.error().message);
    return ExitCode::failure;
  }
  // Stories are always grouped over every document, so that a selection does not change them.
  auto stories = stories_of(*opened, *all, args.similarity);
  if (!stories) {
    spdlog::error("{}", stories.error().message);
    return stories.error().exit_code;
  }
  DocumentsById documents;
  for (const store::DocumentSummary& summary : *all) {
    documents.emplace(summary.document.id, &summary);
  }
  const report::DocumentSearch search(args.search);
  std::erase_if(*stories, [&](const report::Story& story) {
    const bool matches = std::any_of(story.documents.begin(), story.documents.end(),
                                     [&](store::DocumentId id) { return search.matches(documents.at(id)->document); });
    return !matches || (since && story.last_activity < *since);
  });
  return write_stdout(args.format == "json" ? stories_json(*stories, documents) : stories_text(*stories, documents));
}

}  // namespace

void add_stories_command(CLI::App& app, std::string_view name, std::string_view summary, CommandResult& result) {
  auto args = std::make_shared<StoriesArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  add_store_options(*command, args->store);
  command->add_option("--search", args->search,
                      "only stories with a document that has every one of these words in its title or URL")
      ->option_text("WORDS");
  command->add_option("--since", args->since, "only stories active at or after T (as for 'changes')")
      ->option_text("T");
  command
      ->add_option(
          "--similarity", args->similarity,
          "how alike (0-1) a document's names must be to a story's for it to join the story "
          "(default: the configuration's story_similarity, else 0.2)")
      ->check(CLI::Range(0.0, 1.0))
      ->option_text("X");
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->footer(
      "Documents that report the same events, from every outlet, grouped into stories, newest\n"
      "activity first. Each document is read from its newest version: the proper names it uses\n"
      "(a name few documents share weighs more than one many do) and the words of its headline.\n"
      "Taken in the order they were first seen, a document joins the story whose names are most\n"
      "like its own (at least --similarity, cosine of the weights) among the stories active within\n"
      "the 7 days before it, else it starts a story. A story's id is its first document's id;\n"
      "'figures', 'documents' and 'changes' take --story ID to select its documents (any of its\n"
      "documents' ids names it). A story lists the names its documents share most, its outlets, and\n"
      "its documents with their source, title and URL. A [[story]] table of the configuration\n"
      "(name, search) pins a story: every document whose title or URL holds all of its search words\n"
      "is in it, and --story NAME selects it. Each run stores the story of each new document, and\n"
      "a document keeps it; the stories are grouped again when the pins change and by 'reprocess'.\n"
      "Another --similarity groups the whole store for this listing only. Exit 64 for a bad\n"
      "--since or --similarity.");
  command->callback([args, &result] { result.exit_code = run_stories(*args); });
}

}  // namespace tracker::cli
