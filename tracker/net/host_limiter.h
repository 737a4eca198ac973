#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace tracker::net {

// Politeness per host name: at most `per_host` transfers at once, and starts spaced by
// `delay`. The empty host (file: URLs) is never limited. Takes the time as an argument so
// that it holds no clock of its own.
class HostLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  HostLimiter(std::size_t per_host, std::chrono::milliseconds delay);

  // The earliest time a transfer to `host` may start (possibly already past), or nothing
  // while `host` has its maximum running: then only a finish frees it.
  std::optional<Clock::time_point> next_start(const std::string& host) const;

  void start(const std::string& host, Clock::time_point now);
  void finish(const std::string& host);

 private:
  struct HostState {
    std::size_t running = 0;
    std::optional<Clock::time_point> last_start;
  };

  std::size_t m_per_host;
  std::chrono::milliseconds m_delay;
  std::map<std::string, HostState> m_hosts;
};

}  // namespace tracker::net
