#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tracker/claims/lexicon.h"
#include "tracker/config/settings.h"
#include "tracker/pipeline/document_version.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::pipeline {

// How one source fared in a run.
struct SourceOutcome {
  std::string name;
  std::string url;
  bool fetched = false;       // it was due and was fetched (or answered 304)
  bool not_modified = false;  // the server said 304
  std::string error;          // empty when it worked
  std::size_t items = 0;      // feed items considered
};

struct RunSummary {
  std::vector<SourceOutcome> sources;
  std::vector<std::unique_ptr<DocumentVersion>> documents;  // pages stored this run
  std::vector<std::string> page_errors;                     // pages that could not be stored
  // The store failed (a full disk, a damaged file): the run stopped storing, and left the
  // pages still to come for the next run. Empty when the store worked.
  std::string store_error;
  std::size_t pages_fetched = 0;
  std::size_t pages_not_modified = 0;
  std::size_t pages_not_due = 0;  // known articles the recheck schedule left alone this run

  bool all_sources_ok() const;
};

struct RunOptions {
  bool ignore_intervals = false;  // fetch every source and article, due or not
  store::UnixSeconds now = 0;     // the run's clock, read once by the caller
  // Called on the run's thread as each page is done with: pages done, pages in all, and the
  // page's source. For a progress display; empty: nothing is called.
  std::function<void(std::size_t done, std::size_t total, const std::string& source)> on_page_done;
};

// One pass of the main job: due sources are fetched (conditional GET), feeds give their
// items' pages, pages are fetched, stored as snapshots when their text changed and diffed
// with the previous snapshot. Fetch state is kept per URL. A failing source is recorded and
// the run goes on.
RunSummary run_sources(const config::Settings& settings, const claims::TopicLexicon& lexicon,
                       store::SnapshotStore& store, const RunOptions& options);

}  // namespace tracker::pipeline
