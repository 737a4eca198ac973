#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tracker/config/story_pins.h"
#include "tracker/report/stories.h"
#include "tracker/store/document_summary.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::pipeline {

// What stories are grouped with, as stored beside them (store::StoredStories::settings): the
// story terms' format, the options and the [[story]] pins. Stories stored with other settings
// are not read, and the next run groups every document again.
std::string story_settings(const std::vector<config::StoryPin>& pins, const report::StoryOptions& options = {});

// What grouping reads of each of `documents`: its stored story terms (its newest version's text
// when it has none), the first pin that picks it, and the story a run placed it in when
// `placed` holds that run's members (stories stored with the same settings; null: none used).
store::StoreResult<std::vector<report::StoryInput>> story_inputs(store::SnapshotStore& store,
                                                                 const std::vector<store::DocumentSummary>& documents,
                                                                 const std::vector<config::StoryPin>& pins,
                                                                 const store::StoredStories* placed);

// The run's last step, after store_story_terms: places each document that has no story yet, in
// the order they were first seen, into the stored stories (report::group_stories), and stores
// where it went; a document keeps its story from then on. Stories stored with other settings
// (`pins` changed, or how terms are found), or `regroup` (reprocess), group every document
// again. Returns how many documents were placed.
store::StoreResult<std::size_t> place_stories(store::SnapshotStore& store,
                                              const std::vector<config::StoryPin>& pins,
                                              bool regroup = false,
                                              const report::StoryOptions& options = {});

// The grouping options of a configuration: the built-in ones, with its `story_similarity`.
report::StoryOptions story_options(std::optional<double> story_similarity);

}  // namespace tracker::pipeline
