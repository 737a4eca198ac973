#include "tracker/cli/run_command.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>

#include "tracker/cli/document_input.h"
#include "tracker/cli/log_setup.h"
#include "tracker/cli/output.h"
#include "tracker/cli/progress_bar.h"
#include "tracker/cli/run_alerts.h"
#include "tracker/config/settings.h"
#include "tracker/config/topic_names.h"
#include "tracker/pipeline/run.h"
#include "tracker/pipeline/run_lock.h"
#include "tracker/pipeline/story_placement.h"
#include "tracker/pipeline/story_terms.h"
#include "tracker/report/run_report.h"
#include "tracker/store/open_store.h"

namespace tracker::cli {
namespace {

struct RunArguments {
  std::string config;
  std::string store;
  std::string format = "text";
  bool all = false;
  std::string color = "auto";
  bool dry_run = false;
  bool no_alerts = false;
  std::string alerts_to_eml;  // a folder: alert messages go there instead of to [smtp]
  bool quiet = false;  // the global -q: no progress bar either
};

ExitCode run_run(const RunArguments& args) {
  const std::filesystem::path config_path =
      args.config.empty() ? default_config_path() : std::filesystem::path(args.config);
  if (config_path.empty()) {
    spdlog::error("no tracker.toml here or in feeds/; pass --config FILE (a tracker.toml or a watch file)");
    return ExitCode::usage;
  }
  auto settings = config::load_settings(config_path);
  if (!settings) {
    spdlog::error("{}", settings.error());
    return ExitCode::failure;
  }
  if (auto logging = use_configured_log_file(settings->log); !logging) {
    spdlog::error("{}", logging.error());
    return ExitCode::failure;
  }
  if (!args.store.empty()) {
    settings->store_path = args.store;
  }
  auto lexicon = load_topic_lexicon(settings->topics_path.string());
  if (!lexicon) {
    spdlog::error("{}", lexicon.error().message);
    return lexicon.error().exit_code;
  }
  if (auto named = config::check_topic_names(*settings, *lexicon); !named) {
    spdlog::error("{}", named.error());
    return ExitCode::failure;
  }
  // A dry run on a store not made yet creates nothing, not even the lock file's folder.
  std::optional<pipeline::RunLock> lock;
  if (!args.dry_run || store::store_may_exist(settings->store_path.string())) {
    auto acquired = pipeline::RunLock::acquire(settings->store_path);
    if (!acquired) {
      spdlog::error("{}", acquired.error());
      return ExitCode::failure;
    }
    lock.emplace(std::move(*acquired));
  }
  store::OpenOptions open_options;
  open_options.discard_writes = args.dry_run;
  auto store = store::open_store(settings->store_path.string(), open_options);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return ExitCode::failure;
  }
  if (!prepare_alert_rules(*settings, **store)) {
    return ExitCode::failure;
  }
  pipeline::RunOptions options;
  options.ignore_intervals = args.all;
  options.now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  std::optional<ProgressBar> progress;
  if (!args.quiet && stderr_is_terminal()) {
    progress.emplace(STDERR_FILENO);
    options.on_page_done = [&progress](std::size_t done, std::size_t total, const std::string& source) {
      progress->update(done, total, source);
    };
  }
  const pipeline::RunSummary summary = pipeline::run_sources(*settings, *lexicon, **store, options);
  progress.reset();  // clears its line before anything else is printed
  if (summary.store_error.empty() && !args.dry_run) {
    // Derived from the versions just stored: a failure costs 'tracker stories' time, no data.
    if (auto terms = pipeline::store_story_terms(**store); !terms) {
      spdlog::warn("story terms not stored ({}): grouping stories reads the stored texts instead",
                   terms.error().message);
    } else if (auto placed =
                   pipeline::place_stories(**store, settings->story_pins, /*regroup=*/false,
                                           pipeline::story_options(settings->story_similarity));
               !placed) {
      spdlog::warn("stories not stored ({}): they are grouped when read instead, and the next run places "
                   "the new documents", placed.error().message);
    }
  }
  // With a failed store (a full disk), alerts wait: the changes stored before the failure
  // are queued by the next run, as each rule's progress has not moved past them.
  const bool alerts_sent =
      !summary.store_error.empty() ||
      run_alert_step(*settings, **store,
                     {args.dry_run, args.no_alerts, args.alerts_to_eml, options.now});

  for (const pipeline::SourceOutcome& source : summary.sources) {
    if (!source.error.empty()) {
      spdlog::warn("source '{}': {}", source.name, source.error);
    }
  }
  for (const std::string& error : summary.page_errors) {
    spdlog::warn("{}", error);
  }
  std::size_t changes = 0;
  std::size_t new_documents = 0;
  for (const auto& document : summary.documents) {
    changes += document->diff.changes.size();
    new_documents += document->first_version ? 1 : 0;
  }
  spdlog::info("{} sources, {} pages fetched, {} not modified, {} not due, {} new documents, {} claim changes",
               summary.sources.size(), summary.pages_fetched, summary.pages_not_modified,
               summary.pages_not_due, new_documents, changes);
  const bool color = args.color == "always" || (args.color == "auto" && stdout_is_terminal());
  const std::string output = args.format == "json" ? report::run_json(summary)
                                                   : report::run_text(summary, color);
  if (const ExitCode written = write_stdout(output); written != ExitCode::ok) {
    return written;
  }
  if (!summary.store_error.empty()) {
    spdlog::error("{}", summary.store_error);
    return ExitCode::failure;
  }
  if (!summary.all_sources_ok()) {
    return ExitCode::sources_failed;
  }
  return alerts_sent ? ExitCode::ok : ExitCode::alerts_unsent;
}

}  // namespace

std::filesystem::path default_config_path() {
  for (const char* candidate : {"tracker.toml", "feeds/tracker.toml"}) {
    if (std::filesystem::exists(candidate)) {
      return candidate;
    }
  }
  return {};
}

void add_run_command(CLI::App& app, std::string_view name, std::string_view summary,
                     CommandResult& result) {
  auto args = std::make_shared<RunArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("--config", args->config,
                      "tracker.toml or a watch file (default: ./tracker.toml, else feeds/tracker.toml)");
  command->add_option("--store", args->store, "the snapshot store (default: from the config, snapshots/tracker.db)");
  command->add_flag("--all", args->all,
                    "fetch every source and article now, whatever its interval and recheck schedule");
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("--color", args->color, "colour in text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  CLI::Option* dry_run = command->add_flag(
      "--dry-run", args->dry_run,
      "fetch, extract and print the changes as a run would, but store nothing, send nothing and "
      "mark nothing alerted: the next real run finds and alerts the same changes");
  CLI::Option* no_alerts =
      command->add_flag("--no-alerts", args->no_alerts,
                        "compose and send no alerts for this run's changes (they are passed over)");
  command
      ->add_option("--alerts-to-eml", args->alerts_to_eml,
                   "write this run's alert messages as .eml files to DIR instead of queueing and "
                   "sending them; without --dry-run the run is stored and they count as alerted")
      ->type_name("DIR")
      ->excludes(no_alerts);
  dry_run->excludes(no_alerts);
  command->footer(
      "Fetches the sources that are due (conditional GET), the article pages of feeds, stores a\n"
      "snapshot of every page whose text changed, and prints the claim changes against each\n"
      "document's previous snapshot. Nothing is printed when nothing changed. A failing source\n"
      "is reported on stderr and the run goes on; the exit status is then 6.\n"
      "A stored story that now answers 404 or 410, or redirects to its site's front page or a\n"
      "section front, is a change of its own (taken_down, high), once; one that comes back is\n"
      "'restored', with its claim changes against the last version before it went.\n"
      "Alerts: changes that match an [[alert]] rule are composed into messages, queued in the\n"
      "store's outbox and sent over [smtp]; what cannot be sent stays queued and is retried by\n"
      "later runs (exit status 7; 'tracker alerts' lists the outbox).\n"
      "--dry-run changes nothing: the store's file is left as it was (the run works in a\n"
      "transaction that is rolled back) and no mail is sent; with --alerts-to-eml DIR it writes\n"
      "the messages a real run would send. --alerts-to-eml alone stores the run as usual and\n"
      "writes its messages to DIR instead of mailing them: those changes count as alerted.\n"
      "On a terminal, stderr shows a progress bar (pages done, current source) unless -q.\n"
      "Logging: --log-file, or [log] file and level in tracker.toml (see 'tracker --help').");
  command->callback([args, &app, &result] {
    args->quiet = app.count("--quiet") > 0;
    result.exit_code = run_run(*args);
  });
}

}  // namespace tracker::cli
