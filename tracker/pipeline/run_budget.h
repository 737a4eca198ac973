#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tracker/config/settings.h"

namespace tracker::pipeline {

// The run's budgets of time, claims and stored bytes ([limits] run_timeout, source_timeout,
// max_claims_per_run, max_stored_bytes_per_*), a store that failed, and the pages each source
// had to leave for the next run. A page left is never half-stored: it is skipped before its transaction, and its
// fetch state is not touched, so the next run fetches it as if this one had not tried.
class RunBudget {
 public:
  using Clock = std::chrono::steady_clock;

  RunBudget(const config::Settings& settings, Clock::time_point started);

  Clock::time_point run_deadline() const { return m_run_deadline; }

  // By when the due sources' own fetches must be done: they all start with the run. Until
  // start_source, also each source's deadline.
  Clock::time_point feed_deadline() const;

  // A source's clock runs from its first request (its feed, or the page it is).
  void start_source(std::size_t source, Clock::time_point first_sent);

  Clock::time_point source_deadline(std::size_t source) const { return m_source_deadlines[source]; }

  // Why `source`'s pages may no longer be processed, or nothing while they may.
  std::optional<std::string> refusal(std::size_t source) const;

  // Why no page may be stored any more, whatever the time: the store failed, or the run has
  // its max_claims_per_run. A page worked on in time is stored after a deadline passed.
  std::optional<std::string> storing_refusal() const;

  // Counts a stored page's claims; true once the run has reached max_claims_per_run.
  bool add_claims(std::size_t count);

  // Why `source` may not store a new snapshot of `bytes` more ([limits]
  // max_stored_bytes_per_source_run, max_stored_bytes_per_run), or nothing when it may.
  std::optional<std::string> storage_refusal(std::size_t source, std::size_t bytes) const;
  void add_stored_bytes(std::size_t source, std::size_t bytes);

  // No page may be processed any more, for `reason` (the store failed: a full disk).
  void stop(std::string reason) { m_stopped = std::move(reason); }

  void skip(std::size_t source, std::string reason, const std::string& url);

  // One line for a source that left pages, else empty: "the run went past [limits]
  // run_timeout = 30m: 2 pages left for the next run: URL, URL".
  std::string skipped_pages(std::size_t source) const;

 private:
  static constexpr std::size_t k_urls_named = 3;  // one line per source, not one per page

  struct Skipped {
    std::string reason;  // the first one: later pages were skipped for it or a consequence
    std::vector<std::string> urls;
    std::size_t count = 0;
  };

  const config::Settings& m_settings;
  Clock::time_point m_started;
  Clock::time_point m_run_deadline;
  std::vector<Clock::time_point> m_source_deadlines;  // by source index
  std::vector<Skipped> m_skipped;                    // by source index
  std::size_t m_claims = 0;
  std::vector<std::size_t> m_stored_bytes;  // by source index, this run
  std::size_t m_run_stored_bytes = 0;
  std::string m_stopped;  // why no page may be processed; empty while they may
};

}  // namespace tracker::pipeline
