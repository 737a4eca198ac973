#include "tracker/cli/reprocess_command.h"

#include <spdlog/spdlog.h>

#include <array>
#include <filesystem>
#include <memory>
#include <optional>

#include "tracker/claims/claim_extractor.h"
#include "tracker/cli/document_input.h"
#include "tracker/cli/output.h"
#include "tracker/cli/run_command.h"
#include "tracker/cli/store_input.h"
#include "tracker/config/settings.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/pipeline/document_version.h"
#include "tracker/pipeline/page_claims.h"
#include "tracker/pipeline/run_lock.h"
#include "tracker/pipeline/story_placement.h"
#include "tracker/pipeline/story_terms.h"
#include "tracker/pipeline/takedown.h"
#include "tracker/report/claim_json.h"

namespace tracker::cli {
namespace {

namespace fs = std::filesystem;

struct ReprocessArguments {
  std::string store;
  std::string config;
  std::string topics;
};

// What reprocessing one document did, for its line of output.
struct DocumentTally {
  std::size_t snapshots = 0;
  std::size_t rewritten = 0;    // snapshots whose text or claims changed
  std::size_t unreadable = 0;   // raw pages this build finds no article in: kept as they were
  std::size_t changes_before = 0;
  std::size_t changes_after = 0;
  bool changes_replaced = false;
};

// The details of a snapshot's stored changes, to tell whether recomputing changed them.
std::vector<std::string> details(const std::vector<store::Change>& changes) {
  std::vector<std::string> out;
  for (const store::Change& change : changes) {
    out.push_back(change.detail_json);
  }
  return out;
}

std::vector<std::string> details(const std::vector<store::ChangeInput>& changes) {
  std::vector<std::string> out;
  for (const store::ChangeInput& change : changes) {
    out.push_back(change.detail_json);
  }
  return out;
}

// A version's claims and headline as this build reads its raw page.
struct VersionClaims {
  std::vector<claims::Claim> claims;
  claims::Claim headline;
  std::optional<store::PageFields> fields;  // nullopt: the version predates page fields
};

// Reads `snapshot`'s raw page again and rewrites what this build makes of it differently.
// A page it finds no article in keeps what was stored, and is diffed from its text, as the
// run would. `memo` holds the claims of the document's versions read before: a long history of
// light edits reads each paragraph about once.
store::StoreResult<VersionClaims> reread_version(store::SnapshotStore& store, const store::Document& document,
                                                 const store::Snapshot& snapshot, claims::ClaimExtractor& extractor,
                                                 claims::ParagraphMemo& memo, DocumentTally& tally) {
  auto raw = store.raw_page(snapshot.id);
  if (!raw) {
    return tl::make_unexpected(std::move(raw.error()));
  }
  pipeline::PageClaimsOptions options;
  options.url = document.url;
  auto page = raw->has_value() ? pipeline::read_page_text(**raw, options, options.url)
                               : tl::expected<pipeline::PageClaims, std::string>(tl::unexpect, "no raw page");
  if (page) {
    if (auto claimed = pipeline::add_page_claims(*page, extractor, options, &memo); !claimed) {
      page = tl::make_unexpected(std::move(claimed.error()));
    }
  }
  VersionClaims version;
  if (!page) {
    ++tally.unreadable;
    version.claims = *extractor.extract(pipeline::paragraphs_of(snapshot.text), claims::ClaimLimits{}, memo);
    version.headline = extractor.headline_of(snapshot.headline, version.claims);
    version.fields = snapshot.fields;
    return version;
  }
  const std::string claims_json = report::claims_json(page->claims);
  // A version stored before headlines were kept keeps none: its next version's diff would
  // otherwise gain a headline change the run never made.
  const std::string headline_text = snapshot.headline.empty() ? std::string() : page->headline.text;
  // Likewise page fields; the dates stay as stored, since a run records dates that moved after
  // the version was fetched.
  std::optional<store::PageFields> fields;
  if (snapshot.fields) {
    fields = page->fields;
    fields->published = snapshot.fields->published;
    fields->modified = snapshot.fields->modified;
  }
  if (page->text != snapshot.text || claims_json != snapshot.claims_json || headline_text != snapshot.headline ||
      fields != snapshot.fields) {
    if (auto replaced = store.replace_snapshot_content(snapshot.id, page->text, headline_text, claims_json, fields);
        !replaced) {
      return tl::make_unexpected(std::move(replaced.error()));
    }
    ++tally.rewritten;
  }
  version.claims = std::move(page->claims);
  version.headline = extractor.headline_of(headline_text, version.claims);
  version.fields = std::move(fields);
  return version;
}

// Stores `diff` as the changes `snapshot` made to `previous`, when they differ from the stored ones.
store::StoreResult<void> replace_changes(store::SnapshotStore& store, const store::Snapshot& snapshot,
                                         store::SnapshotId previous, const diff::ClaimDiff& diff,
                                         DocumentTally& tally) {
  auto stored = store.changes({.snapshot_id = snapshot.id});
  if (!stored) {
    return tl::make_unexpected(std::move(stored.error()));
  }
  // Dated as when the version was fetched, so reports keep their timelines.
  const std::vector<store::ChangeInput> records =
      pipeline::change_records(diff, snapshot.document_id, snapshot.id, previous, snapshot.fetched_at);
  tally.changes_before += stored->size();
  tally.changes_after += records.size();
  if (details(*stored) != details(records)) {
    if (auto replaced = store.replace_changes(snapshot.id, records); !replaced) {
      return tl::make_unexpected(std::move(replaced.error()));
    }
    tally.changes_replaced = true;
  }
  return {};
}

// The most paragraphs a document's memo keeps (a few megabytes of claims).
constexpr std::size_t k_memo_paragraphs = 4096;

// Re-reads each snapshot of `document`, oldest first, rewrites what changed, and recomputes
// the changes between consecutive versions, and of each takedown, as the run makes them.
// Store errors end it.
store::StoreResult<DocumentTally> reprocess_document(store::SnapshotStore& store, const store::Document& document,
                                                     claims::ClaimExtractor& extractor,
                                                     const std::vector<std::string>& watched_topics) {
  DocumentTally tally;
  auto snapshots = store.document_snapshots(document.id);
  if (!snapshots) {
    return tl::make_unexpected(std::move(snapshots.error()));
  }
  VersionClaims previous_version;
  claims::ParagraphMemo memo;                 // the claims of the versions read so far
  std::optional<store::SnapshotId> previous;  // the last version, never a takedown
  bool returning = false;                     // the snapshot before this one was a takedown
  for (const store::Snapshot& snapshot : *snapshots) {
    ++tally.snapshots;
    if (!snapshot.gone.empty()) {  // a takedown: no article to read, its change made again
      if (previous) {
        // Named as the run names it: by the document's title when the version kept no headline.
        const claims::Claim named = previous_version.headline.text.empty()
                                        ? extractor.headline_of(document.title, previous_version.claims)
                                        : previous_version.headline;
        diff::ClaimDiff diff;
        diff.changes.push_back(pipeline::takedown_change(previous_version.claims, named, snapshot.gone));
        if (auto done = replace_changes(store, snapshot, *previous, diff, tally); !done) {
          return tl::make_unexpected(std::move(done.error()));
        }
      }
      returning = true;
      continue;
    }
    if (memo.size() > k_memo_paragraphs) {
      memo = claims::ParagraphMemo{};  // a history rewritten many times over: start afresh
    }
    auto version = reread_version(store, document, snapshot, extractor, memo, tally);
    if (!version) {
      return tl::make_unexpected(std::move(version.error()));
    }
    if (previous) {
      diff::DiffOptions diff_options;
      diff_options.watched_topics = watched_topics;
      diff::ClaimDiff diff = diff::diff_claims(previous_version.claims, version->claims, diff_options);
      diff::add_headline_change(diff, previous_version.headline, version->headline, previous_version.claims,
                                version->claims, diff_options);
      std::array<claims::Claim, 4> field_claims;  // what `diff` may point to, until it is stored
      if (previous_version.fields && version->fields) {
        pipeline::add_page_field_changes(extractor, *previous_version.fields, *version->fields,
                                         previous_version.claims, version->claims, field_claims, diff, diff_options);
      }
      if (returning) {  // as the run does: the story is back, compared with its last version
        diff.changes.insert(diff.changes.begin(), pipeline::restored_change(version->claims, version->headline));
      }
      if (auto done = replace_changes(store, snapshot, *previous, diff, tally); !done) {
        return tl::make_unexpected(std::move(done.error()));
      }
    }
    returning = false;
    previous_version = std::move(*version);
    previous = snapshot.id;
  }
  return tally;
}

ExitCode run_reprocess(const ReprocessArguments& args) {
  std::string topics = args.topics;
  std::string store_path = args.store;
  std::vector<config::SourceConfig> sources;
  std::vector<config::StoryPin> pins;
  std::optional<double> story_similarity;
  const fs::path config = args.config.empty() ? default_config_path() : fs::path(args.config);
  if (!config.empty()) {
    auto settings = config::load_settings(config);
    if (!settings) {
      spdlog::error("{}", settings.error());
      return ExitCode::failure;
    }
    if (topics.empty()) {
      topics = settings->topics_path.string();
    }
    if (store_path.empty()) {
      store_path = settings->store_path.string();
    }
    sources = std::move(settings->sources);
    pins = std::move(settings->story_pins);
    story_similarity = settings->story_similarity;
  }
  auto lexicon = load_topic_lexicon(topics);
  if (!lexicon) {
    spdlog::error("{}", lexicon.error().message);
    return lexicon.error().exit_code;
  }
  auto opened = open_store_for_reading(store_path, StoreAccess::read_write);
  if (!opened) {
    spdlog::error("{}", opened.error().message);
    return opened.error().exit_code;
  }
  // Reprocess rewrites what a run writes: it waits for no run, and no run starts meanwhile.
  auto lock = pipeline::RunLock::acquire(opened->location);
  if (!lock) {
    spdlog::error("{}", lock.error());
    return ExitCode::failure;
  }
  store::SnapshotStore& store = *opened->store;
  claims::ClaimExtractor extractor(*lexicon);
  // One transaction: a run killed halfway leaves the history as it was, never half old and
  // half new, and never with recomputed changes that the alert rules have not passed over.
  auto transaction = store.begin();
  if (!transaction) {
    spdlog::error("{}", transaction.error().message);
    return ExitCode::failure;
  }
  auto documents = store.all_documents();
  if (!documents) {
    spdlog::error("{}", documents.error().message);
    return ExitCode::failure;
  }
  std::string output;
  std::size_t touched = 0;
  for (const store::Document& document : *documents) {
    std::vector<std::string> watched;
    if (auto source = store.source(document.source_id); source && source->has_value()) {
      for (const config::SourceConfig& configured : sources) {
        if (configured.url == (*source)->url) {
          watched = configured.topics;
        }
      }
    }
    auto tally = reprocess_document(store, document, extractor, watched);
    if (!tally) {
      spdlog::error("{}", tally.error().message);
      return ExitCode::failure;  // the transaction rolls back
    }
    if (tally->unreadable > 0) {
      spdlog::warn("{}: {} of {} stored pages hold no article for this build; their text was kept", document.url,
                   tally->unreadable, tally->snapshots);
    }
    if (tally->rewritten > 0 || tally->changes_replaced) {
      ++touched;
      output += document.url + ": " + std::to_string(tally->rewritten) + " of " + std::to_string(tally->snapshots) +
                " snapshots re-read differently; changes " + std::to_string(tally->changes_before) + " -> " +
                std::to_string(tally->changes_after) + "\n";
    }
  }
  // Recomputed changes get new ids: they describe versions long since alerted (or passed
  // over), so no rule may send them now.
  auto last = store.last_change_id();
  if (!last) {
    spdlog::error("{}", last.error().message);
    return ExitCode::failure;
  }
  if (auto passed = store.pass_over_changes_through(*last); !passed) {
    spdlog::error("{}", passed.error().message);
    return ExitCode::failure;
  }
  // The re-read versions lost their story terms (and a new build may find terms another way).
  if (auto terms = pipeline::store_story_terms(store); !terms) {
    spdlog::error("{}", terms.error().message);
    return ExitCode::failure;
  }
  // Their stories are grouped again, from the terms of the texts as now read.
  if (auto placed = pipeline::place_stories(store, pins, /*regroup=*/true,
                                            pipeline::story_options(story_similarity));
      !placed) {
    spdlog::error("{}", placed.error().message);
    return ExitCode::failure;
  }
  if (auto committed = transaction->commit(); !committed) {
    spdlog::error("{}", committed.error().message);
    return ExitCode::failure;
  }
  spdlog::info("reprocessed {} documents: {} changed", documents->size(), touched);
  return write_stdout(output);
}

}  // namespace

void add_reprocess_command(CLI::App& app, std::string_view name, std::string_view summary, CommandResult& result) {
  auto args = std::make_shared<ReprocessArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("--store", args->store, "the snapshot store (default: the config's, else snapshots/tracker.db)");
  command->add_option("--config", args->config, "tracker.toml or a watch file, for the lexicon and watched topics");
  command->add_option("--topics", args->topics,
                      "topic lexicon (default: the config's, else $TRACKER_TOPICS, "
                      "./feeds/topics.toml or the built-in one)");
  command->footer(
      "Re-reads every stored raw page with this build and lexicon, rewrites the snapshots whose\n"
      "text or claims come out differently, and recomputes the claim changes between each\n"
      "document's consecutive snapshots, so that a better extractor or lexicon repairs old\n"
      "false changes without fetching anything. All in one transaction. The recomputed changes\n"
      "are never alerted: every [[alert]] rule is moved past them. Prints one line per document\n"
      "that changed; nothing when none did. Run 'tracker verify --store' first to see what\n"
      "would change.");
  command->callback([args, &result] { result.exit_code = run_reprocess(*args); });
}

}  // namespace tracker::cli
