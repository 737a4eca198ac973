#pragma once

#include <cstddef>

#include "tracker/store/snapshot_store.h"

namespace tracker::pipeline {

// Stores the story terms (report::stored_story_terms) of each document's newest version that
// has none yet, or has terms of an older format: after a run, the versions it stored; after an
// upgrade, every document once. Grouping stories then reads these instead of every text.
// Returns how many versions were given terms.
store::StoreResult<std::size_t> store_story_terms(store::SnapshotStore& store);

}  // namespace tracker::pipeline
