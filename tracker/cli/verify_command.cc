#include "tracker/cli/verify_command.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "tracker/claims/claim_extractor.h"
#include "tracker/cli/document_input.h"
#include "tracker/cli/output.h"
#include "tracker/cli/run_command.h"
#include "tracker/cli/store_input.h"
#include "tracker/cli/verify_baseline.h"
#include "tracker/cli/verify_ledger.h"
#include "tracker/config/measures_file.h"
#include "tracker/config/settings.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/pipeline/page_claims.h"
#include "tracker/pipeline/run_lock.h"
#include "tracker/report/claim_json.h"
#include "tracker/report/diff_report.h"
#include "tracker/report/json_drift.h"
#include "tracker/store/open_store.h"

namespace tracker::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

struct VerifyArguments {
  std::string baselines;
  std::string store;
  std::string config;
  std::string topics;
  std::string measures;  // --measures FILE; empty: the built-in feeds/measures.toml
  bool update = false;
};

// A claim's text; "?" for an element without one (a baseline edited by hand, say).
std::string claim_key(const json& claim) {
  return claim.is_object() && claim.contains("text") && claim["text"].is_string()
             ? claim["text"].get<std::string>()
             : std::string("?");
}

// What is wrong with a snapshot's stored claims (the store is untrusted), or nothing.
std::optional<std::string> stored_claims_damage(const std::string& claims_json) {
  const json stored = json::parse(claims_json, nullptr, false);
  if (stored.is_discarded() || !stored.is_object() || !stored.contains("claims") ||
      !stored["claims"].is_array()) {
    return "its claims are not a JSON object with a claims list";
  }
  for (std::size_t i = 0; i < stored["claims"].size(); ++i) {
    const json& claim = stored["claims"][i];
    if (!claim.is_object() || !claim.contains("text") || !claim["text"].is_string()) {
      return "its claim " + std::to_string(i + 1) + " has no text";
    }
  }
  return std::nullopt;
}

std::string change_key(const json& change) {
  const json& claim = change.contains("new") && !change["new"].is_null() ? change["new"] : change["old"];
  return change.value("kind", std::string("?")) + ": " +
         (claim.is_object() ? claim.value("text", std::string("?")) : std::string("?"));
}

// How `now` differs from the baseline `before` (both JSON documents whose `list_field` is
// the list to compare), or why they cannot be compared.
std::string drift_between(const std::string& before, const std::string& now, const char* list_field,
                          const report::DriftKey& key) {
  const json old_doc = json::parse(before, nullptr, false);
  const json new_doc = json::parse(now, nullptr, false);
  if (old_doc.is_discarded() || !old_doc.is_object()) {
    return "  the baseline is not a JSON object\n";
  }
  std::string drift = report::json_list_drift(old_doc.value(list_field, json::array()),
                                              new_doc.value(list_field, json::array()), key);
  for (const auto& [field, value] : new_doc.items()) {
    if (field != list_field && (!old_doc.contains(field) || old_doc[field] != value)) {
      drift += "  " + field + ": " + (old_doc.contains(field) ? old_doc[field].dump() : "(none)") + " -> " +
               value.dump() + "\n";
    }
  }
  return drift.empty() ? "  the files differ in layout only\n" : drift;
}

// drift_between as a baseline's drift.
BaselineDrift json_drift(const char* list_field, const report::DriftKey& key) {
  return [list_field, key](const std::string& before, const std::string& now) {
    return drift_between(before, now, list_field, key);
  };
}

// The story folders under `root`: those with a golden/ folder of baselines, and those of its
// folders that have none but hold such stories themselves (snapshots/ledger/*).
std::vector<fs::path> story_folders(const fs::path& root, bool nested = true) {
  std::vector<fs::path> stories;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(root, ec)) {
    if (!entry.is_directory()) {
      continue;
    }
    if (fs::is_directory(entry.path() / "golden")) {
      stories.push_back(entry.path());
    } else if (nested) {
      const std::vector<fs::path> inner = story_folders(entry.path(), false);
      stories.insert(stories.end(), inner.begin(), inner.end());
    }
  }
  std::sort(stories.begin(), stories.end());
  return stories;
}

// The versions of a story (its .txt and .html files) and the pairs its pairs.txt names; or, for
// a story with a ledger.txt, its figure ledger (verify_ledger.h).
void verify_story(const fs::path& story, claims::ClaimExtractor& extractor,
                  const report::MeasureLexicon& measures, bool update, VerifyTally& tally) {
  if (fs::exists(story / k_ledger_order_file)) {
    verify_ledger(story, extractor, measures, update, tally);
    return;
  }
  std::vector<fs::path> versions;
  for (const fs::directory_entry& entry : fs::directory_iterator(story)) {
    const fs::path& path = entry.path();
    if (entry.is_regular_file() && (path.extension() == ".txt" || path.extension() == ".html") &&
        path.filename() != "pairs.txt") {
      versions.push_back(path);
    }
  }
  std::sort(versions.begin(), versions.end());
  std::map<std::string, std::vector<claims::Claim>> claims_by_name;
  for (const fs::path& version : versions) {
    auto document = read_document(version.string(), net::FetchOptions{});
    if (!document) {
      spdlog::error("{}", document.error().message);
      ++tally.failed;
      continue;
    }
    std::vector<claims::Claim> claims = extractor.extract(document->paragraphs);
    check_baseline(story / "golden" / (version.stem().string() + ".claims.json"),
                   report::claims_json(claims), json_drift("claims", claim_key), update, tally);
    claims_by_name[version.filename().string()] = std::move(claims);
  }
  const std::optional<std::string> pairs = read_text_file(story / "pairs.txt");
  std::istringstream lines(pairs.value_or(""));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string old_name;
    std::string new_name;
    if (line.starts_with('#') || !(words >> old_name >> new_name)) {
      continue;
    }
    if (!claims_by_name.contains(old_name) || !claims_by_name.contains(new_name)) {
      spdlog::error("{}: the pair {} {} names a version that is not in the folder", (story / "pairs.txt").string(),
                    old_name, new_name);
      ++tally.failed;
      continue;
    }
    const diff::ClaimDiff diff = diff::diff_claims(claims_by_name[old_name], claims_by_name[new_name], {});
    check_baseline(story / "golden" /
                       (fs::path(old_name).stem().string() + "__" +
                        fs::path(new_name).stem().string() + ".diff.json"),
                   report::diff_json(diff), json_drift("changes", change_key), update, tally);
  }
}

// Re-reads one stored snapshot's raw page with this build and compares its text, headline and
// claims with what was stored; with `update`, stores what this build reads.
void verify_snapshot(store::SnapshotStore& store, const std::string& label,
                     const store::Document& document, const store::Snapshot& snapshot,
                     claims::ClaimExtractor& extractor, bool update, VerifyTally& tally) {
  auto raw = store.raw_page(snapshot.id);
  if (!raw || !raw->has_value()) {
    spdlog::error("{}: {}", label, raw ? "the raw page is missing" : raw.error().message);
    ++tally.failed;
    return;
  }
  if (!snapshot.gone.empty()) {
    return;  // a takedown: its raw page (checked above) holds no article to read again
  }
  pipeline::PageClaimsOptions options;
  options.url = document.url;
  auto page = pipeline::read_page_claims(**raw, extractor, options);
  if (!page) {
    ++tally.drifted;
    tally.report +=
        label + ": drifted\n  the page no longer yields an article: " + page.error() + "\n";
    return;  // nothing to update it with
  }
  const std::string claims_json = report::claims_json(page->claims);
  // A snapshot stored before headlines were kept has none to compare (and keeps none).
  const std::string headline =
      snapshot.headline.empty() ? std::string() : pipeline::stored_headline(*page);
  const bool headline_moved = headline != snapshot.headline;
  const bool claims_moved = page->text != snapshot.text || claims_json != snapshot.claims_json;
  if (!claims_moved && !headline_moved) {
    return;
  }
  const std::optional<std::string> damage = stored_claims_damage(snapshot.claims_json);
  if (damage && !update) {
    spdlog::error("{}: the store is damaged: {} (verify --update stores them again)", label,
                  *damage);
    ++tally.failed;
    return;
  }
  ++tally.drifted;
  tally.report += label + ": drifted\n";
  if (headline_moved) {
    tally.report +=
        "  headline: " + json(snapshot.headline).dump() + " -> " + json(headline).dump() + "\n";
  }
  if (damage) {
    tally.report += "  the stored claims were damaged: " + *damage + "\n";
  } else if (claims_moved) {
    tally.report += drift_between(snapshot.claims_json, claims_json, "claims", claim_key);
  }
  if (!update) {
    return;
  }
  // The other page fields (standfirst, byline, dates) are not checked here (reprocess rewrites
  // them): they stay.
  if (auto replaced =
          store.replace_snapshot_content(snapshot.id, page->text, headline, claims_json);
      !replaced) {
    spdlog::error("{}", replaced.error().message);
    ++tally.failed;
    return;
  }
  ++tally.updated;
}

// Re-reads every stored raw page with this build (verify_snapshot).
void verify_store(store::SnapshotStore& store, const fs::path& path,
                  claims::ClaimExtractor& extractor, bool update, VerifyTally& tally) {
  auto documents = store.all_documents();
  if (!documents) {
    spdlog::error("{}", documents.error().message);
    ++tally.failed;
    return;
  }
  for (const store::Document& document : *documents) {
    auto snapshots = store.document_snapshots(document.id);
    if (!snapshots) {
      spdlog::error("{}", snapshots.error().message);
      ++tally.failed;
      continue;
    }
    for (const store::Snapshot& snapshot : *snapshots) {
      ++tally.checked;
      const std::string label = path.string() + " @" + std::to_string(snapshot.id) + " (" + document.url + ", " +
                                iso_utc(snapshot.fetched_at) + ")";
      verify_snapshot(store, label, document, snapshot, extractor, update, tally);
    }
  }
}

ExitCode run_verify(const VerifyArguments& args) {
  // Without --baselines or --store: snapshots/ and the config's store, whichever exist.
  const bool explicit_scope = !args.baselines.empty() || !args.store.empty();
  fs::path baselines = args.baselines;
  if (!explicit_scope && fs::is_directory("snapshots") && !story_folders("snapshots").empty()) {
    baselines = "snapshots";
  }
  if (!args.baselines.empty() && (!fs::is_directory(baselines) || story_folders(baselines).empty())) {
    spdlog::error("{}: no baselines here (a folder of stories, each with a golden/ folder)", baselines.string());
    return ExitCode::no_input;
  }
  fs::path store_path = args.store;
  std::string topics = args.topics;
  const fs::path config = args.config.empty() ? default_config_path() : fs::path(args.config);
  if (!config.empty()) {
    auto settings = config::load_settings(config);
    if (!settings) {
      spdlog::error("{}", settings.error());
      return ExitCode::failure;
    }
    if (!explicit_scope && store::store_may_exist(settings->store_path.string())) {
      store_path = settings->store_path;
    }
    if (topics.empty()) {
      topics = settings->topics_path.string();
    }
  } else if (!explicit_scope && fs::exists("snapshots/tracker.db")) {
    store_path = "snapshots/tracker.db";
  }
  if (baselines.empty() && store_path.empty()) {
    spdlog::error("nothing to verify: no snapshots/ folder of baselines and no store; pass --baselines DIR or --store PATH");
    return ExitCode::no_input;
  }
  auto lexicon = load_topic_lexicon(topics);
  if (!lexicon) {
    spdlog::error("{}", lexicon.error().message);
    return lexicon.error().exit_code;
  }
  claims::ClaimExtractor extractor(*lexicon);
  auto measure_terms =
      args.measures.empty() ? config::default_measures() : config::load_measures(args.measures);
  if (!measure_terms) {
    spdlog::error("{}", measure_terms.error());
    return ExitCode::failure;
  }
  const report::MeasureLexicon measures(*measure_terms);
  VerifyTally tally;
  if (!baselines.empty()) {
    for (const fs::path& story : story_folders(baselines)) {
      verify_story(story, extractor, measures, args.update, tally);
    }
  }
  if (!store_path.empty()) {
    auto opened = open_store_for_reading(
        store_path.string(), args.update ? StoreAccess::read_write : StoreAccess::read_only);
    if (!opened) {
      spdlog::error("{}", opened.error().message);
      return opened.error().exit_code;
    }
    std::optional<pipeline::RunLock> lock;  // --update rewrites snapshots a run may be reading
    if (args.update) {
      auto acquired = pipeline::RunLock::acquire(opened->location);
      if (!acquired) {
        spdlog::error("{}", acquired.error());
        return ExitCode::failure;
      }
      lock.emplace(std::move(*acquired));
    }
    verify_store(*opened->store, opened->path, extractor, args.update, tally);
  }
  if (const ExitCode written = write_stdout(tally.report); written != ExitCode::ok) {
    return written;
  }
  spdlog::info("verified {}: {} drifted{}", tally.checked, tally.drifted,
               args.update ? ", " + std::to_string(tally.updated) + " updated" : std::string());
  if (tally.failed > 0) {
    return ExitCode::failure;
  }
  return tally.drifted > 0 && !args.update ? ExitCode::changes : ExitCode::ok;
}

}  // namespace

void add_verify_command(CLI::App& app, std::string_view name, std::string_view summary, CommandResult& result) {
  auto args = std::make_shared<VerifyArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("--baselines", args->baselines,
                      "a folder of pinned stories, each with its golden/ claims and diffs or "
                      "ledger (default: snapshots/)");
  command->add_option("--store", args->store, "the snapshot store whose raw pages to re-read (default: the config's)");
  command->add_option("--config", args->config, "tracker.toml or a watch file, for the store and the lexicon");
  command->add_option("--topics", args->topics,
                      "topic lexicon (default: the config's, else $TRACKER_TOPICS, "
                      "./feeds/topics.toml or the built-in one)");
  command->add_option(
      "--measures", args->measures,
      "measure lexicon for pinned ledgers (default: the built-in feeds/measures.toml)");
  command->add_flag("--update", args->update,
                    "accept what this build makes of them: rewrite the drifted baselines, stored "
                    "claims and headlines");
  command->footer(
      "Re-extracts, with this build and lexicon, the versions pinned under snapshots/ (their\n"
      "golden/*.claims.json and the diffs of pairs.txt; for a story with a ledger.txt, its\n"
      "figure ledger, golden/ledger.txt) and every raw page in the store, and prints what\n"
      "drifted from what was recorded, claim by claim, and a stored page's headline if it\n"
      "moved. Run it after upgrading tracker or editing a lexicon. Without --baselines or\n"
      "--store it checks snapshots/ and the config's store, whichever exist.\n"
      "Exit status: 0 nothing drifted (or --update wrote it), 1 something drifted, 2 trouble.");
  command->callback([args, &result] { result.exit_code = run_verify(*args); });
}

}  // namespace tracker::cli
