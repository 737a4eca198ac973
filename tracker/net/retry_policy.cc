#include "tracker/net/retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <string>

namespace tracker::net {

RetryPolicy::RetryPolicy(const FetcherOptions& options)
    : m_max_retries(std::max(0, options.max_retries)),
      m_backoff_base(options.backoff_base),
      m_max_retry_after(options.max_retry_after) {}

bool RetryPolicy::is_transient(FetchOutcome outcome, long status) {
  if (outcome == FetchOutcome::timeout) {
    return true;
  }
  return outcome == FetchOutcome::http_error && (status == 429 || (status >= 500 && status < 600));
}

bool RetryPolicy::may_retry(int attempts, FetchOutcome outcome, long status) const {
  return attempts <= m_max_retries && is_transient(outcome, status);
}

std::chrono::milliseconds RetryPolicy::delay(
    int attempts, double jitter, std::optional<std::chrono::seconds> retry_after) const {
  if (retry_after) {
    return std::min<std::chrono::milliseconds>(*retry_after, m_max_retry_after);
  }
  const int doublings = std::clamp(attempts - 1, 0, 20);  // 2^20 * base is already days
  const double wait = static_cast<double>(m_backoff_base.count()) *
                      static_cast<double>(1L << doublings) * std::clamp(jitter, 0.5, 1.5);
  return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(wait));
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::time_t now) {
  const auto first = value.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  value = value.substr(first, value.find_last_not_of(" \t") + 1 - first);
  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    long long seconds = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (error == std::errc::result_out_of_range) {
      seconds = 1LL << 40;  // absurdly far: the caller's cap decides
    } else if (error != std::errc{} || end != value.data() + value.size()) {
      return std::nullopt;
    }
    return std::chrono::seconds(seconds);
  }
  const std::string date(value);
  const std::time_t when = curl_getdate(date.c_str(), nullptr);
  if (when == -1) {
    return std::nullopt;
  }
  return std::chrono::seconds(std::max<std::time_t>(0, when - now));
}

}  // namespace tracker::net
