#include "tracker/cli/changes_command.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <tuple>
#include <vector>

#include "tracker/cli/document_filter.h"
#include "tracker/cli/ledger_input.h"
#include "tracker/cli/output.h"
#include "tracker/cli/since_option.h"
#include "tracker/cli/store_input.h"
#include "tracker/cli/topic_option.h"
#include "tracker/report/atom_feed.h"
#include "tracker/report/marked_words.h"
#include "tracker/report/run_report.h"
#include "tracker/report/stored_changes.h"

namespace tracker::cli {
namespace {

struct ChangesArguments {
  std::string since;
  std::string topic;
  DocumentFilter filter;  // --document, --source
  StoreChoice store;  // --store, --config
  std::string format = "text";
  std::vector<std::string> ledger_events;  // --ledger-events: figure-ledger events in the feed
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    out += (out.empty() ? "" : ", ") + item;
  }
  return out;
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

// Newest first, as a reader of a running story wants them: the changes of one stored version
// stay together and in the order the run stored them (most significant first).
void newest_first(report::ChangeSet& set) {
  std::stable_sort(set.changes.begin(), set.changes.end(),
                   [](const report::StoredChange& a, const report::StoredChange& b) {
                     return std::tie(a.change.created_at, a.change.snapshot_id) >
                            std::tie(b.change.created_at, b.change.snapshot_id);
                   });
}

// The heading of a version's changes, as `run` writes it; a document without a title is named
// by its URL.
std::string heading_of(const report::ChangeSet& set, store::DocumentId id) {
  const auto found = set.documents.find(id);
  if (found == set.documents.end()) {
    return "== document " + std::to_string(id) + "\n";
  }
  const store::Document& document = found->second.document;
  return report::document_heading(found->second.source_name, document.title.empty() ? document.url : document.title,
                                  document.url);
}

std::string change_block(const report::StoredChange& stored) {
  const store::Change& change = stored.change;
  std::string out = "[" + iso_utc(change.created_at) + "] " + upper(change.significance) + " " + change.kind;
  if (!change.topics.empty()) {
    out += " [" + join(change.topics) + "]";
  }
  if (!change.aspects.empty()) {
    out += " " + join(change.aspects);
  }
  out += '\n';
  // What the report, the feed and the e-mail say of it too: a takedown, a possible correction.
  for (const std::string& note : report::correction_notes(stored.flags)) {
    out += "  ! " + note + "\n";
  }
  if (change.old_text && change.new_text && !stored.words.empty()) {
    out += "~ " + report::marked_words(stored.words, false) + "\n";  // as `diff` marks them
    return out;
  }
  if (change.old_text) {
    out += "- " + *change.old_text + "\n";
  }
  if (change.new_text) {
    out += "+ " + *change.new_text + "\n";
  }
  return out;
}

// One heading per stored version (its document, source and URL), then its changes.
std::string changes_text(const report::ChangeSet& set) {
  std::string out;
  const store::Change* previous = nullptr;
  for (const report::StoredChange& stored : set.changes) {
    const store::Change& change = stored.change;
    if (previous == nullptr || previous->snapshot_id != change.snapshot_id ||
        previous->document_id != change.document_id) {
      out += (out.empty() ? "" : "\n") + heading_of(set, change.document_id);
    }
    out += "\n" + change_block(stored);
    previous = &change;
  }
  return out;
}

nlohmann::json document_json(const report::ChangeSet& set, store::DocumentId id) {
  const auto found = set.documents.find(id);
  if (found == set.documents.end()) {
    return {{"id", id}, {"title", nullptr}, {"source", nullptr}, {"url", nullptr}};
  }
  const report::ChangedDocument& document = found->second;
  return {{"id", id},
          {"title", document.document.title},
          {"source", document.source_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(document.source_name)},
          {"url", document.document.url}};
}

std::string changes_json(const report::ChangeSet& set) {
  nlohmann::json list = nlohmann::json::array();
  for (const report::StoredChange& stored : set.changes) {
    const store::Change& change = stored.change;
    nlohmann::json detail = nlohmann::json::parse(change.detail_json, nullptr, false);
    if (detail.is_discarded()) {
      detail = nullptr;
    }
    const bool marked = change.old_text && change.new_text && !stored.words.empty();
    list.push_back({{"id", change.id},
                    {"document_id", change.document_id},
                    {"document", document_json(set, change.document_id)},
                    {"snapshot_id", change.snapshot_id},
                    {"previous_snapshot_id", change.previous_snapshot_id
                                                 ? nlohmann::json(*change.previous_snapshot_id)
                                                 : nlohmann::json(nullptr)},
                    {"kind", change.kind},
                    {"significance", change.significance},
                    {"topics", change.topics},
                    {"aspects", change.aspects},
                    {"old_text", change.old_text ? nlohmann::json(*change.old_text) : nlohmann::json(nullptr)},
                    {"new_text", change.new_text ? nlohmann::json(*change.new_text) : nlohmann::json(nullptr)},
                    {"marked", marked ? nlohmann::json(report::marked_words(stored.words, false)) : nlohmann::json(nullptr)},
                    {"detail", detail},
                    {"created_at", iso_utc(change.created_at)}});
  }
  return list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// What the feed's title says it holds: "casualties, source afp", "document 12".
std::string feed_scope(const ChangesArguments& args) {
  std::string scope = args.topic;
  if (!args.filter.source.empty()) {
    scope += (scope.empty() ? "" : ", ") + std::string("source ") + args.filter.source;
  }
  if (!args.filter.document.empty()) {
    scope += (scope.empty() ? "" : ", ") + std::string("document ") + args.filter.document;
  }
  if (!args.filter.story.empty()) {
    scope += (scope.empty() ? "" : ", ") + std::string("story ") + args.filter.story;
  }
  return scope;
}

// The figure ledger of the feed's documents (`documents`, nullptr: all), judged story by story
// as `figures --ledger` judges it, or as one for --story.
tl::expected<std::vector<report::StoryLedger>, InputError> ledger_of(
    const OpenedStore& opened, const ChangesArguments& args,
    const std::vector<store::DocumentSummary>* documents) {
  std::vector<store::DocumentSummary> all;
  if (documents == nullptr) {
    auto summaries = opened.store->document_summaries();
    if (!summaries) {
      return tl::make_unexpected(InputError{ExitCode::failure, summaries.error().message});
    }
    all = std::move(*summaries);
    documents = &all;
  }
  auto figures = stored_figures(opened, *documents);
  if (!figures) {
    return tl::make_unexpected(figures.error());
  }
  LedgerReading reading;
  reading.as_one = !args.filter.story.empty();
  return story_ledgers(opened, std::move(*figures), reading);
}

// Whether the feed carries a ledger entry: one of --ledger-events, first reported at or after
// --since, and with --topic only a figure whose claim touches it.
bool wanted_event(const report::LedgerEntry& entry, const store::ChangeQuery& query,
                  const ChangesArguments& args) {
  const report::Figure& figure = entry.figure;
  const std::string_view event = report::to_string(entry.event);
  if (std::find(args.ledger_events.begin(), args.ledger_events.end(), event) ==
      args.ledger_events.end()) {
    return false;
  }
  if (query.since && figure.first_seen < *query.since) {
    return false;
  }
  return !query.topic ||
         std::find(figure.topics.begin(), figure.topics.end(), *query.topic) != figure.topics.end();
}

// The feed of the changes matching `query` and `documents` (nullptr: all): its id is the same
// for one store, topic and selection whenever it is written, so a feed reader keeps its place.
ExitCode write_stdout_atom(const OpenedStore& opened, const store::ChangeQuery& query,
                           const ChangesArguments& args,
                           const std::vector<store::DocumentSummary>* documents) {
  auto set = report::read_change_set(*opened.store, query);
  if (!set) {
    spdlog::error("{}", set.error().message);
    return ExitCode::failure;
  }
  if (documents != nullptr) {
    keep_changes_of(*documents, *set);
  }
  std::error_code ignored;
  const std::filesystem::path store_path = std::filesystem::weakly_canonical(opened.path, ignored);
  std::string feed_name = "tracker changes feed";
  feed_name += '\0' + (store_path.empty() ? opened.path : store_path).string() + '\0' + args.topic;
  if (!args.filter.empty()) {  // appended only then, so an unfiltered feed keeps its old id
    feed_name += '\0' + args.filter.source + '\0' + args.filter.document;
    if (!args.filter.story.empty()) {  // likewise: the feeds of --source and --document keep theirs
      feed_name += '\0' + std::string("story ") + args.filter.story;
    }
  }
  if (!args.ledger_events.empty()) {  // likewise: a feed without them keeps its id
    for (const std::string& event : args.ledger_events) {
      feed_name += '\0' + std::string("ledger ") + event;
    }
  }
  const std::string scope = feed_scope(args);
  report::AtomFeedContext context;
  context.id = report::uuid_urn(feed_name);
  const std::string what =
      args.ledger_events.empty() ? "claim changes" : "claim changes and figure events";
  context.title = "tracker: " + what + (scope.empty() ? "" : " (" + scope + ")");
  context.generated_at = unix_now();
  if (args.ledger_events.empty()) {
    return write_stdout(report::atom_feed(*set, context));
  }
  auto store_id = opened.store->store_id();
  if (!store_id) {
    spdlog::error("{}", store_id.error().message);
    return ExitCode::failure;
  }
  auto ledgers = ledger_of(opened, args, documents);
  if (!ledgers) {
    spdlog::error("{}", ledgers.error().message);
    return ledgers.error().exit_code;
  }
  std::vector<const report::LedgerEntry*> events;
  for (const report::StoryLedger& story : *ledgers) {
    for (const report::MeasureLedger& measure : story.measures) {
      for (const report::LedgerEntry& entry : measure.timeline) {
        if (wanted_event(entry, query, args)) {
          events.push_back(&entry);
        }
      }
    }
  }
  return write_stdout(report::atom_feed(*set, events, context, *store_id));
}

ExitCode run_changes(const ChangesArguments& args) {
  store::ChangeQuery query;
  if (!args.since.empty()) {
    query.since = parse_since(args.since);
    if (!query.since) {
      spdlog::error("{}", since_error(args.since));
      return ExitCode::usage;
    }
  }
  if (!args.topic.empty()) {
    query.topic = args.topic;
  }
  auto opened = open_store_for_reading(args.store);
  if (!opened) {
    spdlog::error("{}", opened.error().message);
    return opened.error().exit_code;
  }
  if (!args.topic.empty()) {
    if (auto known = check_topic_option(args.topic, *opened->store); !known) {
      spdlog::error("{}", known.error().message);
      return known.error().exit_code;
    }
  }
  std::optional<std::vector<store::DocumentSummary>> documents;
  if (!args.filter.empty()) {
    auto selected = select_documents(*opened, args.filter);
    if (!selected) {
      spdlog::error("{}", selected.error().message);
      return selected.error().exit_code;
    }
    documents = std::move(*selected);
  }
  if (!args.ledger_events.empty() && args.format != "atom") {
    spdlog::error("--ledger-events puts figure-ledger events in the feed: add --format atom");
    return ExitCode::usage;
  }
  if (args.format == "atom") {
    return write_stdout_atom(*opened, query, args, documents ? &*documents : nullptr);
  }
  auto set = report::read_change_set(*opened->store, query);
  if (!set) {
    spdlog::error("{}", set.error().message);
    return ExitCode::failure;
  }
  if (documents) {
    keep_changes_of(*documents, *set);
  }
  newest_first(*set);
  return write_stdout(args.format == "json" ? changes_json(*set) : changes_text(*set));
}

}  // namespace

void add_changes_command(CLI::App& app, std::string_view name, std::string_view summary,
                         CommandResult& result) {
  auto args = std::make_shared<ChangesArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("--since", args->since, k_since_help);
  command->add_option("--topic", args->topic, k_topic_help);
  command->add_option("--document", args->filter.document, k_document_help)->option_text("ID|URL");
  command->add_option("--source", args->filter.source, k_source_help)->option_text("NAME");
  command->add_option("--story", args->filter.story, k_story_help)->option_text("ID|NAME");
  add_store_options(*command, args->store);
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json", "atom"}))
      ->capture_default_str();
  command
      ->add_option("--ledger-events", args->ledger_events,
                   "with --format atom: also the figure ledger's events of these kinds, as "
                   "'figures --ledger' judges them (comma-separated: new-figure, corroborated, "
                   "repeated, revised, contradicted)")
      ->delimiter(',')
      ->check(CLI::IsMember({"new-figure", "corroborated", "repeated", "revised", "contradicted"}))
      ->option_text("EVENTS");
  command->footer(
      "The claim changes that runs have stored, newest first. Each stored version's changes\n"
      "come under a heading naming its document (\"== SOURCE: TITLE\" and the URL), one\n"
      "block per change: \"[time] SIGNIFICANCE kind [topics] aspects\", then the claim:\n"
      "\"~\" a changed claim with its words marked [-removed-] {+added+} as 'diff' marks them,\n"
      "\"+\" a new claim, \"-\" a removed one.\n"
      "--format atom writes an Atom 1.0 feed of them, newest first, for feed readers:\n"
      "entry ids stay the same from one run to the next, so each change shows once.\n"
      "--ledger-events revised,contradicted adds the figure ledger's events of those kinds\n"
      "(as 'figures --ledger' judges them, story by story) as entries among the changes, each\n"
      "at the time its figure was first reported; --since, --topic and the document selection\n"
      "apply to them too.\n"
      "--document takes an id from 'tracker documents', or a URL or key (a URL matches however\n"
      "it is spelled: http or https, a trailing slash); an unknown one exits 66, an unknown\n"
      "--source 64.");
  command->callback([args, &result] { result.exit_code = run_changes(*args); });
}

}  // namespace tracker::cli
