#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string_view>

#include "tracker/net/fetcher.h"

namespace tracker::net {

// When a failed fetch is tried again, and after how long: the one place for that policy.
class RetryPolicy {
 public:
  explicit RetryPolicy(const FetcherOptions& options);

  // Whether an attempt that ended like this may be repeated: timeouts, 429 and 5xx.
  static bool is_transient(FetchOutcome outcome, long status);

  // Whether attempt number `attempts` (1 for the first) may be followed by another.
  bool may_retry(int attempts, FetchOutcome outcome, long status) const;

  // The wait before the next attempt after `attempts` attempts: the server's Retry-After
  // when it sent one (capped at max_retry_after), else backoff_base * 2^(attempts-1) *
  // jitter, where jitter is in [0.5, 1.5).
  std::chrono::milliseconds delay(int attempts, double jitter,
                                  std::optional<std::chrono::seconds> retry_after) const;

 private:
  int m_max_retries;
  std::chrono::milliseconds m_backoff_base;
  std::chrono::milliseconds m_max_retry_after;
};

// A Retry-After header value, in delay-seconds ("120") or as an HTTP-date, as the wait from
// `now`; a date in the past is no wait. Nothing when the value is neither.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::time_t now);

}  // namespace tracker::net
