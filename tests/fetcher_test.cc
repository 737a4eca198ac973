#include "tracker/net/fetcher.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/http_server.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "tracker/net/host_limiter.h"
#include "tracker/net/retry_policy.h"
#include "tracker/net/url_policy.h"

using namespace tracker::net;
using namespace std::chrono_literals;
using tracker::test::TestHttpServer;

namespace {

// tests/servers/http_server.py bound to another loopback address than TestHttpServer's, so
// that a test can have two hosts.
class LoopbackServer {
 public:
  explicit LoopbackServer(std::string host)
      : m_host(std::move(host)),
        m_process({"/usr/bin/python3",
                   (tracker::test::source_dir() / "tests/servers/http_server.py").string(),
                   "--host", m_host, "--port-file", (m_dir / "port").string()}) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!std::filesystem::exists(m_dir / "port")) {
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("the test HTTP server did not start on " + m_host);
      }
      std::this_thread::sleep_for(10ms);
    }
    m_port = std::stoi(tracker::test::read_file(m_dir / "port"));
  }

  std::string url(const std::string& path) const {
    return "http://" + m_host + ":" + std::to_string(m_port) + path;
  }

 private:
  std::string m_host;
  tracker::test::TempDir m_dir;
  tracker::test::BackgroundProcess m_process;
  int m_port = 0;
};

bool can_bind(const char* address) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    return false;
  }
  sockaddr_in where{};
  where.sin_family = AF_INET;
  ::inet_pton(AF_INET, address, &where.sin_addr);
  const bool bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&where), sizeof where) == 0;
  ::close(fd);
  return bound;
}

// Options for tests: fast retries, repeatable jitter, no politeness delay unless asked.
FetcherOptions test_options() {
  FetcherOptions options;
  options.host_delay = 0ms;
  options.backoff_base = 10ms;
  options.jitter_seed = 42;
  return options;
}

FetchResult fetch_one(const std::string& url, FetcherOptions options = test_options(),
                      FetchRequest request = {}) {
  request.url = url;
  auto results = Fetcher(std::move(options)).fetch_all({request});
  REQUIRE(results.size() == 1);
  return results[0];
}

struct Interval {
  double start = 0;
  double end = 0;
};

Interval interval_of(const FetchResult& result) {
  Interval interval;
  REQUIRE(result.outcome == FetchOutcome::ok);
  const auto space = result.body.find(' ');
  REQUIRE(space != std::string::npos);
  interval.start = std::stod(result.body.substr(0, space));
  interval.end = std::stod(result.body.substr(space + 1));
  return interval;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("a batch gives one result per request, in request order") {
  TestHttpServer server;
  const std::vector<FetchRequest> requests = {
      {server.url("/article"), "", ""},
      {server.url("/status/404"), "", ""},
      {"not a url", "", ""},
      {server.url("/gzip"), "", ""},
  };
  const auto results = Fetcher(test_options()).fetch_all(requests);
  REQUIRE(results.size() == 4);
  for (std::size_t i = 0; i < results.size(); ++i) {
    CHECK(results[i].index == i);
    CHECK(results[i].url == requests[i].url);
  }
  CHECK(results[0].outcome == FetchOutcome::ok);
  CHECK(results[1].outcome == FetchOutcome::http_error);
  CHECK(results[2].outcome == FetchOutcome::bad_url);
  CHECK(results[3].outcome == FetchOutcome::ok);
}

TEST_CASE("a handler slower than the network holds back new transfers: bodies do not pile up") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.concurrency = 4;
  options.per_host = 4;
  options.host_delay = 0ms;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 30; ++i) {
    requests.push_back({server.url("/counted/pile?n=" + std::to_string(i)), "", ""});
  }
  std::size_t handled = 0;
  std::size_t most_ahead = 0;  // requests the server has had beyond those handled
  Fetcher(options).fetch_each(requests, [&](FetchResult&& result) {
    CHECK(result.outcome == FetchOutcome::ok);
    auto hits = http_get(server.url("/hits/counted/pile"), {});
    REQUIRE(hits);
    const std::size_t started = std::stoul(hits->body);
    most_ahead = std::max(most_ahead, started - handled);
    ++handled;
    std::this_thread::sleep_for(20ms);  // reading the page takes longer than fetching it
  });
  CHECK(handled == 30);
  // This result, and at most `concurrency` others running or waiting to be handed over.
  CHECK(most_ahead <= 1 + options.concurrency);
}

TEST_CASE("an empty batch fetches nothing") {
  CHECK(Fetcher(test_options()).fetch_all({}).empty());
}

TEST_CASE("a page arrives with its status, content type, final URL and one attempt") {
  TestHttpServer server;
  const FetchResult result = fetch_one(server.url("/redirect"));
  CHECK(result.outcome == FetchOutcome::ok);
  CHECK(result.status == 200);
  CHECK(result.content_type == "text/html; charset=utf-8");
  CHECK(result.effective_url == server.url("/article"));
  CHECK(result.body.find("Kursk") != std::string::npos);
  CHECK(result.error.empty());
  CHECK(result.attempts == 1);
}

TEST_CASE("gzip and deflate bodies arrive decoded") {
  TestHttpServer server;
  for (const char* path : {"/gzip", "/deflate"}) {
    CAPTURE(path);
    const FetchResult result = fetch_one(server.url(path));
    REQUIRE(result.outcome == FetchOutcome::ok);
    CHECK(result.body.starts_with("<!DOCTYPE html>"));
  }
}

TEST_CASE("the response's ETag and Last-Modified are returned for the store") {
  TestHttpServer server;
  const FetchResult result = fetch_one(server.url("/conditional"));
  REQUIRE(result.outcome == FetchOutcome::ok);
  CHECK(result.etag == "\"v1\"");
  CHECK(result.last_modified == "Sat, 01 Feb 2025 10:00:00 GMT");
  CHECK_FALSE(result.body.empty());
}

TEST_CASE("conditional GET sends the stored ETag and a 304 is not modified with no body") {
  TestHttpServer server;
  const FetchResult result =
      fetch_one(server.url("/conditional"), test_options(), {"", "\"v1\"", ""});
  CHECK(result.outcome == FetchOutcome::not_modified);
  CHECK(result.status == 304);
  CHECK(result.body.empty());
  CHECK(result.error.empty());
  CHECK(result.etag == "\"v1\"");
  CHECK(result.attempts == 1);
}

TEST_CASE("conditional GET sends the stored Last-Modified") {
  TestHttpServer server;
  const FetchResult result = fetch_one(server.url("/conditional"), test_options(),
                                       {"", "", "Sat, 01 Feb 2025 10:00:00 GMT"});
  CHECK(result.outcome == FetchOutcome::not_modified);
  CHECK(result.body.empty());
}

TEST_CASE("a stale ETag gets the new page") {
  TestHttpServer server;
  const FetchResult result =
      fetch_one(server.url("/conditional"), test_options(), {"", "\"v0\"", ""});
  CHECK(result.outcome == FetchOutcome::ok);
  CHECK(result.etag == "\"v1\"");
  CHECK_FALSE(result.body.empty());
}

TEST_CASE("a stored validator with a line break is not sent") {
  TestHttpServer server;
  const FetchResult result =
      fetch_one(server.url("/conditional"), test_options(), {"", "\"v1\"\r\nX-Injected: yes", ""});
  CHECK(result.outcome == FetchOutcome::ok);  // sent unconditionally
}

TEST_CASE("a 429 with Retry-After is retried no sooner than the server asked") {
  TestHttpServer server;
  const auto start = std::chrono::steady_clock::now();
  const FetchResult result = fetch_one(server.url("/retry-after/a"));
  CHECK(seconds_since(start) >= 1.0);
  CHECK(result.outcome == FetchOutcome::ok);
  CHECK(result.status == 200);
  CHECK(result.attempts == 2);
}

TEST_CASE("a Retry-After longer than the cap waits only the cap") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.max_retry_after = 100ms;
  const FetchResult result = fetch_one(server.url("/retry-after/b?seconds=3600"), options);
  CHECK(result.outcome == FetchOutcome::ok);
  CHECK(result.attempts == 2);
}

TEST_CASE("a 503 twice and then a page takes three attempts") {
  TestHttpServer server;
  const FetchResult result = fetch_one(server.url("/flaky/a?failures=2"));
  CHECK(result.outcome == FetchOutcome::ok);
  CHECK(result.attempts == 3);
  CHECK(result.body.find("Kursk") != std::string::npos);
}

TEST_CASE("retries stop after max_retries and the last HTTP error is kept") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.max_retries = 1;
  const FetchResult result = fetch_one(server.url("/flaky/b?failures=2"), options);
  CHECK(result.outcome == FetchOutcome::http_error);
  CHECK(result.status == 503);
  CHECK(result.attempts == 2);
  CHECK(result.body.empty());
  CHECK(result.error.find("503") != std::string::npos);
}

TEST_CASE("retries back off exponentially from the base") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.backoff_base = 200ms;  // waits of at least 100 ms and 200 ms (jitter >= 0.5)
  const auto start = std::chrono::steady_clock::now();
  const FetchResult result = fetch_one(server.url("/flaky/c?failures=2"), options);
  CHECK(seconds_since(start) >= 0.3);
  CHECK(result.attempts == 3);
}

TEST_CASE("a client error is not retried") {
  TestHttpServer server;
  const FetchResult result = fetch_one(server.url("/status/404"));
  CHECK(result.outcome == FetchOutcome::http_error);
  CHECK(result.status == 404);
  CHECK(result.attempts == 1);
  CHECK(result.error.find("404") != std::string::npos);
}

TEST_CASE("a slow server times out, and the timeout is retried") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.total_timeout = 300ms;
  options.max_retries = 1;
  const FetchResult result = fetch_one(server.url("/slow"), options);
  CHECK(result.outcome == FetchOutcome::timeout);
  CHECK(result.attempts == 2);
  CHECK_FALSE(result.error.empty());
}

TEST_CASE("a body over the limit is too large, while downloading and after decompression") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.max_body_bytes = 1 << 20;
  for (const char* path : {"/huge", "/gzip-bomb"}) {
    CAPTURE(path);
    const FetchResult result = fetch_one(server.url(path), options);
    CHECK(result.outcome == FetchOutcome::too_large);
    CHECK(result.body.empty());
    CHECK(result.attempts == 1);
    CHECK(result.error.find("1048576") != std::string::npos);
  }
}

TEST_CASE("a declared Content-Length over the limit is too large before the body") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.max_body_bytes = 1000;
  const FetchResult result = fetch_one(server.url("/article"), options);
  CHECK(result.outcome == FetchOutcome::too_large);
}

TEST_CASE("a redirect loop stops at the redirect limit") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.max_redirects = 3;
  const FetchResult result = fetch_one(server.url("/loop"), options);
  CHECK(result.outcome == FetchOutcome::http_error);
  CHECK(result.attempts == 1);
  CHECK(result.effective_url == server.url("/loop3"));
}

TEST_CASE("a refused connection is a network error and is not retried") {
  TestHttpServer server;
  const FetchResult result = fetch_one("http://127.0.0.1:1/");
  CHECK(result.outcome == FetchOutcome::network_error);
  CHECK(result.attempts == 1);
  CHECK_FALSE(result.error.empty());
}

TEST_CASE("a truncated body is a network error") {
  TestHttpServer server;
  const FetchResult result = fetch_one(server.url("/truncated"));
  CHECK(result.outcome == FetchOutcome::network_error);
  CHECK(result.body.empty());
}

TEST_CASE("URLs that are not http or https are refused before anything is sent") {
  for (const char* url : {"ftp://127.0.0.1/x", "gopher://127.0.0.1/", "not a url", "", "http://"}) {
    CAPTURE(url);
    const FetchResult result = fetch_one(url);
    CHECK(result.outcome == FetchOutcome::bad_url);
    CHECK(result.attempts == 0);
    CHECK_FALSE(result.error.empty());
  }
}

TEST_CASE("file URLs are refused unless allowed") {
  tracker::test::TempDir dir;
  tracker::test::write_file(dir / "page.html", "<p>local page</p>");
  const std::string url = "file://" + (dir / "page.html").string();

  const FetchResult refused = fetch_one(url);
  CHECK(refused.outcome == FetchOutcome::bad_url);
  CHECK(refused.attempts == 0);
  CHECK(refused.error.find("file:") != std::string::npos);

  FetcherOptions options = test_options();
  options.allow_file = true;
  const FetchResult allowed = fetch_one(url, options);
  CHECK(allowed.outcome == FetchOutcome::ok);
  CHECK(allowed.body == "<p>local page</p>");
}

TEST_CASE("a redirect to a file URL is refused even when file URLs are allowed") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.allow_file = true;
  const FetchResult result = fetch_one(server.url("/redirect-to-file"), options);
  CHECK(result.outcome != FetchOutcome::ok);
  CHECK(result.body.find("root:") == std::string::npos);
}

TEST_CASE("the fetcher sends the configured User-Agent") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.user_agent = "tracker-fetcher-test/3";
  const FetchResult result = fetch_one(server.url("/user-agent"), options);
  REQUIRE(result.outcome == FetchOutcome::ok);
  CHECK(result.body.find("tracker-fetcher-test/3") != std::string::npos);
}

TEST_CASE("an empty User-Agent falls back to tracker's own") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.user_agent.clear();
  const FetchResult result = fetch_one(server.url("/user-agent"), options);
  REQUIRE(result.outcome == FetchOutcome::ok);
  CHECK(result.body.find(FetchOptions{}.user_agent) != std::string::npos);
}

TEST_CASE("the proxy comes from the http_proxy environment variable") {
  TestHttpServer server;
  // Sets the variable for this test only; libcurl reads it when a transfer starts.
  struct ProxyVariable {
    explicit ProxyVariable(const std::string& value) { ::setenv("http_proxy", value.c_str(), 1); }
    ~ProxyVariable() { ::unsetenv("http_proxy"); }
    ProxyVariable(const ProxyVariable&) = delete;
    ProxyVariable& operator=(const ProxyVariable&) = delete;
  } proxy(server.url(""));
  const FetchResult result = fetch_one("http://news.invalid/page");
  REQUIRE(result.outcome == FetchOutcome::ok);
  CHECK(result.body == "via proxy: http://news.invalid/page");
}

TEST_CASE("16 requests to one host never have more than 2 in flight") {
  TestHttpServer server;
  FetcherOptions options = test_options();  // per_host 2 by default
  options.host_delay = 20ms;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 16; ++i) {
    requests.push_back({server.url("/slowish?id=" + std::to_string(i)), "", ""});
  }
  const auto start = std::chrono::steady_clock::now();
  const auto results = Fetcher(options).fetch_all(requests);
  CHECK(seconds_since(start) >= 15 * 0.020);  // starts spaced by the host delay
  for (const FetchResult& result : results) {
    CHECK(result.outcome == FetchOutcome::ok);
  }
  const FetchResult most = fetch_one(server.url("/max-inflight"));
  CHECK(std::stoi(most.body) <= 2);
  CHECK(std::stoi(most.body) >= 1);
}

TEST_CASE("the overall concurrency limit holds when the host limit would allow more") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.concurrency = 3;
  options.per_host = 16;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 9; ++i) {
    requests.push_back({server.url("/slowish?ms=200&id=" + std::to_string(i)), "", ""});
  }
  for (const FetchResult& result : Fetcher(options).fetch_all(requests)) {
    CHECK(result.outcome == FetchOutcome::ok);
  }
  const FetchResult most = fetch_one(server.url("/max-inflight"));
  CHECK(std::stoi(most.body) <= 3);
}

TEST_CASE("requests to two hosts proceed in parallel") {
  if (!can_bind("127.0.0.2")) {
    MESSAGE("skipped: 127.0.0.2 cannot be bound on this machine");
    return;
  }
  LoopbackServer first("127.0.0.1");
  LoopbackServer second("127.0.0.2");
  FetcherOptions options = test_options();
  options.per_host = 1;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 3; ++i) {  // all of the first host's requests come first
    requests.push_back({first.url("/slowish?ms=500&id=" + std::to_string(i)), "", ""});
  }
  for (int i = 0; i < 3; ++i) {
    requests.push_back({second.url("/slowish?ms=500&id=" + std::to_string(i)), "", ""});
  }
  const auto results = Fetcher(options).fetch_all(requests);
  bool overlapped = false;
  for (std::size_t a = 0; a < 3; ++a) {
    for (std::size_t b = 3; b < 6; ++b) {
      const Interval x = interval_of(results[a]);
      const Interval y = interval_of(results[b]);
      overlapped = overlapped || (x.start < y.end && y.start < x.end);
    }
  }
  CHECK(overlapped);
  CHECK(std::stoi(fetch_one(first.url("/max-inflight")).body) == 1);
  CHECK(std::stoi(fetch_one(second.url("/max-inflight")).body) == 1);
}

TEST_CASE("a host at its limit waits for a finish, and its next start waits for the delay") {
  using Clock = HostLimiter::Clock;
  HostLimiter limiter(2, 250ms);
  const Clock::time_point t0 = Clock::now();
  CHECK(limiter.next_start("a.example") <= t0);
  limiter.start("a.example", t0);
  CHECK(limiter.next_start("a.example") == t0 + 250ms);
  CHECK(limiter.next_start("b.example") <= t0);  // other hosts are not held up
  limiter.start("a.example", t0 + 250ms);
  CHECK_FALSE(limiter.next_start("a.example").has_value());
  limiter.finish("a.example");
  CHECK(limiter.next_start("a.example") == t0 + 500ms);
}

TEST_CASE("the next request to start is of the host with the most requests waiting") {
  using Clock = HostLimiter::Clock;
  HostLimiter limiter(2, 0ms);
  StartQueue queue;
  queue.push(0, "a.example");
  queue.push(1, "a.example");
  queue.push(2, "b.example");
  queue.push(3, "b.example");
  queue.push(4, "b.example");
  queue.push(5, "c.example");
  const Clock::time_point t0 = Clock::now();
  std::vector<std::size_t> order;
  while (auto pick = queue.pop_ready(limiter, t0)) {
    order.push_back(pick->index);
    limiter.start(pick->host, t0);
  }
  // b (3 waiting) first; a and b tie at 2 and the earlier request goes; b (2 waiting) again,
  // which puts it at its limit of 2 running; a, b and c tie at 1: a, then c.
  CHECK(order == std::vector<std::size_t>{2, 0, 3, 1, 5});
  CHECK(queue.size() == 1);
  limiter.finish("b.example");
  const auto last = queue.pop_ready(limiter, t0);
  REQUIRE(last.has_value());
  CHECK(last->index == 4);
  CHECK(last->host == "b.example");
  CHECK(queue.empty());
}

TEST_CASE("a busy host waiting for its delay does not hold up the others") {
  using Clock = HostLimiter::Clock;
  HostLimiter limiter(2, 250ms);
  StartQueue queue;
  for (std::size_t i = 0; i < 5; ++i) {
    queue.push(i, "busy.example");
  }
  queue.push(5, "quiet.example");
  const Clock::time_point t0 = Clock::now();
  auto first = queue.pop_ready(limiter, t0);
  REQUIRE(first.has_value());
  CHECK(first->index == 0);
  limiter.start(first->host, t0);
  auto second = queue.pop_ready(limiter, t0);  // busy waits 250 ms: quiet goes
  REQUIRE(second.has_value());
  CHECK(second->index == 5);
  limiter.start(second->host, t0);
  CHECK_FALSE(queue.pop_ready(limiter, t0).has_value());
  CHECK(queue.next_wake(limiter, t0) == t0 + 250ms);
  const auto third = queue.pop_ready(limiter, t0 + 250ms);
  REQUIRE(third.has_value());
  CHECK(third->index == 1);
}

TEST_CASE("a request sent again waits for its backoff and keeps its place in request order") {
  using Clock = HostLimiter::Clock;
  HostLimiter limiter(4, 0ms);
  StartQueue queue;
  const Clock::time_point t0 = Clock::now();
  queue.push(3, "a.example");
  queue.push(1, "a.example", t0 + 100ms);  // a retry
  auto pick = queue.pop_ready(limiter, t0);
  REQUIRE(pick.has_value());
  CHECK(pick->index == 3);
  CHECK_FALSE(queue.pop_ready(limiter, t0).has_value());
  CHECK(queue.next_wake(limiter, t0) == t0 + 100ms);
  queue.push(2, "a.example");
  pick = queue.pop_ready(limiter, t0 + 100ms);
  REQUIRE(pick.has_value());
  CHECK(pick->index == 1);
  CHECK(queue.take_all() == std::vector<std::size_t>{2});
  CHECK(queue.empty());
}

TEST_CASE("busiest host first shortens the tail of a batch of many hosts") {
  // The main job in small, simulated on the start rule alone: 20 hosts of 20 requests each in
  // request order, 6 transfers at once of 100 ms each, 250 ms between starts to one host
  // (bench/main_job/schedule_sim.py --hosts 20 --concurrency 6: 10.86 s against 6.71 s).
  using Clock = HostLimiter::Clock;
  const auto makespan = [](bool busiest_first) {
    HostLimiter limiter(2, 250ms);
    StartQueue queue;
    std::vector<std::string> in_order;  // the old rule: the first that may start
    for (int host = 0; host < 20; ++host) {
      for (int i = 0; i < 20; ++i) {
        const std::string name = "h" + std::to_string(host);
        queue.push(in_order.size(), name);
        in_order.push_back(name);
      }
    }
    const Clock::time_point t0{};
    Clock::time_point now = t0;
    std::vector<std::pair<Clock::time_point, std::string>> running;
    while ((busiest_first ? !queue.empty() : !in_order.empty()) || !running.empty()) {
      std::erase_if(running, [&](const auto& transfer) {
        if (transfer.first <= now) {
          limiter.finish(transfer.second);
          return true;
        }
        return false;
      });
      while (running.size() < 6) {
        std::optional<std::string> host;
        if (busiest_first) {
          if (auto pick = queue.pop_ready(limiter, now)) {
            host = pick->host;
          }
        } else {
          const auto ready = std::find_if(in_order.begin(), in_order.end(), [&](const auto& h) {
            const auto free = limiter.next_start(h);
            return free && *free <= now;
          });
          if (ready != in_order.end()) {
            host = *ready;
            in_order.erase(ready);
          }
        }
        if (!host) {
          break;
        }
        limiter.start(*host, now);
        running.emplace_back(now + 100ms, *host);
      }
      now += 10ms;
    }
    return now - t0;
  };
  const auto in_request_order = makespan(false);
  const auto busiest = makespan(true);
  MESSAGE("request order " << in_request_order.count() / 1'000'000 << " ms, busiest first "
                           << busiest.count() / 1'000'000 << " ms");
  CHECK(busiest + 3s < in_request_order);
  CHECK(busiest <= 6900ms);  // 400 x 100 ms / 6 = 6.67 s, plus a little
}

TEST_CASE("fetch_each hands over each result once, as soon as it is final") {
  TestHttpServer server;
  const std::vector<FetchRequest> requests = {
      {server.url("/slowish?ms=400&id=0"), "", ""},
      {"not a url", "", ""},
      {server.url("/article"), "", ""},
  };
  std::vector<std::size_t> order;
  std::vector<FetchOutcome> outcomes;
  Fetcher(test_options()).fetch_each(requests, [&](FetchResult&& result) {
    order.push_back(result.index);
    outcomes.push_back(result.outcome);
    CHECK(result.url == requests[result.index].url);
  });
  CHECK(order == std::vector<std::size_t>{1, 2, 0});
  CHECK(outcomes == std::vector<FetchOutcome>{FetchOutcome::bad_url, FetchOutcome::ok,
                                              FetchOutcome::ok});
}

TEST_CASE("transfers keep going while the handler works on a result") {
  TestHttpServer server;
  FetcherOptions options = test_options();
  options.per_host = 8;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 6; ++i) {
    requests.push_back({server.url("/slowish?ms=300&id=" + std::to_string(i)), "", ""});
  }
  const auto start = std::chrono::steady_clock::now();
  std::size_t handled = 0;
  Fetcher(options).fetch_each(requests, [&](FetchResult&& result) {
    CHECK(result.outcome == FetchOutcome::ok);
    ++handled;
    std::this_thread::sleep_for(100ms);  // a page being processed
  });
  CHECK(handled == 6);
  // Six 300 ms transfers at once and six 100 ms handlers one after another: about 0.9 s,
  // not 6 x 0.4 s.
  CHECK(seconds_since(start) < 1.8);
}

TEST_CASE("file URLs have no host and no politeness limit") {
  using Clock = HostLimiter::Clock;
  HostLimiter limiter(1, 1000ms);
  const Clock::time_point t0 = Clock::now();
  limiter.start("", t0);
  limiter.start("", t0);
  CHECK(limiter.next_start("") <= t0);
}

TEST_CASE("only timeouts, 429 and 5xx are transient") {
  CHECK(RetryPolicy::is_transient(FetchOutcome::timeout, 0));
  CHECK(RetryPolicy::is_transient(FetchOutcome::http_error, 429));
  CHECK(RetryPolicy::is_transient(FetchOutcome::http_error, 500));
  CHECK(RetryPolicy::is_transient(FetchOutcome::http_error, 503));
  CHECK_FALSE(RetryPolicy::is_transient(FetchOutcome::http_error, 404));
  CHECK_FALSE(RetryPolicy::is_transient(FetchOutcome::http_error, 302));
  CHECK_FALSE(RetryPolicy::is_transient(FetchOutcome::network_error, 0));
  CHECK_FALSE(RetryPolicy::is_transient(FetchOutcome::too_large, 200));
  CHECK_FALSE(RetryPolicy::is_transient(FetchOutcome::not_modified, 304));
}

TEST_CASE("the backoff doubles per attempt and scales with the jitter") {
  FetcherOptions options;
  options.backoff_base = 500ms;
  options.max_retry_after = 60s;
  const RetryPolicy policy(options);
  CHECK(policy.delay(1, 1.0, std::nullopt) == 500ms);
  CHECK(policy.delay(2, 1.0, std::nullopt) == 1000ms);
  CHECK(policy.delay(3, 1.0, std::nullopt) == 2000ms);
  CHECK(policy.delay(2, 0.5, std::nullopt) == 500ms);
  CHECK(policy.delay(2, 1.25, std::nullopt) == 1250ms);
  CHECK(policy.delay(1, 1.0, std::chrono::seconds(7)) == 7s);
  CHECK(policy.delay(1, 1.0, std::chrono::seconds(3600)) == 60s);
  CHECK(policy.may_retry(2, FetchOutcome::timeout, 0));
  CHECK_FALSE(policy.may_retry(3, FetchOutcome::timeout, 0));  // max_retries is 2
}

TEST_CASE("Retry-After is read in seconds and as an HTTP date") {
  const std::time_t now = 1738404000;  // Sat, 01 Feb 2025 10:00:00 GMT
  CHECK(parse_retry_after("120", now) == std::chrono::seconds(120));
  CHECK(parse_retry_after(" 0 ", now) == std::chrono::seconds(0));
  CHECK(parse_retry_after("Sat, 01 Feb 2025 10:00:30 GMT", now) == std::chrono::seconds(30));
  CHECK(parse_retry_after("Sat, 01 Feb 2025 09:00:00 GMT", now) == std::chrono::seconds(0));
  CHECK_FALSE(parse_retry_after("", now).has_value());
  CHECK_FALSE(parse_retry_after("soon", now).has_value());
  CHECK_FALSE(parse_retry_after("-5", now).has_value());
  CHECK(parse_retry_after("99999999999999999999999", now) > std::chrono::seconds(1'000'000));
}

TEST_CASE("per-host limits count the host name, lowercased and without the port") {
  CHECK(fetchable_host("http://News.Example.COM:8080/a?b", false) == "news.example.com");
  CHECK(fetchable_host("https://news.example.com/", false) == "news.example.com");
  CHECK(fetchable_host("file:///tmp/page.html", true) == "");
  CHECK_FALSE(fetchable_host("file:///tmp/page.html", false).has_value());
  CHECK_FALSE(fetchable_host("mailto:someone@example.com", false).has_value());
}
