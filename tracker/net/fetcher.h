#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "tracker/net/address_policy.h"
#include "tracker/net/http_get.h"

namespace tracker::net {

// One page to fetch, with the validators the store kept from the last fetch (empty if none).
struct FetchRequest {
  std::string url;
  std::string etag;
  std::string last_modified;
  // A link found in a feed rather than a URL the user wrote: never file:, and when
  // `address_policy` is set, no connection to an address it refuses (checked on every
  // connection, redirects included, after DNS: a rebinding name cannot slip through).
  bool feed_link = false;
  std::shared_ptr<const AddressPolicy> address_policy{};  // null: any address
};

enum class FetchOutcome {
  ok,             // 2xx (or a file: URL that was read); the body is in FetchResult::body
  not_modified,   // 304 to a conditional GET: nothing to parse, the body is empty
  http_error,     // the server answered, but not with a page: 4xx, 5xx, or a redirect loop
  network_error,  // DNS, refused or reset connection, TLS, truncated body
  timeout,        // connect or total timeout
  too_large,      // body over FetcherOptions::max_body_bytes, before or after decompression
  bad_url,        // unparseable, a scheme that is not allowed (also in a redirect), or an
                  // address the request's AddressPolicy refuses
  abandoned       // still waiting or in flight at its FetchDeadlines deadline: given up
};

// What became of one FetchRequest, after any retries.
struct FetchResult {
  std::size_t index = 0;  // position of the request in the vector given to fetch_all/each
  FetchOutcome outcome = FetchOutcome::bad_url;
  long status = 0;            // last HTTP status seen; 0 when there was none (no answer, file:)
  std::string url;            // as requested
  std::string effective_url;  // after redirects
  std::string content_type;
  // The address each request of the last attempt was sent to, the first and every redirect,
  // in order; empty for file:.
  std::vector<std::string> peer_addresses;
  // Validators to store for the next conditional GET: the response's, or on a 304 that does
  // not repeat them, the request's.
  std::string etag;
  std::string last_modified;
  std::string body;   // decoded; empty unless the outcome is ok
  std::string error;  // for people: curl's or the server's reason; empty when ok
  int attempts = 0;   // requests sent; 0 when the URL was refused before sending
  std::chrono::steady_clock::time_point first_sent{};  // the first attempt's start, if any
};

// Limits and politeness for one run. Per-request defaults are http_get's (FetchOptions).
struct FetcherOptions {
  std::size_t concurrency = 16;               // transfers running at once, over all hosts
  std::size_t per_host = 2;                   // transfers running at once to one host name
  std::chrono::milliseconds host_delay{250};  // between two starts to one host
  std::chrono::milliseconds connect_timeout = FetchOptions{}.connect_timeout;
  std::chrono::milliseconds total_timeout = FetchOptions{}.total_timeout;
  std::size_t max_body_bytes = FetchOptions{}.max_body_bytes;
  long max_redirects = FetchOptions{}.max_redirects;
  int max_retries = 2;  // after timeouts, 429 and 5xx; so at most 1 + max_retries attempts
  std::chrono::milliseconds backoff_base{500};         // doubled on each retry, times jitter
  std::chrono::milliseconds max_retry_after{60'000};   // cap on a server's Retry-After
  std::string user_agent = FetchOptions{}.user_agent;  // empty: FetchOptions' default
  bool allow_file = false;        // file: URLs, only when a watch file asks for them
  std::uint64_t jitter_seed = 0;  // 0: a random seed; anything else makes backoff repeatable
};

// When to give up on the requests of one batch. A request still waiting or in flight at its
// deadline is abandoned: it comes back at once with FetchOutcome::abandoned, and a transfer
// under way is cut off. Retries never outlive the deadline either.
struct FetchDeadlines {
  using Clock = std::chrono::steady_clock;
  // For every request. fetch_each's handler may move it earlier (to now: stop the batch).
  Clock::time_point all = Clock::time_point::max();
  std::vector<Clock::time_point> each;  // by request index; empty: only `all`
};

// Lets other threads give fetch_each's caller a turn while transfers run, without waiting for
// one to finish: `wake` (from any thread) makes fetch_each call `on_wake` on its own thread
// soon, at once if it is waiting for the network. The run's workers use it to have their
// pages stored as soon as they are done.
class FetchWakeup {
 public:
  explicit FetchWakeup(std::function<void()> on_wake) : m_on_wake(std::move(on_wake)) {}

  void wake();

  // For fetch_each: the batch's multi handle while it runs (null after), and the wakes since
  // the last call, answered.
  void attach(void* multi);
  void answer();

 private:
  std::function<void()> m_on_wake;
  std::mutex m_mutex;
  void* m_multi = nullptr;  // CURLM, not named here: only fetcher.cc includes libcurl
  bool m_pending = false;
};

// Fetches batches of URLs concurrently over one libcurl multi handle, politely per host.
class Fetcher {
 public:
  explicit Fetcher(FetcherOptions options);

  // Called with each request's result as soon as it is final (after any retries).
  using ResultHandler = std::function<void(FetchResult&& result)>;

  // Fetches every request and returns one result per request, in request order. Never
  // throws for a failed fetch: each failure is an outcome in its result.
  std::vector<FetchResult> fetch_all(const std::vector<FetchRequest>& requests,
                                     const FetchDeadlines& deadlines = {});

  // Fetches every request and hands each result to `on_result` once, in the order they
  // finish, so that the caller can process a page (and free it) while others download.
  // Transfers progress between two calls; `on_result` must not call back into the Fetcher.
  // An exception from `on_result` abandons the transfers still running and propagates.
  // `wakeup`, when given, is answered between transfers (FetchWakeup).
  void fetch_each(const std::vector<FetchRequest>& requests, const ResultHandler& on_result,
                  const FetchDeadlines& deadlines = {}, FetchWakeup* wakeup = nullptr);

 private:
  FetcherOptions m_options;
  std::mt19937_64 m_random;
};

// A word for logs and reports: "ok", "not modified", "HTTP error", ...
const char* describe(FetchOutcome outcome);

}  // namespace tracker::net
