#include "tracker/net/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <ctime>
#include <deque>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "tracker/net/host_limiter.h"
#include "tracker/net/retry_policy.h"
#include "tracker/net/transfer.h"
#include "tracker/net/url_policy.h"

namespace tracker::net {
namespace {

using Clock = std::chrono::steady_clock;

struct CurlMultiCleanup {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
using CurlMultiPtr = std::unique_ptr<CURLM, CurlMultiCleanup>;

// The state of one fetch_each call.
// Gives a FetchWakeup the multi handle to wake for as long as a batch polls it.
class WakeupAttachment {
 public:
  WakeupAttachment(FetchWakeup* wakeup, CURLM* multi) : m_wakeup(wakeup) {
    if (m_wakeup != nullptr) {
      m_wakeup->attach(multi);
    }
  }
  ~WakeupAttachment() {
    if (m_wakeup != nullptr) {
      m_wakeup->attach(nullptr);
    }
  }
  WakeupAttachment(const WakeupAttachment&) = delete;
  WakeupAttachment& operator=(const WakeupAttachment&) = delete;

 private:
  FetchWakeup* m_wakeup;
};

class Batch {
 public:
  Batch(const FetcherOptions& options, std::mt19937_64& random,
        const std::vector<FetchRequest>& requests, const Fetcher::ResultHandler& on_result,
        const FetchDeadlines& deadlines, FetchWakeup* wakeup)
      : m_options(options),
        m_random(random),
        m_requests(requests),
        m_on_result(on_result),
        m_deadlines(deadlines),
        m_wakeup(wakeup),
        m_limiter(options.per_host, options.host_delay),
        m_policy(options),
        m_concurrency(std::max<std::size_t>(1, options.concurrency)) {}

  void run() {
    m_jobs.resize(m_requests.size());
    for (std::size_t i = 0; i < m_requests.size(); ++i) {
      m_jobs[i].index = i;
      auto host = fetchable_host(m_requests[i].url, m_options.allow_file && !m_requests[i].feed_link);
      if (host) {
        m_jobs[i].host = std::move(*host);
        m_waiting.push(i, m_jobs[i].host);
      } else {
        FetchResult result = blank_result(i);
        result.outcome = FetchOutcome::bad_url;
        result.error = std::move(host.error());
        m_done.push_back(std::move(result));
      }
    }
    if (!m_waiting.empty()) {
      ensure_curl_initialized();
      m_multi.reset(curl_multi_init());
      if (!m_multi) {
        fail_all("libcurl could not start");
      }
    }
    const WakeupAttachment attached(m_wakeup, m_multi.get());
    while (!m_waiting.empty() || !m_running.empty() || !m_done.empty()) {
      if (m_wakeup != nullptr) {
        m_wakeup->answer();
      }
      abandon_overdue(Clock::now());
      start_ready(Clock::now());
      if (!m_running.empty()) {
        int still_running = 0;
        if (const CURLMcode code = curl_multi_perform(m_multi.get(), &still_running);
            code != CURLM_OK) {
          fail_all(std::string("libcurl failed: ") + curl_multi_strerror(code));
          continue;
        }
        collect_finished();
      }
      if (!m_done.empty()) {
        // One result at a time, so that the transfers progress between two slow handlers and
        // a freed slot is filled before the next handler runs.
        FetchResult result = std::move(m_done.front());
        m_done.pop_front();
        m_on_result(std::move(result));
        continue;
      }
      if (m_waiting.empty() && m_running.empty()) {
        break;
      }
      long timeout_ms = 1000;
      if (m_running.size() < m_concurrency) {
        const Clock::time_point now = Clock::now();
        if (const auto wake = m_waiting.next_wake(m_limiter, now)) {
          const auto until = std::chrono::ceil<std::chrono::milliseconds>(*wake - now);
          timeout_ms = std::clamp<long>(static_cast<long>(until.count()), 0, timeout_ms);
        }
      }
      if (const Clock::time_point deadline = std::min(m_deadlines.all, m_next_deadline);
          deadline != Clock::time_point::max()) {
        const auto until = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        timeout_ms = std::clamp<long>(static_cast<long>(until.count()), 0, timeout_ms);
      }
      // Waits for socket activity, libcurl's own timers, or the next job's time to start.
      curl_multi_poll(m_multi.get(), nullptr, 0, static_cast<int>(timeout_ms), nullptr);
    }
  }

 private:
  FetchResult blank_result(std::size_t index) const {
    FetchResult result;
    result.index = index;
    result.url = m_requests[index].url;
    result.first_sent = m_jobs[index].first_sent;
    return result;
  }

  Clock::time_point deadline_of(std::size_t index) const {
    return m_deadlines.each.empty() ? m_deadlines.all
                                    : std::min(m_deadlines.all, m_deadlines.each[index]);
  }

  // Hands over as abandoned every request, waiting or in flight, whose deadline has come,
  // and notes the next deadline to wake for. Does nothing before that one.
  void abandon_overdue(Clock::time_point now) {
    if (now < std::min(m_deadlines.all, m_next_deadline)) {
      return;
    }
    m_next_deadline = Clock::time_point::max();
    std::vector<std::size_t> overdue;
    for (auto at = m_running.begin(); at != m_running.end();) {
      const std::size_t index = (*at)->job.index;
      if (deadline_of(index) <= now) {
        m_limiter.finish((*at)->job.host);
        overdue.push_back(index);
        at = m_running.erase(at);  // the transfer leaves the multi handle, cut off
      } else {
        m_next_deadline = std::min(m_next_deadline, deadline_of(index));
        ++at;
      }
    }
    for (std::size_t index : m_waiting.take_all()) {
      if (deadline_of(index) <= now) {
        overdue.push_back(index);
      } else {
        m_next_deadline = std::min(m_next_deadline, deadline_of(index));
        m_waiting.push(index, m_jobs[index].host, m_jobs[index].not_before);
      }
    }
    std::sort(overdue.begin(), overdue.end());
    for (std::size_t index : overdue) {
      FetchResult result = blank_result(index);
      result.outcome = FetchOutcome::abandoned;
      result.error = "given up: not finished by the deadline";
      result.attempts = m_jobs[index].attempts;
      m_done.push_back(std::move(result));
    }
  }

  // Starts every waiting job the limits allow at `now`, busiest host first (StartQueue).
  // Results not yet handed over count against the concurrency: a handler slower than the
  // network (a run reading pages at 0 ms latency) holds back new transfers instead of letting
  // every body of the batch pile up in memory.
  void start_ready(Clock::time_point now) {
    while (m_running.size() + m_done.size() < m_concurrency) {
      const std::optional<StartQueue::Pick> pick = m_waiting.pop_ready(m_limiter, now);
      if (!pick) {
        return;
      }
      start(m_jobs[pick->index], now);
    }
  }

  void start(const Job& job, Clock::time_point now) {
    auto transfer = std::make_unique<Transfer>(m_multi.get(), job);
    if (!configure(*transfer, m_requests[job.index], m_options) ||
        curl_multi_add_handle(m_multi.get(), transfer->easy.get()) != CURLM_OK) {
      FetchResult result = blank_result(job.index);
      result.outcome = FetchOutcome::network_error;
      result.error = "libcurl could not start a transfer";
      result.attempts = job.attempts;
      m_done.push_back(std::move(result));
      return;
    }
    transfer->attached = true;
    if (transfer->job.attempts == 0) {
      m_jobs[job.index].first_sent = now;
    }
    ++transfer->job.attempts;
    m_jobs[job.index].attempts = transfer->job.attempts;
    m_limiter.start(transfer->job.host, now);
    m_running.push_back(std::move(transfer));
  }

  // Records every transfer libcurl has finished.
  void collect_finished() {
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(m_multi.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) {
        continue;
      }
      const auto found = std::find_if(m_running.begin(), m_running.end(), [&](const auto& t) {
        return t->easy.get() == message->easy_handle;
      });
      if (found == m_running.end()) {
        continue;
      }
      const CURLcode code = message->data.result;  // read before the handle goes away
      std::unique_ptr<Transfer> transfer = std::move(*found);
      m_running.erase(found);
      finish(*transfer, code);
    }
  }

  // A finished attempt: a result to hand over, or a job to send again later.
  void finish(Transfer& transfer, CURLcode code) {
    m_limiter.finish(transfer.job.host);
    const std::size_t index = transfer.job.index;
    FetchResult result = blank_result(index);
    record_attempt(transfer, code, m_requests[index], m_options, result);
    if (!m_policy.may_retry(transfer.job.attempts, result.outcome, result.status)) {
      m_done.push_back(std::move(result));
      return;
    }
    std::optional<std::chrono::seconds> retry_after;
    if (!transfer.retry_after.empty()) {
      retry_after = parse_retry_after(transfer.retry_after, std::time(nullptr));
    }
    const double jitter = std::uniform_real_distribution<double>(0.5, 1.5)(m_random);
    m_jobs[index].not_before =
        Clock::now() + m_policy.delay(transfer.job.attempts, jitter, retry_after);
    m_waiting.push(index, transfer.job.host, m_jobs[index].not_before);
  }

  void fail_all(const std::string& reason) {
    std::vector<std::size_t> failed = m_waiting.take_all();
    for (const auto& transfer : m_running) {
      failed.push_back(transfer->job.index);
    }
    m_running.clear();
    std::sort(failed.begin(), failed.end());
    for (std::size_t index : failed) {
      FetchResult result = blank_result(index);
      result.outcome = FetchOutcome::network_error;
      result.error = reason;
      result.attempts = m_jobs[index].attempts;
      m_done.push_back(std::move(result));
    }
  }

  const FetcherOptions& m_options;
  std::mt19937_64& m_random;
  const std::vector<FetchRequest>& m_requests;
  const Fetcher::ResultHandler& m_on_result;
  const FetchDeadlines& m_deadlines;
  FetchWakeup* m_wakeup;  // null: nobody wakes the batch
  // The earliest deadline of a request still waiting or in flight, besides m_deadlines.all;
  // min() until abandon_overdue first looks.
  Clock::time_point m_next_deadline = Clock::time_point::min();
  HostLimiter m_limiter;
  RetryPolicy m_policy;
  std::size_t m_concurrency;
  std::vector<Job> m_jobs;      // one per request: its host and attempts so far
  StartQueue m_waiting;         // jobs to send, first or again
  std::deque<FetchResult> m_done;  // final results not yet handed over
  CurlMultiPtr m_multi;  // outlives the transfers below, which leave it when destroyed
  std::vector<std::unique_ptr<Transfer>> m_running;
};

}  // namespace

Fetcher::Fetcher(FetcherOptions options)
    : m_options(std::move(options)),
      m_random(m_options.jitter_seed != 0 ? m_options.jitter_seed : std::random_device{}()) {}

std::vector<FetchResult> Fetcher::fetch_all(const std::vector<FetchRequest>& requests,
                                            const FetchDeadlines& deadlines) {
  std::vector<FetchResult> results(requests.size());
  fetch_each(
      requests,
      [&results](FetchResult&& result) {
        const std::size_t index = result.index;
        results[index] = std::move(result);
      },
      deadlines);
  return results;
}

void Fetcher::fetch_each(const std::vector<FetchRequest>& requests,
                         const ResultHandler& on_result, const FetchDeadlines& deadlines,
                         FetchWakeup* wakeup) {
  Batch(m_options, m_random, requests, on_result, deadlines, wakeup).run();
}

void FetchWakeup::wake() {
  std::lock_guard lock(m_mutex);
  m_pending = true;
  if (m_multi != nullptr) {
    curl_multi_wakeup(static_cast<CURLM*>(m_multi));  // thread-safe (libcurl 7.68)
  }
}

void FetchWakeup::attach(void* multi) {
  std::lock_guard lock(m_mutex);
  m_multi = multi;
}

void FetchWakeup::answer() {
  {
    std::lock_guard lock(m_mutex);
    if (!m_pending) {
      return;
    }
    m_pending = false;
  }
  m_on_wake();
}

const char* describe(FetchOutcome outcome) {
  switch (outcome) {
    case FetchOutcome::ok:
      return "ok";
    case FetchOutcome::not_modified:
      return "not modified";
    case FetchOutcome::http_error:
      return "HTTP error";
    case FetchOutcome::network_error:
      return "network error";
    case FetchOutcome::timeout:
      return "timeout";
    case FetchOutcome::too_large:
      return "too large";
    case FetchOutcome::bad_url:
      return "bad URL";
    case FetchOutcome::abandoned:
      return "abandoned";
  }
  return "unknown";
}

}  // namespace tracker::net
