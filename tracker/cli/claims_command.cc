#include "tracker/cli/claims_command.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>

#include "tracker/claims/claim_extractor.h"
#include "tracker/cli/document_input.h"
#include "tracker/cli/output.h"
#include "tracker/report/claim_json.h"

namespace tracker::cli {
namespace {

struct ClaimsArguments {
  std::string input;
  std::string format = "text";
  std::string topics;
};

ExitCode run_claims(const ClaimsArguments& args) {
  auto lexicon = load_topic_lexicon(args.topics);
  if (!lexicon) {
    spdlog::error("{}", lexicon.error().message);
    return lexicon.error().exit_code;
  }
  auto document = read_document(args.input, net::FetchOptions{});
  if (!document) {
    spdlog::error("{}", document.error().message);
    return document.error().exit_code;
  }
  claims::ClaimExtractor extractor(*lexicon);
  auto claims = claims_within_limits(extractor, document->paragraphs, args.input);
  if (!claims) {
    spdlog::error("{}", claims.error().message);
    return claims.error().exit_code;
  }
  return write_stdout(args.format == "json" ? report::claims_json(*claims)
                                            : report::claims_text(*claims));
}

}  // namespace

void add_claims_command(CLI::App& app, std::string_view name, std::string_view summary,
                        CommandResult& result) {
  auto args = std::make_shared<ClaimsArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("input", args->input, "HTML or plain-text file, '-' for stdin, or URL")
      ->required();
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option(
      "--topics", args->topics,
      "topic lexicon (default: $TRACKER_TOPICS, else ./feeds/topics.toml, else the built-in one)");
  command->footer(
      "One claim per sentence, in document order, with its topics, numbers (value, qualifier,\n"
      "counted noun), attribution, certainty (asserted, hedged, denied) and time references.");
  command->callback([args, &result] { result.exit_code = run_claims(*args); });
}

}  // namespace tracker::cli
