#pragma once

#include <cstddef>

#include "tracker/store/snapshot_store.h"

namespace tracker::pipeline {

// Stores the story terms (report::stored_story_terms) of each document that has none, or has
// terms of an older format: the documents whose new version found no headline, those a rewrite
// or a headline filled in left without, and after an upgrade every document once (a run stores
// the terms of the versions it adds with them). The run's last step, and reprocess's. Returns
// how many documents were given terms.
store::StoreResult<std::size_t> store_story_terms(store::SnapshotStore& store);

}  // namespace tracker::pipeline
