#include "tracker/pipeline/fetch_records.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "tracker/pipeline/source_schedule.h"

namespace tracker::pipeline {

void record_fetch(store::SnapshotStore& store, const net::FetchResult& result,
                  store::UnixSeconds now, std::chrono::seconds interval, bool stored,
                  bool keep_old_validators) {
  store::FetchState state;
  if (auto previous = store.fetch_state(result.url); previous && previous->has_value()) {
    state = **previous;
  }
  state.url = result.url;
  state.last_fetch = now;
  state.last_status = static_cast<int>(result.status);
  const bool worked = result.outcome == net::FetchOutcome::ok ||
                      result.outcome == net::FetchOutcome::not_modified;
  if (worked) {
    if (result.outcome == net::FetchOutcome::ok && !keep_old_validators) {
      state.etag = stored ? result.etag : std::string();
      state.last_modified = stored ? result.last_modified : std::string();
    }
    state.last_error.clear();
    state.consecutive_failures = 0;
  } else {
    state.last_error = result.error;
    ++state.consecutive_failures;
  }
  // Kept for `status` with no configuration; runs work it out again with the interval of the day.
  state.next_due = next_due(state, interval);
  if (auto saved = store.put_fetch_state(state); !saved) {
    spdlog::warn("{}", saved.error().message);
  }
}

void forget_validators(store::SnapshotStore& store, const std::string& url) {
  auto state = store.fetch_state(url);
  if (!state || !state->has_value()) {
    return;
  }
  store::FetchState cleared = **state;
  cleared.etag.clear();
  cleared.last_modified.clear();
  if (auto saved = store.put_fetch_state(cleared); !saved) {
    spdlog::warn("{}", saved.error().message);
  }
}

bool article_due(store::SnapshotStore& store, const config::RecheckSchedule& schedule,
                 store::UnixSeconds first_seen, const std::string& url, const RunOptions& options) {
  if (options.ignore_intervals) {
    return true;
  }
  const auto wait = schedule.wait_for(std::chrono::seconds(std::max<store::UnixSeconds>(0, options.now - first_seen)));
  if (!wait) {
    return false;
  }
  auto state = store.fetch_state(url);
  return !state || !state->has_value() || !(*state)->last_fetch ||
         *(*state)->last_fetch + wait->count() <= options.now;
}

void take_validators(store::SnapshotStore& store, const Validators& validators) {
  auto state = store.fetch_state(validators.url);
  if (!state || !state->has_value()) {
    return;
  }
  store::FetchState taken = **state;
  taken.etag = validators.etag;
  taken.last_modified = validators.last_modified;
  if (auto saved = store.put_fetch_state(taken); !saved) {
    spdlog::warn("{}", saved.error().message);
  }
}

bool is_due(store::SnapshotStore& store, const config::SourceConfig& source, const RunOptions& options) {
  if (options.ignore_intervals) {
    return true;
  }
  auto state = store.fetch_state(source.url);
  if (!state || !state->has_value()) {
    return true;
  }
  const std::optional<store::UnixSeconds> due = next_due(**state, source.interval);
  return !due || *due <= options.now;
}

}  // namespace tracker::pipeline
