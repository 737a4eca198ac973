#pragma once

#include <chrono>
#include <optional>

#include "tracker/store/records.h"

namespace tracker::pipeline {

// When a source whose URL was last fetched as `state` is next due under `interval`, the
// interval the configuration gives now: one interval after its last fetch, or after a failure
// one interval per consecutive failure (at most a day). Worked out at each run rather than
// read back from a time stored with the old interval, so an edited interval counts at the
// next run. nullopt: due now (never fetched).
std::optional<store::UnixSeconds> next_due(const store::FetchState& state,
                                           std::chrono::seconds interval);

}  // namespace tracker::pipeline
