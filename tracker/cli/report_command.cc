#include "tracker/cli/report_command.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <optional>
#include <vector>

#include "tracker/cli/document_filter.h"
#include "tracker/cli/output.h"
#include "tracker/cli/report_site.h"
#include "tracker/cli/story_selection.h"
#include "tracker/cli/since_option.h"
#include "tracker/cli/store_input.h"
#include "tracker/cli/topic_option.h"
#include "tracker/report/html_report.h"
#include "tracker/report/stored_changes.h"

namespace tracker::cli {
namespace {

struct ReportArguments {
  std::string html;
  std::string site;
  std::string since;
  std::string topic;
  DocumentFilter filter;  // --document, --source
  StoreChoice store;  // --store, --config
};

ExitCode run_report(const ReportArguments& args) {
  if (args.html.empty() && args.site.empty()) {
    spdlog::error("report: give --html PATH (one page) or --site DIR (a browsable history)");
    return ExitCode::usage;
  }
  store::ChangeQuery query;
  std::string scope;
  if (!args.since.empty()) {
    query.since = parse_since(args.since);
    if (!query.since) {
      spdlog::error("{}", since_error(args.since));
      return ExitCode::usage;
    }
    scope = "since " + iso_utc(*query.since);
  }
  if (!args.topic.empty()) {
    query.topic = args.topic;
    scope += (scope.empty() ? "" : ", ") + std::string("topic ") + args.topic;
  }
  if (!args.filter.source.empty()) {
    scope += (scope.empty() ? "" : ", ") + std::string("source ") + args.filter.source;
  }
  if (!args.filter.document.empty()) {
    scope += (scope.empty() ? "" : ", ") + std::string("document ") + args.filter.document;
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
  if (!args.filter.empty() || !args.site.empty()) {  // the site has a page per document
    auto selected = select_documents(*opened, args.filter);
    if (!selected) {
      spdlog::error("{}", selected.error().message);
      return selected.error().exit_code;
    }
    documents = std::move(*selected);
  }
  auto set = report::read_change_set(*opened->store, query);
  if (!set) {
    spdlog::error("{}", set.error().message);
    return ExitCode::failure;
  }
  if (documents) {
    keep_changes_of(*documents, *set);
  }
  if (!args.site.empty()) {
    // Stories are grouped over the whole store, as `tracker stories` groups them.
    auto all = opened->store->document_summaries();
    if (!all) {
      spdlog::error("{}", all.error().message);
      return ExitCode::failure;
    }
    auto stories = stories_of(*opened, *all);
    if (!stories) {
      spdlog::error("{}", stories.error().message);
      return stories.error().exit_code;
    }
    return write_report_site(args.site, *opened->store, *documents, *stories, *set, {scope, unix_now()});
  }
  const std::string page = report::html_report(*set, {scope, unix_now()});
  if (args.html == "-") {
    return write_stdout(page);
  }
  const ExitCode written = write_file_atomically(args.html, page);
  if (written == ExitCode::ok) {
    spdlog::info("{}: {} changes in {} documents", args.html, set->changes.size(),
                 set->documents.size());
  }
  return written;
}

}  // namespace

void add_report_command(CLI::App& app, std::string_view name, std::string_view summary,
                        CommandResult& result) {
  auto args = std::make_shared<ReportArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  CLI::Option* html =
      command->add_option("--html", args->html, "write the report as one HTML page to PATH ('-': stdout)")
          ->option_text("PATH");
  command
      ->add_option("--site", args->site,
                   "write a browsable history to DIR: index.html, changes.html, figures.html and a page per "
                   "document and per story")
      ->option_text("DIR")
      ->excludes(html);
  command->add_option("--since", args->since, k_since_help);
  command->add_option("--topic", args->topic, k_topic_help);
  command->add_option("--document", args->filter.document, k_document_help)->option_text("ID|URL");
  command->add_option("--source", args->filter.source, k_source_help)->option_text("NAME");
  command->add_option("--story", args->filter.story, k_story_help)->option_text("ID|NAME");
  add_store_options(*command, args->store);
  command->footer(
      "A page to look at rather than read: the stored claim changes grouped by topic and\n"
      "significance, then a timeline per document with the old and new claims side by side,\n"
      "changed words marked. Self-contained (inline CSS, no scripts, no external resources);\n"
      "text from the web is escaped. The file is written whole (a temporary file, renamed).\n"
      "--site DIR writes static pages instead: index.html lists the documents (newest first, with\n"
      "their source, versions and changes), changes.html is the report above, and each\n"
      "document-ID.html has every version (number, time fetched, headline, byline, the modified\n"
      "date the page gives, or why the story was taken down) and each version's changes, before\n"
      "and after side by side. figures.html is the figure ledger of the documents with a step\n"
      "chart per measure, and each story-ID.html a story's documents and its own ledger (stories\n"
      "as 'tracker stories' groups them: those of two documents or more, or pinned). --since,\n"
      "--topic, --document, --source and --story select as for --html. Give one of --html and --site.");
  command->callback([args, &result] { result.exit_code = run_report(*args); });
}

}  // namespace tracker::cli
