#include "tracker/cli/diff_command.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "tracker/claims/claim_extractor.h"
#include "tracker/cli/document_input.h"
#include "tracker/cli/output.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/report/diff_report.h"

namespace tracker::cli {
namespace {

struct DiffArguments {
  std::string old_input;
  std::string new_input;
  std::string format = "text";
  std::string topics;
  std::vector<std::string> watch;
  std::string min_significance = "low";
  std::string color = "auto";
};

diff::Significance parse_significance(const std::string& name) {
  return name == "high" ? diff::Significance::high
         : name == "medium" ? diff::Significance::medium
                            : diff::Significance::low;
}

ExitCode run_diff(const DiffArguments& args) {
  auto lexicon = load_topic_lexicon(args.topics);
  if (!lexicon) {
    spdlog::error("{}", lexicon.error().message);
    return lexicon.error().exit_code;
  }
  auto old_document = read_document(args.old_input, net::FetchOptions{});
  if (!old_document) {
    spdlog::error("{}", old_document.error().message);
    return ExitCode::failure;  // like diff(1): any trouble is 2
  }
  auto new_document = read_document(args.new_input, net::FetchOptions{});
  if (!new_document) {
    spdlog::error("{}", new_document.error().message);
    return ExitCode::failure;
  }
  for (const std::string& topic : args.watch) {
    const bool known = std::any_of(lexicon->topics.begin(), lexicon->topics.end(),
                                   [&](const claims::Topic& t) { return t.name == topic; });
    if (!known) {
      spdlog::error("--watch {}: no such topic in the lexicon", topic);
      return ExitCode::usage;
    }
  }
  claims::ClaimExtractor extractor(*lexicon);
  const std::vector<claims::Claim> old_claims = extractor.extract(old_document->paragraphs);
  const std::vector<claims::Claim> new_claims = extractor.extract(new_document->paragraphs);
  diff::DiffOptions options;
  options.watched_topics = args.watch;
  diff::ClaimDiff result = diff::diff_claims(old_claims, new_claims, options);
  const diff::Significance threshold = parse_significance(args.min_significance);
  std::erase_if(result.changes, [&](const diff::ClaimChange& change) {
    return change.significance < threshold;
  });

  const report::DiffLabels labels{args.old_input, args.new_input};
  std::string output;
  if (args.format == "json") {
    output = report::diff_json(result);
  } else if (args.format == "html") {
    output = report::diff_html(result, labels);
  } else {
    const bool color = args.color == "always" || (args.color == "auto" && stdout_is_terminal());
    output = report::diff_text(result, labels, color);
  }
  if (const ExitCode written = write_stdout(output); written != ExitCode::ok) {
    return written;
  }
  return result.changes.empty() ? ExitCode::ok : ExitCode::changes;
}

}  // namespace

void add_diff_command(CLI::App& app, std::string_view name, std::string_view summary,
                      CommandResult& result) {
  auto args = std::make_shared<DiffArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("old", args->old_input, "the earlier version: HTML or plain text file, or URL")
      ->required();
  command->add_option("new", args->new_input, "the later version")->required();
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json", "html"}))
      ->capture_default_str();
  command->add_option("--topics", args->topics, "topic lexicon (default: feeds/topics.toml)");
  command->add_option("--watch", args->watch,
                      "topics that matter (repeatable; default: every topic in the lexicon)")
      ->allow_extra_args(false);  // one topic per --watch, so it never eats OLD and NEW
  command->add_option("--min-significance", args->min_significance,
                      "report and count only changes at least this significant")
      ->check(CLI::IsMember({"low", "medium", "high"}))
      ->capture_default_str();
  command->add_option("--color", args->color, "colour in text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  command->footer(
      "Claims found in both versions are unchanged, or moved when they changed place; trivial\n"
      "edits (quotes, whitespace, punctuation, case, reflowed or reordered paragraphs, page\n"
      "chrome) are no change. The rest are added, removed or modified claims, with aspects\n"
      "(number, attribution, certainty, time, wording) and significance (high, medium, low).\n"
      "Exit status as diff(1): 0 no change, 1 changes, 2 or more trouble.");
  command->callback([args, &result] { result.exit_code = run_diff(*args); });
}

}  // namespace tracker::cli
