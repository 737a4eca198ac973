#include "tracker/pipeline/source_schedule.h"

#include <algorithm>

namespace tracker::pipeline {

std::optional<store::UnixSeconds> next_due(const store::FetchState& state,
                                           std::chrono::seconds interval) {
  if (!state.last_fetch) {
    return std::nullopt;
  }
  // Back off a failing URL so that a dead feed is not hammered: the wait grows per failure.
  constexpr std::int64_t k_longest_backoff = 86'400;
  const std::int64_t failures = std::max(state.consecutive_failures, 0);
  const std::int64_t wait =
      failures == 0 ? interval.count() : std::min(interval.count() * failures, k_longest_backoff);
  return *state.last_fetch + wait;
}

}  // namespace tracker::pipeline
