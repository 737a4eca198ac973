#include "tracker/net/host_limiter.h"

#include <algorithm>

namespace tracker::net {

HostLimiter::HostLimiter(std::size_t per_host, std::chrono::milliseconds delay)
    : m_per_host(std::max<std::size_t>(1, per_host)),
      m_delay(std::max(delay, std::chrono::milliseconds::zero())) {}

std::optional<HostLimiter::Clock::time_point> HostLimiter::next_start(
    const std::string& host) const {
  const auto found = m_hosts.find(host);
  if (host.empty() || found == m_hosts.end()) {
    return Clock::time_point::min();
  }
  const HostState& state = found->second;
  if (state.running >= m_per_host) {
    return std::nullopt;
  }
  if (!state.last_start) {
    return Clock::time_point::min();
  }
  return *state.last_start + m_delay;
}

void HostLimiter::start(const std::string& host, Clock::time_point now) {
  if (host.empty()) {
    return;
  }
  HostState& state = m_hosts[host];
  ++state.running;
  state.last_start = now;
}

void HostLimiter::finish(const std::string& host) {
  const auto found = m_hosts.find(host);
  if (found != m_hosts.end() && found->second.running > 0) {
    --found->second.running;
  }
}

}  // namespace tracker::net
