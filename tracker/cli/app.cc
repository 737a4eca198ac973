#include "tracker/cli/app.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <array>
#include <string>

#include "tracker/cli/alerts_command.h"
#include "tracker/cli/changes_command.h"
#include "tracker/cli/claims_command.h"
#include "tracker/cli/command.h"
#include "tracker/cli/diff_command.h"
#include "tracker/cli/documents_command.h"
#include "tracker/text/did_you_mean.h"
#include "tracker/cli/exit_code.h"
#include "tracker/cli/extract_command.h"
#include "tracker/cli/figures_command.h"
#include "tracker/cli/stories_command.h"
#include "tracker/cli/history_command.h"
#include "tracker/cli/import_opml_command.h"
#include "tracker/cli/init_command.h"
#include "tracker/cli/report_command.h"
#include "tracker/cli/prune_command.h"
#include "tracker/cli/reprocess_command.h"
#include "tracker/cli/log_setup.h"
#include "tracker/cli/run_command.h"
#include "tracker/cli/show_command.h"
#include "tracker/cli/verify_command.h"
#include "tracker/cli/status_command.h"
#include "tracker/version.h"

namespace tracker::cli {
namespace {

// Every subcommand, in the order `--help` lists them.
constexpr auto k_commands = std::to_array<Command>({
    {"init", "Set up a working folder: tracker.toml, a watch file and the lexicon", add_init_command},
    {"run", "Fetch the watched sources and report claim changes (the main job)", add_run_command},
    {"extract", "Print the article text of a news page (file or URL)", add_extract_command},
    {"claims", "List the claims of one version of a report", add_claims_command},
    {"diff", "Show the claim changes between two versions of a report", add_diff_command},
    {"documents", "List the stored documents, newest activity first; find one by words", add_documents_command},
    {"history", "List the stored snapshots of a document", add_history_command},
    {"show", "Print one stored snapshot: its text, raw page or metadata", add_show_command},
    {"changes", "List the claim changes stored by runs", add_changes_command},
    {"figures", "List every figure the stored versions reported, with who said it and when", add_figures_command},
    {"stories", "Group the stored documents of every outlet into stories: the same events", add_stories_command},
    {"report", "Write the stored claim changes as an HTML page to look at", add_report_command},
    {"import-opml", "Write a watch file from an OPML subscription list", add_import_opml_command},
    {"alerts", "List the alert messages in the outbox, sent and unsent", add_alerts_command},
    {"alert-test", "Send a sample alert through the [smtp] settings", add_alert_test_command},
    {"status", "Show each source's health: last success, errors, next fetch", add_status_command},
    {"verify", "Check pinned baselines and stored pages against this build (regressions)", add_verify_command},
    {"reprocess", "Re-read stored pages and recompute their changes with this build", add_reprocess_command},
    {"prune", "Remove old snapshots beyond the newest N per document", add_prune_command},
});

// CLI11 would call a mistyped subcommand an "extra argument"; say what the user meant.
bool report_unknown_command(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--log-file" || argument == "--log-level") {
      ++i;  // the global options with a value: that value is no command
      continue;
    }
    if (argument.starts_with("-")) {
      continue;
    }
    for (const Command& command : k_commands) {
      if (argument == command.name) {
        return false;
      }
    }
    std::array<std::string_view, k_commands.size()> names{};
    for (std::size_t j = 0; j < k_commands.size(); ++j) {
      names[j] = k_commands[j].name;
    }
    const std::string suggestion = text::did_you_mean(argument, names);
    spdlog::error("unknown command '{}'{}; see 'tracker --help'", argument,
                  suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)");
    return true;
  }
  return false;
}

}  // namespace

int run(int argc, char** argv) {
  auto log_options = scan_log_options(argc, argv);
  if (auto logging = set_up_logging(log_options.value_or(LogOptions{})); !logging) {
    spdlog::error("{}", logging.error());
    return to_int(ExitCode::failure);
  }
  if (!log_options) {
    spdlog::error("{}; see 'tracker --help'", log_options.error());
    return to_int(ExitCode::usage);
  }

  CLI::App app("tracker: a claim-aware news update tracker", "tracker");
  app.set_version_flag("--version", std::string("tracker ") + k_version);
  app.require_subcommand(1);
  app.fallthrough();
  // Read above, before parsing, so that logging is set up for parse errors too.
  int verbose_count = 0;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbose_count, "more detail on stderr (repeat for debug)");
  app.add_flag("-q,--quiet", quiet, "errors only on stderr");
  std::string log_file;
  std::string log_level;
  app.add_option("--log-file", log_file,
                 "also log to FILE, with times and levels (rotated at 5 MB, 5 files kept)")
      ->type_name("FILE");
  app.add_option("--log-level", log_level, "what the log file gets (default info); stderr's without one")
      ->type_name("trace|debug|info|warn|error|off");
  app.footer(k_exit_code_help);

  CommandResult result;
  for (const Command& command : k_commands) {
    command.add(app, command.name, command.summary, result);
  }
  if (report_unknown_command(argc, argv)) {
    return to_int(ExitCode::usage);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    spdlog::error("{}; see 'tracker --help'", error.what());
    return to_int(ExitCode::usage);
  }
  return to_int(result.exit_code);
}

}  // namespace tracker::cli
