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

void StartQueue::push(std::size_t index, const std::string& host, Clock::time_point not_before) {
  std::vector<Waiting>& queue = m_hosts[host];
  const auto at = std::upper_bound(queue.begin(), queue.end(), index,
                                   [](std::size_t i, const Waiting& w) { return i < w.index; });
  queue.insert(at, Waiting{index, not_before});
  ++m_size;
}

std::optional<StartQueue::Pick> StartQueue::pop_ready(const HostLimiter& limiter,
                                                       Clock::time_point now) {
  auto best_host = m_hosts.end();
  std::vector<Waiting>::iterator best;
  for (auto host = m_hosts.begin(); host != m_hosts.end(); ++host) {
    std::vector<Waiting>& queue = host->second;
    if (queue.empty()) {
      continue;
    }
    if (best_host != m_hosts.end() && queue.size() < best_host->second.size()) {
      continue;  // cannot win: fewer waiting
    }
    const std::optional<Clock::time_point> host_free = limiter.next_start(host->first);
    if (!host_free || *host_free > now) {
      continue;
    }
    const auto ready = std::find_if(queue.begin(), queue.end(),
                                    [now](const Waiting& w) { return w.not_before <= now; });
    if (ready == queue.end()) {
      continue;
    }
    if (best_host == m_hosts.end() || queue.size() > best_host->second.size() ||
        ready->index < best->index) {
      best_host = host;
      best = ready;
    }
  }
  if (best_host == m_hosts.end()) {
    return std::nullopt;
  }
  Pick pick{best->index, best_host->first};
  best_host->second.erase(best);
  if (best_host->second.empty()) {
    m_hosts.erase(best_host);
  }
  --m_size;
  return pick;
}

std::optional<StartQueue::Clock::time_point> StartQueue::next_wake(const HostLimiter& limiter,
                                                                   Clock::time_point now) const {
  std::optional<Clock::time_point> wake;
  const auto wake_at = [&wake](Clock::time_point when) {
    wake = wake ? std::min(*wake, when) : when;
  };
  for (const auto& [host, queue] : m_hosts) {
    const std::optional<Clock::time_point> host_free = limiter.next_start(host);
    if (!host_free) {
      continue;  // the host has its maximum running; a finish frees it
    }
    const auto earliest = std::min_element(
        queue.begin(), queue.end(),
        [](const Waiting& a, const Waiting& b) { return a.not_before < b.not_before; });
    if (earliest == queue.end()) {
      continue;
    }
    if (const Clock::time_point when = std::max(*host_free, earliest->not_before); when > now) {
      wake_at(when);
    }
  }
  return wake;
}

std::vector<std::size_t> StartQueue::take_all() {
  std::vector<std::size_t> indices;
  for (const auto& [host, queue] : m_hosts) {
    for (const Waiting& waiting : queue) {
      indices.push_back(waiting.index);
    }
  }
  m_hosts.clear();
  m_size = 0;
  std::sort(indices.begin(), indices.end());
  return indices;
}

}  // namespace tracker::net
