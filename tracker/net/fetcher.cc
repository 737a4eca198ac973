#include "tracker/net/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <ctime>
#include <list>
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

// One request of one job waiting to be sent, possibly again.
struct Job {
  std::size_t index = 0;
  std::string host;
  int attempts = 0;  // sent so far
  Clock::time_point not_before = Clock::time_point::min();
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
  std::string body;
  std::string status_line;  // of the last response, after redirects
  std::string etag;
  std::string last_modified;
  std::string retry_after;
  std::string error_buffer = std::string(CURL_ERROR_SIZE, '\0');
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;  // already decompressed
  if (transfer->body.size() + bytes > transfer->max_body_bytes) {
    transfer->over_limit = true;
    return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
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
  }
  return line.size();
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
  if (options.allow_file) {
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "file,http,https");  // redirects stay http(s)
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

  if (transfer.over_limit || code == CURLE_FILESIZE_EXCEEDED) {
    result.outcome = FetchOutcome::too_large;
    result.error =
        "body is larger than the limit of " + std::to_string(options.max_body_bytes) + " bytes";
  } else if (code != CURLE_OK) {
    result.outcome = outcome_of(code);
    result.error = transfer.error_buffer.c_str();
    if (result.error.empty()) {
      result.error = curl_easy_strerror(code);
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

// The state of one fetch_all call.
class Batch {
 public:
  Batch(const FetcherOptions& options, std::mt19937_64& random,
        const std::vector<FetchRequest>& requests)
      : m_options(options),
        m_random(random),
        m_requests(requests),
        m_limiter(options.per_host, options.host_delay),
        m_policy(options),
        m_concurrency(std::max<std::size_t>(1, options.concurrency)) {}

  std::vector<FetchResult> run() {
    m_results.resize(m_requests.size());
    for (std::size_t i = 0; i < m_requests.size(); ++i) {
      m_results[i].index = i;
      m_results[i].url = m_requests[i].url;
      auto host = fetchable_host(m_requests[i].url, m_options.allow_file);
      if (host) {
        m_waiting.push_back(Job{i, std::move(*host)});
      } else {
        m_results[i].outcome = FetchOutcome::bad_url;
        m_results[i].error = std::move(host.error());
      }
    }
    if (m_waiting.empty()) {
      return std::move(m_results);
    }
    ensure_curl_initialized();
    m_multi.reset(curl_multi_init());
    if (!m_multi) {
      fail_all("libcurl could not start");
      return std::move(m_results);
    }
    while (!m_waiting.empty() || !m_running.empty()) {
      const std::optional<Clock::time_point> wake = start_ready(Clock::now());
      int still_running = 0;
      if (const CURLMcode code = curl_multi_perform(m_multi.get(), &still_running);
          code != CURLM_OK) {
        fail_all(std::string("libcurl failed: ") + curl_multi_strerror(code));
        break;
      }
      if (collect_finished()) {
        continue;  // a finish may let waiting jobs start right away
      }
      long timeout_ms = 1000;
      if (wake) {
        const auto until = std::chrono::ceil<std::chrono::milliseconds>(*wake - Clock::now());
        timeout_ms = std::clamp<long>(static_cast<long>(until.count()), 0, timeout_ms);
      }
      // Waits for socket activity, libcurl's own timers, or the next job's time to start.
      curl_multi_poll(m_multi.get(), nullptr, 0, static_cast<int>(timeout_ms), nullptr);
    }
    return std::move(m_results);
  }

 private:
  // Starts, in request order, every waiting job the limits allow at `now`. Returns the
  // earliest time a job that waits for the clock may start.
  std::optional<Clock::time_point> start_ready(Clock::time_point now) {
    std::optional<Clock::time_point> wake;
    const auto wake_at = [&wake](Clock::time_point when) {
      wake = wake ? std::min(*wake, when) : when;
    };
    for (auto job = m_waiting.begin();
         job != m_waiting.end() && m_running.size() < m_concurrency;) {
      const std::optional<Clock::time_point> host_free = m_limiter.next_start(job->host);
      if (job->not_before > now) {
        wake_at(job->not_before);
        ++job;
      } else if (!host_free) {
        ++job;  // the host has its maximum running; a finish frees it
      } else if (*host_free > now) {
        wake_at(*host_free);
        ++job;
      } else {
        start(std::move(*job), now);
        job = m_waiting.erase(job);
      }
    }
    return wake;
  }

  void start(Job job, Clock::time_point now) {
    const std::size_t index = job.index;
    auto transfer = std::make_unique<Transfer>(m_multi.get(), std::move(job));
    if (!configure(*transfer, m_requests[index], m_options) ||
        curl_multi_add_handle(m_multi.get(), transfer->easy.get()) != CURLM_OK) {
      m_results[index].outcome = FetchOutcome::network_error;
      m_results[index].error = "libcurl could not start a transfer";
      return;
    }
    transfer->attached = true;
    ++transfer->job.attempts;
    m_limiter.start(transfer->job.host, now);
    m_running.push_back(std::move(transfer));
  }

  // Records every transfer libcurl has finished; false if there was none.
  bool collect_finished() {
    bool any = false;
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
      any = true;
    }
    return any;
  }

  void finish(Transfer& transfer, CURLcode code) {
    m_limiter.finish(transfer.job.host);
    FetchResult& result = m_results[transfer.job.index];
    record_attempt(transfer, code, m_requests[transfer.job.index], m_options, result);
    if (!m_policy.may_retry(transfer.job.attempts, result.outcome, result.status)) {
      return;
    }
    std::optional<std::chrono::seconds> retry_after;
    if (!transfer.retry_after.empty()) {
      retry_after = parse_retry_after(transfer.retry_after, std::time(nullptr));
    }
    const double jitter = std::uniform_real_distribution<double>(0.5, 1.5)(m_random);
    Job again = transfer.job;
    again.not_before = Clock::now() + m_policy.delay(again.attempts, jitter, retry_after);
    m_waiting.push_back(std::move(again));
  }

  void fail_all(const std::string& reason) {
    for (const Job& job : m_waiting) {
      m_results[job.index].outcome = FetchOutcome::network_error;
      m_results[job.index].error = reason;
    }
    for (const auto& transfer : m_running) {
      m_results[transfer->job.index].outcome = FetchOutcome::network_error;
      m_results[transfer->job.index].error = reason;
    }
    m_waiting.clear();
    m_running.clear();
  }

  const FetcherOptions& m_options;
  std::mt19937_64& m_random;
  const std::vector<FetchRequest>& m_requests;
  HostLimiter m_limiter;
  RetryPolicy m_policy;
  std::size_t m_concurrency;
  std::vector<FetchResult> m_results;
  std::list<Job> m_waiting;
  CurlMultiPtr m_multi;  // outlives the transfers below, which leave it when destroyed
  std::vector<std::unique_ptr<Transfer>> m_running;
};

}  // namespace

Fetcher::Fetcher(FetcherOptions options)
    : m_options(std::move(options)),
      m_random(m_options.jitter_seed != 0 ? m_options.jitter_seed : std::random_device{}()) {}

std::vector<FetchResult> Fetcher::fetch_all(const std::vector<FetchRequest>& requests) {
  return Batch(m_options, m_random, requests).run();
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
  }
  return "unknown";
}

}  // namespace tracker::net
