#pragma once
// What each fetch leaves behind for the next run (validators, failures, when it is next due),
// and whether a source or an article is due: run_sources' bookkeeping around its fetches.

#include <chrono>
#include <string>

#include "tracker/config/settings.h"
#include "tracker/net/fetcher.h"
#include "tracker/pipeline/run.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::pipeline {

// Records what a fetch of `url` left behind: validators for the next conditional GET, the
// error and failure count, and when the URL is next due.
// A page that came back whole but could not be stored (no article, a store error) gets no
// validators (`stored` false), so that it is fetched whole next time: with validators, the
// next run would take a 304 and never store the version it missed. One write, so that a
// failing store either records all of it or keeps the old state (and the old validators,
// which the server no longer matches).
// With `keep_old_validators`, a 200's validators are not taken yet: a source's wait until the
// items it listed are stored (take_validators), see run_sources.
void record_fetch(store::SnapshotStore& store, const net::FetchResult& result, store::UnixSeconds now,
                  std::chrono::seconds interval, bool stored = true, bool keep_old_validators = false);

// A URL whose answer was not used in full (a page source that could not be stored, a feed
// whose pages were left) is fetched whole next time, not answered with a 304.
void forget_validators(store::SnapshotStore& store, const std::string& url);

// Whether an article found in a feed is fetched this run: a new one always; a known one when
// the wait its age calls for ([[recheck]]) has passed since its last fetch; one past the
// schedule's last step never again.
bool article_due(store::SnapshotStore& store, const config::RecheckSchedule& schedule,
                 store::UnixSeconds first_seen, const std::string& url, const RunOptions& options);

// What a source's 200 said for the next conditional GET, kept until its items are stored.
struct Validators {
  std::string url;
  std::string etag;
  std::string last_modified;
};
void take_validators(store::SnapshotStore& store, const Validators& validators);

// Whether the source's own URL is due this run (always with --all).
bool is_due(store::SnapshotStore& store, const config::SourceConfig& source, const RunOptions& options);

}  // namespace tracker::pipeline
