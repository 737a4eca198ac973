#include "tracker/cli/figures_command.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "tracker/cli/document_filter.h"
#include "tracker/cli/figures_output.h"
#include "tracker/cli/ledger_input.h"
#include "tracker/cli/output.h"
#include "tracker/cli/since_option.h"
#include "tracker/cli/store_input.h"
#include "tracker/report/figures.h"
#include "tracker/report/ledger.h"
#include "tracker/report/ledger_atom.h"
#include "tracker/report/measures.h"
#include "tracker/report/story_ledgers.h"

namespace tracker::cli {
namespace {

struct FiguresArguments {
  StoreChoice store;  // --store, --config
  DocumentFilter filter;
  std::string measure;
  std::string since;
  bool current = false;
  bool ledger = false;
  bool across_stories = false;  // --across-stories: one ledger, whatever the stories
  std::string measures;  // --measures FILE; empty: the built-in feeds/measures.toml
  std::string grouping = "model";  // --grouping
  std::string format = "text";
};

// "troops" asks for "troops" and "troop": a measure is compared without case and without a
// plural -s, as claims write it either way.
bool same_measure(const std::string& measure, const std::string& wanted) {
  return report::measure_key(measure) == report::measure_key(wanted);
}

// The ledger of `figures`: per stored story (report/story_ledgers.h) unless --story or --search
// chose one selection, or --across-stories asked for one, which is then judged as one. Only the
// measures --measure asks for are kept.
tl::expected<std::vector<report::StoryLedger>, InputError> figures_ledger(
    const OpenedStore& opened, std::vector<report::Figure> figures, const FiguresArguments& args) {
  LedgerReading reading;
  reading.as_one = !args.filter.story.empty() || !args.filter.search.empty() || args.across_stories;
  reading.measures = args.measures;
  reading.grouping =
      args.grouping == "rules" ? report::LedgerGrouping::rules : report::LedgerGrouping::model;
  auto ledgers = story_ledgers(opened, std::move(figures), reading);
  if (ledgers && !args.measure.empty()) {
    for (report::StoryLedger& story : *ledgers) {
      std::erase_if(story.measures, [&](const report::MeasureLedger& ledger) {
        return !report::measure_matches(ledger.measure, args.measure);
      });
    }
  }
  return ledgers;
}

// The ledger as an Atom feed: its id is the same for one store and selection whenever it is
// written, so a feed reader keeps its place.
ExitCode write_ledger_atom(const OpenedStore& opened, const FiguresArguments& args,
                           const std::vector<report::MeasureLedger>& ledgers) {
  auto store_id = opened.store->store_id();
  if (!store_id) {
    spdlog::error("{}", store_id.error().message);
    return ExitCode::failure;
  }
  std::error_code ignored;
  const std::filesystem::path store_path = std::filesystem::weakly_canonical(opened.path, ignored);
  std::string feed_name = "tracker figure ledger feed";
  std::string scope;
  for (const auto& [option, value] : {std::pair{"search", args.filter.search}, std::pair{"source", args.filter.source},
                                      std::pair{"document", args.filter.document}, std::pair{"measure", args.measure},
                                      std::pair{"measures", args.measures}}) {
    feed_name += '\0' + value;
    if (!value.empty() && std::string_view(option) != "measures") {
      scope += (scope.empty() ? "" : ", ") + std::string(option) + " " + value;
    }
  }
  if (!args.filter.story.empty()) {  // only then, so that the other selections keep their feed's id
    feed_name += '\0' + std::string("story ") + args.filter.story;
    scope += (scope.empty() ? "" : ", ") + std::string("story ") + args.filter.story;
  }
  feed_name += '\0' + (store_path.empty() ? opened.path : store_path).string();
  report::AtomFeedContext context;
  context.id = report::uuid_urn(feed_name);
  context.title = scope.empty() ? "tracker: figure ledger" : "tracker: figure ledger (" + scope + ")";
  context.generated_at = unix_now();
  return write_stdout(report::ledger_atom_feed(ledgers, context, *store_id));
}

ExitCode run_figures(const FiguresArguments& args) {
  if (args.format == "atom" && !args.ledger) {
    spdlog::error("--format atom is a feed of ledger events: add --ledger");
    return ExitCode::usage;
  }
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
  auto documents = select_documents(*opened, args.filter);
  if (!documents) {
    spdlog::error("{}", documents.error().message);
    return documents.error().exit_code;
  }
  auto stored = stored_figures(*opened, *documents);
  if (!stored) {
    spdlog::error("{}", stored.error().message);
    return stored.error().exit_code;
  }
  std::vector<report::Figure> figures = std::move(*stored);
  if (!args.ledger &&
      !args.measure.empty()) {  // the ledger names its measures itself, so it filters them after
    std::erase_if(figures, [&](const report::Figure& figure) {
      return !same_measure(figure.measure, args.measure);
    });
  }
  const auto shown = [&](const report::Figure& figure) {
    return (!since || figure.first_seen >= *since) && (!args.current || !figure.until);
  };
  if (args.ledger) {
    // Every figure counts for the events; --since and --current only choose what is shown.
    auto measured = figures_ledger(*opened, std::move(figures), args);
    if (!measured) {
      spdlog::error("{}", measured.error().message);
      return measured.error().exit_code;
    }
    std::vector<report::StoryLedger> ledgers = std::move(*measured);
    for (report::StoryLedger& story : ledgers) {
      for (report::MeasureLedger& ledger : story.measures) {
        std::erase_if(ledger.timeline,
                      [&](const report::LedgerEntry& entry) { return !shown(entry.figure); });
      }
      std::erase_if(story.measures,
                    [](const report::MeasureLedger& ledger) { return ledger.timeline.empty(); });
    }
    std::erase_if(ledgers, [](const report::StoryLedger& story) { return story.measures.empty(); });
    if (args.format == "atom") {
      std::vector<report::MeasureLedger> measures;
      for (report::StoryLedger& story : ledgers) {
        std::move(story.measures.begin(), story.measures.end(), std::back_inserter(measures));
      }
      return write_ledger_atom(*opened, args, measures);
    }
    return write_stdout(args.format == "json"  ? ledger_json(ledgers)
                        : args.format == "csv" ? ledger_csv(ledgers)
                                               : ledger_text(ledgers));
  }
  std::erase_if(figures, [&](const report::Figure& figure) { return !shown(figure); });
  // By measure, then as reported over time: a measure's timeline across outlets.
  std::stable_sort(figures.begin(), figures.end(), [](const report::Figure& a, const report::Figure& b) {
    return std::tie(a.measure, a.first_seen, a.document_id) < std::tie(b.measure, b.first_seen, b.document_id);
  });
  return write_stdout(args.format == "json"  ? figures_json(figures)
                      : args.format == "csv" ? figures_csv(figures)
                                             : figures_text(figures));
}

}  // namespace

void add_figures_command(CLI::App& app, std::string_view name, std::string_view summary, CommandResult& result) {
  auto args = std::make_shared<FiguresArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  add_store_options(*command, args->store);
  command->add_option("--document", args->filter.document, k_document_help)->option_text("ID|URL");
  command->add_option("--source", args->filter.source, k_source_help)->option_text("NAME");
  command->add_option("--story", args->filter.story, k_story_help)->option_text("ID|NAME");
  command->add_option("--search", args->filter.search,
                      "only documents with every one of these words in the title or URL")
      ->option_text("WORDS");
  command->add_option("--measure", args->measure, "only figures counting this (\"troops\", \"killed\")")
      ->option_text("NOUN");
  command->add_option("--since", args->since, "only figures first reported at or after T (as for 'changes')")
      ->option_text("T");
  command->add_flag("--current", args->current, "only figures the newest versions still report");
  command->add_flag("--ledger", args->ledger,
                    "each measure's timeline across documents and outlets, with what each figure did: "
                    "new-figure, corroborated, repeated, revised (up/down) or contradicted");
  command->add_flag(
      "--across-stories", args->across_stories,
      "with --ledger: judge the selected documents' figures as one ledger, not story by story "
      "(for a story that 'tracker stories' split)");
  command->add_option("--measures", args->measures,
                      "with --ledger: the measure lexicon (events, kinds of noun, amounts, ignored nouns) to read "
                      "instead of the built-in feeds/measures.toml")
      ->option_text("FILE");
  command
      ->add_option(
          "--grouping", args->grouping,
          "with --ledger: 'model' regroups the lexicon's measures by the grouping model (which "
          "figures count one thing, from their names, values, outlets and words); 'rules' keeps "
          "the lexicon's measures alone")
      ->check(CLI::IsMember({"model", "rules"}))
      ->capture_default_str();
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json", "csv", "atom"}))
      ->capture_default_str();
  command->footer(
      "Every figure the stored versions reported: what it counts (the noun after the number, or\n"
      "the casualty word), the number as written, who said it and how sure, the document, and\n"
      "from when (the version that first gave it) until when (the version that no longer did,\n"
      "or the story's takedown). A revised number or a new speaker is a new figure. Grouped by\n"
      "measure, oldest first. --format csv writes RFC 4180 CSV with a header, for spreadsheets.\n"
      "\n"
      "--ledger lines each measure's figures up across every selected document, oldest first, under\n"
      "its latest figure. A measure is the counted noun and the event beside the number ('300\n"
      "soldiers were killed': soldiers killed), from feeds/measures.toml or --measures FILE; spans\n"
      "of time ('six months') are left out. A grouping model then regroups those measures by the\n"
      "figures' values, outlets and speakers and the words around each (--grouping rules: the\n"
      "lexicon's measures alone). Each figure says what it did when it came:\n"
      "new-figure; corroborated (another outlet or speaker gave the same value first); repeated\n"
      "(its speaker gave it before in the same outlet); revised up or down (its speaker, or for an\n"
      "unattributed figure its own story, gave another value before); contradicted (another\n"
      "speaker's other value was still reported, and came at most 7 days before). 'carried by'\n"
      "lists the outlets that reported the same value. Events are judged on every figure of the\n"
      "selected documents; --since and --current only choose which are shown.\n"
      "\n"
      "The ledger is judged story by story ('tracker stories'), so that one story's count never\n"
      "revises or contradicts another's: text heads each story ('== story ID: NAME =='), JSON\n"
      "gives each measure its \"story\" ({id, name}), CSV ends each line with story_id and story.\n"
      "--story ID or --search WORDS select documents that are judged as one ledger (story null),\n"
      "as does --across-stories. --ledger --format atom writes the events as an Atom feed, newest\n"
      "first, whose id stays the same for one store and selection.");
  command->callback([args, &result] { result.exit_code = run_figures(*args); });
}

}  // namespace tracker::cli
