#pragma once

#include <string>
#include <tl/expected.hpp>

#include "tracker/cli/page_input.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::cli {

// The help text of a `--topic` option, the same for `changes` and `report`.
inline constexpr const char* k_topic_help = "only changes touching this topic of the lexicon";

// Checks a `--topic` value against the lexicon a run here would use (./tracker.toml's
// `topics`, else $TRACKER_TOPICS, ./feeds/topics.toml or the built-in one) and the topics of
// the changes in `store` (which another lexicon may have made): another name is a usage
// error, "--topic 'casualtes': unknown topic 'casualtes' (did you mean 'casualties'?)",
// rather than an empty list that reads as "no changes".
tl::expected<void, InputError> check_topic_option(const std::string& topic,
                                                  store::SnapshotStore& store);

}  // namespace tracker::cli
