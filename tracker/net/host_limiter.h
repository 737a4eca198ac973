#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

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

// Requests waiting to start, and the rule for which one starts next: of the requests whose
// own time has come and whose host the limiter lets start, one of the host with the most
// requests still waiting, the earliest of that host's; ties between hosts go to the earlier
// request. Serving the longest queue first keeps many hosts busy to the end of a batch,
// instead of leaving the last few hosts with a long tail of requests spaced by the delay.
class StartQueue {
 public:
  using Clock = HostLimiter::Clock;

  // A request picked to start: its index (as pushed) and host.
  struct Pick {
    std::size_t index = 0;
    std::string host;
  };

  // Adds request `index` for `host`, to start no sooner than `not_before` (a retry's backoff).
  void push(std::size_t index, const std::string& host,
            Clock::time_point not_before = Clock::time_point::min());

  // Removes and returns the request to start at `now`, or nothing if none may start.
  std::optional<Pick> pop_ready(const HostLimiter& limiter, Clock::time_point now);

  // The earliest time after `now` at which a request that waits for the clock (its own
  // backoff or its host's delay) may start; nothing if none waits for the clock.
  std::optional<Clock::time_point> next_wake(const HostLimiter& limiter,
                                             Clock::time_point now) const;

  // Removes and returns every waiting request's index.
  std::vector<std::size_t> take_all();

  bool empty() const { return m_size == 0; }
  std::size_t size() const { return m_size; }

 private:
  struct Waiting {
    std::size_t index = 0;
    Clock::time_point not_before;
  };

  std::map<std::string, std::vector<Waiting>> m_hosts;  // each host's requests, by index
  std::size_t m_size = 0;
};

}  // namespace tracker::net
