#pragma once
// The stages of run_sources, in the order it runs them, and the state they hand on:
//   due_sources      which sources are due (run.cc)
//   fetch_sources    their own URLs, all at once (run.cc)
//   pages_to_fetch   the pages their feeds list, or that they are (run_feeds.cc)
//   process_pages    each page fetched, worked on by the worker pool and stored (run_pages.cc)
//   finish_sources   what each source leaves for the next run (run.cc)
// Every stage runs on the run's thread, the only one that touches the store; process_pages
// hands the work of a page that needs no store to its workers.

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "tracker/claims/lexicon.h"
#include "tracker/config/settings.h"
#include "tracker/net/fetcher.h"
#include "tracker/pipeline/fetch_records.h"
#include "tracker/pipeline/run.h"
#include "tracker/pipeline/run_budget.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::pipeline {

// A URL to fetch for the run, with what it is for.
struct PageJob {
  std::size_t source = 0;  // index into settings.sources
  store::SourceId source_id = 0;
  std::string key;
  std::string url;
  std::string title;
  net::FetchResult* prefetched = nullptr;  // a page source's own fetch, in source_results: moved out once worked on
  bool feed_link = false;  // found in a feed, not written by the user
  std::shared_ptr<const net::AddressPolicy> address_policy{};  // for feed links; null: any address
};

// What the stages share. Per-source vectors are indexed like settings.sources.
struct RunState {
  RunState(const config::Settings& run_settings, const claims::TopicLexicon& run_lexicon,
           store::SnapshotStore& run_store, const RunOptions& run_options);

  const config::Settings& settings;
  const claims::TopicLexicon& lexicon;
  store::SnapshotStore& store;
  const RunOptions& options;
  RunSummary summary;
  RunBudget budget;
  net::Fetcher fetcher;

  std::vector<store::SourceId> source_ids;
  std::vector<std::size_t> due;                      // sources due this run, in settings order
  std::vector<net::FetchResult> source_results;      // their fetches, by position in `due`
  std::vector<std::optional<Validators>> new_validators;
  // What each source's content gave this run: "" usable, else why not; nullopt when this run
  // did not read it (not due, not fetched, a failed fetch, a 304).
  std::vector<std::optional<std::string>> source_problems;
  // A source that had a page it could not store is fetched whole next run.
  std::vector<bool> read_feed_again;

  std::vector<PageJob> jobs;
  std::unordered_set<std::string> seen_items;  // see first_sighting
  // Pages stored and page errors, by job index: the summary lists them in job order, as if
  // the pages had come back in that order.
  std::vector<std::pair<std::size_t, std::unique_ptr<DocumentVersion>>> documents;
  std::vector<std::pair<std::size_t, std::string>> page_errors;
};

void due_sources(RunState& run);
void fetch_sources(RunState& run);
void pages_to_fetch(RunState& run);
void process_pages(RunState& run);
void finish_sources(RunState& run);

// "source 'afp': ", before a page's error: which watch entry listed the page.
std::string source_label(const config::SourceConfig& source);

// "HTTP error: 404 Not Found": a failed fetch for people.
std::string describe_failure(const net::FetchResult& result);

// The conditional GET for `job`, with the validators its URL's last fetch left.
net::FetchRequest conditional_request(store::SnapshotStore& store, const PageJob& job);

}  // namespace tracker::pipeline
