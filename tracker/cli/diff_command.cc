#include "tracker/cli/diff_command.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>
#include <optional>

#include "tracker/claims/claim_extractor.h"
#include "tracker/cli/document_input.h"
#include "tracker/cli/output.h"
#include "tracker/cli/store_input.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/pipeline/page_claims.h"
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
  std::string store;
  bool explain = false;
};

// "@41" names snapshot 41 of the store; so does a bare "41" when no file has that name.
std::optional<store::SnapshotId> snapshot_argument(const std::string& argument) {
  if (argument.starts_with('@')) {
    return parse_snapshot_id(std::string_view(argument).substr(1));
  }
  std::error_code ignored;
  if (std::filesystem::exists(argument, ignored)) {
    return std::nullopt;
  }
  return parse_snapshot_id(argument);
}

// One version to diff with the label it is shown under.
struct Version {
  DocumentText document;
  std::string label;
};

// Reads versions from files, URLs or the store, opening the store once and only when asked.
class VersionReader {
 public:
  explicit VersionReader(std::string store_path) : m_store_path(std::move(store_path)) {}

  tl::expected<Version, InputError> read(const std::string& argument) {
    const std::optional<store::SnapshotId> id = snapshot_argument(argument);
    if (!id) {
      if (argument.starts_with('@')) {
        return tl::make_unexpected(InputError{
            ExitCode::usage, "'" + argument + "' is not a snapshot id ('@' and a number, as 'tracker history' lists)"});
      }
      auto document = read_document(argument, net::FetchOptions{});
      if (!document) {
        return tl::make_unexpected(document.error());
      }
      return Version{std::move(*document), argument};
    }
    return read_snapshot(*id);
  }

 private:
  tl::expected<Version, InputError> read_snapshot(store::SnapshotId id) {
    if (!m_store) {
      auto opened = open_store_for_reading(m_store_path);
      if (!opened) {
        return tl::make_unexpected(opened.error());
      }
      m_resolved_path = std::move(opened->path);
      m_store = std::move(opened->store);
    }
    auto snapshot = m_store->snapshot(id);
    if (!snapshot) {
      return tl::make_unexpected(InputError{ExitCode::failure, snapshot.error().message});
    }
    if (!snapshot->has_value()) {
      return tl::make_unexpected(InputError{
          ExitCode::no_input, "no snapshot " + std::to_string(id) + " in " + m_resolved_path.string()});
    }
    auto document = m_store->document((*snapshot)->document_id);
    if (!document) {
      return tl::make_unexpected(InputError{ExitCode::failure, document.error().message});
    }
    Version version;
    version.document.paragraphs = plain_text_paragraphs((*snapshot)->text);
    version.document.fields = (*snapshot)->fields;
    std::string where;
    if (document->has_value()) {
      version.document.title = (*document)->title;
      where = (*document)->url + ", ";
    }
    version.label = "snapshot " + std::to_string(id) + " (" + where + iso_utc((*snapshot)->fetched_at) + ")";
    return version;
  }

  std::string m_store_path;
  std::filesystem::path m_resolved_path;
  std::unique_ptr<store::SnapshotStore> m_store;
};

ExitCode run_diff(const DiffArguments& args) {
  auto lexicon = load_topic_lexicon(args.topics);
  if (!lexicon) {
    spdlog::error("{}", lexicon.error().message);
    return lexicon.error().exit_code;
  }
  VersionReader reader(args.store);
  auto old_version = reader.read(args.old_input);
  if (!old_version) {
    spdlog::error("{}", old_version.error().message);
    return ExitCode::failure;  // like diff(1): any trouble is 2
  }
  auto new_version = reader.read(args.new_input);
  if (!new_version) {
    spdlog::error("{}", new_version.error().message);
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
  // The new version reads again only the paragraphs the old one did not have.
  claims::ParagraphMemo memo;
  auto old_claims = claims_within_limits(extractor, old_version->document.paragraphs, args.old_input, &memo);
  auto new_claims = claims_within_limits(extractor, new_version->document.paragraphs, args.new_input, &memo);
  if (!old_claims || !new_claims) {
    spdlog::error("{}", (!old_claims ? old_claims : new_claims).error().message);
    return ExitCode::failure;
  }
  diff::DiffOptions options;
  options.watched_topics = args.watch;
  diff::ClaimDiff result = diff::diff_claims(*old_claims, *new_claims, options);
  // Pages have headlines; plain text has none, and then nothing is compared.
  const claims::Claim old_headline = extractor.headline_of(old_version->document.title, *old_claims);
  const claims::Claim new_headline = extractor.headline_of(new_version->document.title, *new_claims);
  diff::add_headline_change(result, old_headline, new_headline, *old_claims, *new_claims, options);
  std::array<claims::Claim, 4> field_claims;  // the standfirsts and bylines `result` may point to
  if (old_version->document.fields && new_version->document.fields) {
    pipeline::add_page_field_changes(extractor, *old_version->document.fields, *new_version->document.fields,
                                     *old_claims, *new_claims, field_claims, result, options);
  }
  // CLI11 has checked the name.
  const diff::Significance threshold =
      diff::parse_significance(args.min_significance).value_or(diff::Significance::low);
  std::erase_if(result.changes, [&](const diff::ClaimChange& change) {
    return change.significance < threshold;
  });

  const report::DiffLabels labels{old_version->label, new_version->label};
  std::string output;
  if (args.format == "json") {
    output = report::diff_json(result, args.explain);
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
  command->add_option("old", args->old_input, "the earlier version: HTML or plain text file, URL, or @ID for a stored snapshot")
      ->required();
  command->add_option("new", args->new_input, "the later version")->required();
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json", "html"}))
      ->capture_default_str();
  command->add_option(
      "--topics", args->topics,
      "topic lexicon (default: $TRACKER_TOPICS, else ./feeds/topics.toml, else the built-in one)");
  command->add_option("--watch", args->watch,
                      "topics that matter (repeatable; default: every topic in the lexicon)")
      ->allow_extra_args(false);  // one topic per --watch, so it never eats OLD and NEW
  command->add_option("--min-significance", args->min_significance,
                      "report and count only changes at least this significant")
      ->check(CLI::IsMember({"low", "medium", "high"}))
      ->capture_default_str();
  command->add_option("--store", args->store,
                      "the store that @ID snapshots come from (default: as 'tracker history')");
  command->add_flag("--explain", args->explain,
                    "JSON: add each change's meaning-model features (for bench/train_significance.py)");
  command->add_option("--color", args->color, "colour in text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  command->footer(
      "OLD and NEW are files (HTML, or plain text with blank lines between paragraphs), URLs,\n"
      "'-' for standard input, or @ID for a snapshot in the store ('tracker history URL' lists\n"
      "them); a snapshot's stored text is diffed with the current lexicon.\n"
      "Claims found in both versions are unchanged, or moved when they changed place; trivial\n"
      "edits (quotes, whitespace, punctuation, case, reflowed or reordered paragraphs, page\n"
      "chrome) are no change. The rest are added, removed or modified claims, with aspects\n"
      "(number, attribution, certainty, reversal, time, wording) and significance (high,\n"
      "medium, low).\n"
      "The claim rules are English: text in another language (told by its words) has only its\n"
      "numbers compared, and the output says so.\n"
      "Exit status as diff(1): 0 no change, 1 changes, 2 or more trouble.");
  command->callback([args, &result] { result.exit_code = run_diff(*args); });
}

}  // namespace tracker::cli
