#include "tracker/net/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <ctime>
#include <deque>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "tracker/net/curl_handle.h"
#include "tracker/net/host_limiter.h"
#include "tracker/net/retry_policy.h"
#include "tracker/net/url_policy.h"

namespace tracker::net {
namespace {

using Clock = std::chrono::steady_clock;

struct CurlMultiCleanup {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
using CurlMultiPtr = std::unique_ptr<CURLM, CurlMultiCleanup>;

struct CurlSlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlSlistPtr = std::unique_ptr<curl_slist, CurlSlistFree>;

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  });
  return text;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t\r\n") + 1 - first);
}

// A validator from the store goes into a request header only if it cannot break the header.
bool fits_in_header(std::string_view value) {
  return !value.empty() && std::none_of(value.begin(), value.end(),
                                        [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

// One request of the batch on its way: sent `attempts` times so far.
struct Job {
  std::size_t index = 0;
  std::string host;
  int attempts = 0;
  Clock::time_point not_before = Clock::time_point::min();  // a retry's backoff
  Clock::time_point first_sent{};
};

// One attempt in flight: the easy handle and everything libcurl points into. Leaves the
// multi handle before the easy handle is cleaned up.
struct Transfer {
  Transfer(CURLM* multi_handle, Job started) : multi(multi_handle), job(std::move(started)) {}
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer() {
    if (attached) {
      curl_multi_remove_handle(multi, easy.get());
    }
  }

  CURLM* multi;
  Job job;
  CurlEasyPtr easy;
  CurlSlistPtr request_headers;
  bool attached = false;
  std::size_t max_body_bytes = 0;
  bool over_limit = false;
  bool body_started = false;
  bool content_encoded = false;  // Content-Length then counts encoded bytes, not the body's
  std::string body;
  std::string status_line;  // of the last response, after redirects
  std::string etag;
  std::string last_modified;
  std::string retry_after;
  const AddressPolicy* address_policy = nullptr;  // the request's; null: any address
  std::string address_refusal;                   // why a connection was refused, if one was
  std::string error_buffer = std::string(CURL_ERROR_SIZE, '\0');
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;  // already decompressed
  if (transfer->body.size() + bytes > transfer->max_body_bytes) {
    transfer->over_limit = true;
    return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
  }
  if (!transfer->body_started) {
    // One allocation of the right size rather than a string grown by doubling, which would
    // leave most pages holding up to twice their size.
    transfer->body_started = true;
    curl_off_t length = -1;
    if (!transfer->content_encoded &&
        curl_easy_getinfo(transfer->easy.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) ==
            CURLE_OK &&
        length > 0) {
      transfer->body.reserve(
          std::min(static_cast<std::size_t>(length), transfer->max_body_bytes));
    }
  }
  transfer->body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {  // a new response (after a redirect or a 100 Continue)
    transfer->status_line = trim(line);
    transfer->etag.clear();
    transfer->last_modified.clear();
    transfer->retry_after.clear();
    transfer->content_encoded = false;
    return line.size();
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    return line.size();
  }
  const std::string name = lowercase(std::string(trim(line.substr(0, colon))));
  const std::string_view value = trim(line.substr(colon + 1));
  if (name == "etag") {
    transfer->etag = value;
  } else if (name == "last-modified") {
    transfer->last_modified = value;
  } else if (name == "retry-after") {
    transfer->retry_after = value;
  } else if (name == "content-encoding") {
    transfer->content_encoded = value != "identity";
  }
  return line.size();
}

// Called by libcurl before it opens each connection (redirects and retries included), with
// the address it resolved: the one place where a refused address is sure to be seen.
curl_socket_t open_socket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* transfer = static_cast<Transfer*>(user);
  if (purpose == CURLSOCKTYPE_IPCXN && transfer->address_policy != nullptr) {
    if (auto refused = transfer->address_policy->refusal(&address->addr, address->addrlen)) {
      transfer->address_refusal = std::move(*refused);
      return CURL_SOCKET_BAD;
    }
  }
  return socket(address->family, address->socktype, address->protocol);
}

// Called by libcurl once connected, before the request goes out: also for a connection
// reused from the pool, which open_socket never saw (another request may have opened it).
int check_connection(void* user, char* peer_ip, char* /*local_ip*/, int /*peer_port*/,
                     int /*local_port*/) {
  auto* transfer = static_cast<Transfer*>(user);
  if (transfer->address_policy != nullptr) {
    if (auto refused = transfer->address_policy->refusal(peer_ip != nullptr ? peer_ip : "")) {
      transfer->address_refusal = std::move(*refused);
      return CURL_PREREQFUNC_ABORT;
    }
  }
  return CURL_PREREQFUNC_OK;
}

// All curl options of one fetcher request; the shared ones come from make_easy_handle.
bool configure(Transfer& transfer, const FetchRequest& request, const FetcherOptions& options) {
  transfer.easy = make_easy_handle();
  if (!transfer.easy) {
    return false;
  }
  CURL* h = transfer.easy.get();
  transfer.max_body_bytes = options.max_body_bytes;
  const std::string& agent =
      options.user_agent.empty() ? FetchOptions{}.user_agent : options.user_agent;
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, transfer.error_buffer.data());
  curl_easy_setopt(h, CURLOPT_USERAGENT, agent.c_str());
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
  if (options.allow_file && !request.feed_link) {
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "file,http,https");  // redirects stay http(s)
  }
  transfer.address_policy = request.address_policy.get();
  if (transfer.address_policy != nullptr) {
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &transfer);
    curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, check_connection);
    curl_easy_setopt(h, CURLOPT_PREREQDATA, &transfer);
  }
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : {std::pair{"If-None-Match: ", &request.etag},
                                    std::pair{"If-Modified-Since: ", &request.last_modified}}) {
    if (fits_in_header(*value)) {
      curl_slist* longer = curl_slist_append(headers, (name + *value).c_str());
      if (longer == nullptr) {
        curl_slist_free_all(headers);
        return false;
      }
      headers = longer;
    }
  }
  transfer.request_headers.reset(headers);
  if (headers != nullptr) {
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  }
  return true;
}

FetchOutcome outcome_of(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return FetchOutcome::timeout;
    case CURLE_FILESIZE_EXCEEDED:
      return FetchOutcome::too_large;
    case CURLE_TOO_MANY_REDIRECTS:
      return FetchOutcome::http_error;
    case CURLE_UNSUPPORTED_PROTOCOL:  // a redirect to a scheme that is not allowed
    case CURLE_URL_MALFORMAT:
      return FetchOutcome::bad_url;
    default:
      return FetchOutcome::network_error;
  }
}

// The result of one finished attempt. `result` already holds the index and URL.
void record_attempt(Transfer& transfer, CURLcode code, const FetchRequest& request,
                    const FetcherOptions& options, FetchResult& result) {
  CURL* h = transfer.easy.get();
  result.status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
  result.effective_url.clear();
  if (char* effective = nullptr;
      curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK &&
      effective != nullptr) {
    result.effective_url = effective;
  }
  result.primary_ip.clear();
  if (char* ip = nullptr; curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip != nullptr) {
    result.primary_ip = ip;
  }
  result.content_type.clear();
  if (char* type = nullptr;
      curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr) {
    result.content_type = type;
  }
  result.etag = transfer.etag;
  result.last_modified = transfer.last_modified;
  result.body.clear();
  result.error.clear();
  result.attempts = transfer.job.attempts;

  // A refusal counts only if nothing else connected: with several addresses for one name,
  // libcurl goes on to the next after a refused one.
  if (code != CURLE_OK && !transfer.address_refusal.empty()) {
    result.outcome = FetchOutcome::bad_url;
    result.error = "refused to connect: " + transfer.address_refusal +
                   " (a link from a feed; allow it with allow_addresses)";
  } else if (transfer.over_limit || code == CURLE_FILESIZE_EXCEEDED) {
    result.outcome = FetchOutcome::too_large;
    result.error =
        "body is larger than the limit of " + std::to_string(options.max_body_bytes) + " bytes";
  } else if (code != CURLE_OK) {
    result.outcome = outcome_of(code);
    result.error = transfer.error_buffer.c_str();
    if (result.error.empty()) {
      result.error = curl_easy_strerror(code);
    }
    if (code == CURLE_OUT_OF_MEMORY) {
      result.error = k_header_too_large;
    }
  } else if (result.status == 304) {
    result.outcome = FetchOutcome::not_modified;
    if (result.etag.empty() && result.last_modified.empty()) {
      result.etag = request.etag;
      result.last_modified = request.last_modified;
    }
  } else if (result.status == 0 || (result.status >= 200 && result.status < 300)) {
    result.outcome = FetchOutcome::ok;  // status 0: a file: URL
    result.body = std::move(transfer.body);
  } else {
    result.outcome = FetchOutcome::http_error;
    result.error =
        "server answered " + (transfer.status_line.empty() ? "HTTP " + std::to_string(result.status)
                                                           : transfer.status_line);
  }
}

// The state of one fetch_each call.
class Batch {
 public:
  Batch(const FetcherOptions& options, std::mt19937_64& random,
        const std::vector<FetchRequest>& requests, const Fetcher::ResultHandler& on_result,
        const FetchDeadlines& deadlines)
      : m_options(options),
        m_random(random),
        m_requests(requests),
        m_on_result(on_result),
        m_deadlines(deadlines),
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
    while (!m_waiting.empty() || !m_running.empty() || !m_done.empty()) {
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
  void start_ready(Clock::time_point now) {
    while (m_running.size() < m_concurrency) {
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
                         const ResultHandler& on_result, const FetchDeadlines& deadlines) {
  Batch(m_options, m_random, requests, on_result, deadlines).run();
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
