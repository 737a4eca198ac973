#include "tracker/pipeline/worker_pool.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/demo_site.h"
#include "support/http_server.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "tracker/net/fetcher.h"

using tracker::pipeline::WorkerPool;
using tracker::test::ProcessResult;
using tracker::test::TempDir;
using namespace std::chrono_literals;

namespace {

// Takes every result still in flight.
template <typename Result>
std::vector<Result> take_all(WorkerPool<Result>& pool) {
  std::vector<Result> results;
  while (auto result = pool.take()) {
    results.push_back(*result);
  }
  return results;
}

}  // namespace

TEST_CASE("a worker pool hands every task's result back once, from workers of its own") {
  WorkerPool<std::pair<int, std::size_t>> pool(3);
  for (int i = 0; i < 50; ++i) {
    pool.submit([i](std::size_t worker) { return std::pair{i * i, worker}; });
  }
  const auto results = take_all(pool);
  REQUIRE(results.size() == 50);
  std::set<int> squares;
  for (const auto& [square, worker] : results) {
    squares.insert(square);
    CHECK(worker < 3);
  }
  CHECK(squares.size() == 50);
  CHECK(squares.count(49 * 49) == 1);
  CHECK(pool.in_flight() == 0);
  CHECK_FALSE(pool.take().has_value());  // nothing in flight: no wait
}

TEST_CASE("a worker pool counts what is in flight until it is taken, and try_take never waits") {
  WorkerPool<int> pool(1);
  std::atomic<bool> release = false;
  pool.submit([&](std::size_t) {
    while (!release.load()) {
      std::this_thread::sleep_for(1ms);
    }
    return 7;
  });
  CHECK(pool.in_flight() == 1);
  CHECK_FALSE(pool.try_take().has_value());  // still running
  release = true;
  CHECK(pool.take() == 7);
  CHECK(pool.in_flight() == 0);
}

TEST_CASE("a task's exception comes back at the take of its result, and the pool goes on") {
  std::atomic<int> done_calls = 0;
  {
    WorkerPool<int> pool(2, [&] { ++done_calls; });
    pool.submit([](std::size_t) -> int { throw std::runtime_error("page 3 broke"); });
    CHECK_THROWS_WITH(pool.take(), "page 3 broke");
    pool.submit([](std::size_t) { return 1; });
    CHECK(pool.take() == 1);
  }  // joined: every on_done has returned
  CHECK(done_calls.load() == 2);  // on_done after each result, the thrown one too
}

TEST_CASE("a fetch batch answers a wake from another thread while a transfer is still running") {
  tracker::test::TestHttpServer server;
  tracker::net::Fetcher fetcher({});
  std::atomic<int> woken = 0;
  bool result_seen_before_wake = false;
  tracker::net::FetchWakeup wakeup([&] { ++woken; });
  std::thread waker([&] {
    std::this_thread::sleep_for(300ms);
    wakeup.wake();
  });
  fetcher.fetch_each(
      {tracker::net::FetchRequest{server.url("/slow"), {}, {}}},  // answers after 5 s
      [&](tracker::net::FetchResult&&) { result_seen_before_wake = woken.load() == 0; }, {}, &wakeup);
  waker.join();
  CHECK(woken.load() == 1);
  CHECK_FALSE(result_seen_before_wake);  // the wake was answered while /slow was under way
}

namespace {

// A feed of `count` article pages served by the demo server, and a tracker.toml per store.
class PoolSite {
 public:
  explicit PoolSite(std::size_t count)
      : m_count(count),
        m_server({"/usr/bin/python3", (tracker::test::source_dir() / "feeds/demo/serve.py").string(),
                  (prepare() / "site").string(), (m_dir / "port").string()}) {
    m_base = tracker::test::loopback_base_from(m_dir / "port");
    std::string feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>" + m_base +
                       "/</link><description>d</description>";
    for (std::size_t i = 0; i < m_count; ++i) {
      const std::string link = m_base + "/a" + std::to_string(i) + ".html";
      feed += "<item><title>Story " + std::to_string(i) + "</title><link>" + link + "</link></item>";
      publish(i, 10 + i);
    }
    tracker::test::write_file(m_dir / "site/feed.xml", feed + "</channel></rss>");
  }

  // Page i reporting `figure`, with a later modification time than any before.
  void publish(std::size_t i, std::size_t figure) {
    const std::string n = std::to_string(figure);
    const auto path = m_dir / "site" / ("a" + std::to_string(i) + ".html");
    tracker::test::write_file(
        path, "<html><head><title>Story " + std::to_string(i) + ": " + n +
                  " killed</title></head><body><article><h1>Story</h1><p>At least " + n +
                  " people were killed in the attack on Tuesday, officials said.</p><p>The army said it had "
                  "sent " + std::to_string(figure * 100) +
                  " troops to the region.</p>" + background() + "</article></body></html>");
    m_clock += 10s;
    std::filesystem::last_write_time(path, m_clock);
  }

  // The rest of a story: enough ordinary prose for the page to read as an article.
  static std::string background() {
    std::string html;
    for (const char* sentence :
         {"Witnesses described heavy shelling near the central market in the early hours of the morning, "
          "and residents said they had sheltered in basements until the firing stopped.",
          "Regional officials said emergency crews were still searching the damaged buildings on Wednesday, "
          "and that the main road into the town had been closed to civilian traffic.",
          "Aid groups said they were sending food, water and medical supplies, but warned that the roads "
          "remained dangerous and that more people might leave the area in the coming days."}) {
      html += "<p>" + std::string(sentence) + "</p>";
    }
    return html;
  }

  ProcessResult run(const std::string& store, std::size_t workers) {
    tracker::test::write_file(m_dir / "watch.toml", "[[source]]\nname = \"wire\"\nurl = \"" + m_base +
                                                        "/feed.xml\"\nkind = \"feed\"\n");
    const auto config = m_dir / (store + ".toml");
    tracker::test::write_file(config, "watch = [\"watch.toml\"]\nstore = \"" + store + ".db\"\nworkers = " +
                                          std::to_string(workers) + "\n");
    return tracker::test::run_tracker({"run", "--config", config.string(), "--all", "--color", "never"});
  }

  // Every snapshot and change the store holds, by URL and in the order stored per document:
  // what two runs must agree on whatever order their pages were stored in.
  std::multiset<std::string> contents(const std::string& store) const {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2((m_dir / (store + ".db")).c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
    std::multiset<std::string> rows;
    for (const char* sql :
         {"SELECT d.url || ' snapshot ' || s.text_sha256 || ' ' || s.headline FROM snapshots s JOIN documents d "
          "ON d.id = s.document_id",
          "SELECT d.url || ' change ' || c.kind || ' ' || c.significance || ' ' || ifnull(c.old_text, '-') || "
          "' -> ' || ifnull(c.new_text, '-') || ' ' || c.detail_json FROM changes c JOIN documents d ON d.id = "
          "c.document_id"}) {
      sqlite3_stmt* statement = nullptr;
      REQUIRE(sqlite3_prepare_v2(db.get(), sql, -1, &statement, nullptr) == SQLITE_OK);
      while (sqlite3_step(statement) == SQLITE_ROW) {
        rows.insert(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
      }
      sqlite3_finalize(statement);
    }
    return rows;
  }

 private:
  const std::filesystem::path& prepare() {
    std::filesystem::create_directories(m_dir / "site");
    return m_dir.path();
  }

  TempDir m_dir;
  std::size_t m_count;
  tracker::test::BackgroundProcess m_server;
  std::string m_base;
  std::filesystem::file_time_type m_clock = std::filesystem::file_time_type::clock::now() - 1h;
};

std::size_t count_with(const std::multiset<std::string>& rows, const std::string& part) {
  std::size_t count = 0;
  for (const std::string& row : rows) {
    count += row.find(part) != std::string::npos ? 1 : 0;
  }
  return count;
}

}  // namespace

TEST_CASE("a run with a pool of workers stores what a run on one thread stores") {
  PoolSite site(12);
  REQUIRE(site.run("pool", 3).exit_code == 0);
  REQUIRE(site.run("single", 1).exit_code == 0);
  for (std::size_t i : {1, 4, 5, 9, 11}) {
    site.publish(i, 100 + i);  // new figures in five stories
  }
  const ProcessResult pool = site.run("pool", 3);
  const ProcessResult single = site.run("single", 1);
  CHECK(pool.exit_code == 0);
  CHECK(single.exit_code == 0);

  const auto stored = site.contents("pool");
  CHECK(stored == site.contents("single"));
  CHECK(count_with(stored, " snapshot ") == 12 + 5);
  // Each edited story's casualty figure moved, in its text and its headline.
  CHECK(count_with(stored, "people were killed") >= 5);
  CHECK(count_with(stored, "\"kind\":\"headline\"") + count_with(stored, " change headline ") >= 5);
  CHECK(count_with(stored, "At least 104 people") >= 1);
}
