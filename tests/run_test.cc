#include <doctest/doctest.h>

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <sstream>
#include <thread>

#include "support/demo_site.h"
#include "support/http_server.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/store_checks.h"
#include "support/temp_dir.h"
#include "tracker/pipeline/run_lock.h"
#include "tracker/store/sqlite_store.h"

#include <csignal>

using tracker::test::BackgroundProcess;
using tracker::test::integrity_check;
using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_process;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::TempDir;
using tracker::test::TestHttpServer;
using tracker::test::write_file;

TEST_CASE("a run stores the first version quietly and reports claim changes in the next") {
  DemoSite site;
  site.publish("v3-full.txt");
  auto first = site.run();
  CHECK(first.exit_code == 6);  // the "broken" source fails; the run goes on
  CHECK(first.out.empty());     // a first version is no change
  CHECK(first.err.find("source 'broken'") != std::string::npos);

  site.publish("v4-rotation.txt");
  auto second = site.run();
  CHECK(second.exit_code == 6);
  CHECK(second.out.find("== demo: Kursk") != std::string::npos);
  CHECK(second.out.find("[-more than 10,000-] {+some 12,000+}") != std::string::npos);
  CHECK(second.out.find("+ North Korea has rotated fresh troops") != std::string::npos);

  auto third = site.run({"--format", "json"});
  const auto report = nlohmann::json::parse(third.out);
  CHECK(report["documents"].empty());  // nothing changed: 304s or the same text
  CHECK(integrity_check(site.store()) == "ok");
}

TEST_CASE("an off-site article link that keeps failing is one warning per run, naming its source") {
  DemoSite site;
  site.publish("v3-full.txt");
  TestHttpServer elsewhere;  // another host:port than the feed's
  const std::string failing = elsewhere.url("/flaky/offsite?failures=100");  // 503 every time
  write_file(site.site_dir() / "feed.xml",
             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Demo</title>"
             "<link>" + site.base() + "/</link><description>d</description>"
             "<item><title>Kursk</title><link>" + site.base() + "/kursk.html</link>"
             "<guid isPermaLink=\"false\">kursk-1</guid></item>"
             "<item><title>Elsewhere</title><link>" + failing + "</link>"
             "<guid isPermaLink=\"false\">elsewhere-1</guid></item></channel></rss>");
  auto run = site.run();
  CAPTURE(run.err);
  CHECK(run.exit_code == 6);
  std::size_t lines = 0;
  std::istringstream err(run.err);
  for (std::string line; std::getline(err, line);) {
    if (line.find("/flaky/offsite") != std::string::npos) {
      ++lines;
      CHECK(line.starts_with("tracker: warning: source 'demo': " + failing));
      CHECK(line.find("503") != std::string::npos);
    }
  }
  CHECK(lines == 1);
  // It was retried (1 + max_retries attempts) before that one line.
  auto hits = run_process({"/usr/bin/python3", "-c",
                           "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode(), end='')",
                           elsewhere.url("/hits/flaky/offsite")});
  CHECK(hits.out == "3");
}

TEST_CASE("a second run on the same store refuses with the first one's pid") {
  DemoSite site;
  site.publish("v3-full.txt");
  auto lock = tracker::pipeline::RunLock::acquire(site.store());
  REQUIRE(lock);
  auto blocked = site.run();
  CHECK(blocked.exit_code == 2);
  CHECK(blocked.err.find("another tracker run is using this store (pid ") != std::string::npos);
}

TEST_CASE("a run killed with SIGKILL at any moment leaves a sound store and the next run completes") {
  DemoSite site;
  const std::vector<std::string> versions = {"v3-full.txt", "v4-rotation.txt", "v5-attribution.txt",
                                             "v6-hedge-dropped.txt", "v7-retraction.txt"};
  for (int round = 0; round < 10; ++round) {
    CAPTURE(round);
    site.publish(versions[static_cast<std::size_t>(round) % versions.size()]);
    BackgroundProcess run({tracker::test::tracker_binary().string(), "run", "--config", site.config().string(),
                           "--all"});
    std::this_thread::sleep_for(std::chrono::milliseconds(round * 15));
    run.kill_and_wait(SIGKILL);
    if (std::filesystem::exists(site.store())) {  // killed before creating it: nothing to check
      CHECK(integrity_check(site.store()) == "ok");
    }
  }
  auto finished = site.run();
  CHECK(finished.exit_code == 6);  // only the "broken" source fails
  CHECK(finished.err.find("store") == std::string::npos);
  CHECK(integrity_check(site.store()) == "ok");

  // Every stored snapshot reads back, raw page included (its hash is checked on reading).
  auto store = tracker::store::SqliteStore::open(site.store());
  REQUIRE(store);
  auto history = (*store)->history("kursk-1");
  REQUIRE(history);
  CHECK_FALSE(history->empty());
  for (const auto& snapshot : *history) {
    auto raw = (*store)->raw_page(snapshot.id);
    REQUIRE(raw);
    CHECK(raw->has_value());
    CHECK_FALSE(snapshot.text.empty());
  }
}

TEST_CASE("a run's JSON report counts the claims of each new document") {
  DemoSite site;
  site.publish("v3-full.txt");
  auto first = site.run({"--format", "json"});
  const auto report = nlohmann::json::parse(first.out);
  REQUIRE_FALSE(report["documents"].empty());
  for (const auto& document : report["documents"]) {
    CHECK(document["first_version"] == true);
    CHECK(document["claims"].get<int>() > 0);  // counted, although the claims are not kept
    CHECK(document["changes"].empty());
  }
}

TEST_CASE("a page served again with new chrome but the same text stores nothing, and counts the stored claims") {
  DemoSite site;
  site.publish("v3-full.txt");
  const auto first = nlohmann::json::parse(site.run({"--format", "json"}).out);
  REQUIRE(first["documents"].size() == 1);
  const int claims = first["documents"][0]["claims"].get<int>();
  REQUIRE(claims > 0);

  // The same article inside a page with a new clock in its chrome, as news sites serve it.
  const auto page = site.site_dir() / "kursk.html";
  std::string html = read_file(page);
  const auto body = html.find("<body");
  REQUIRE(body != std::string::npos);
  html.insert(html.find('>', body) + 1, "<div class=\"site-clock\">Updated 08:41:07 UTC</div>");
  write_file(page, html);
  std::filesystem::last_write_time(page, std::filesystem::last_write_time(page) + std::chrono::hours(1));

  const auto second = nlohmann::json::parse(site.run({"--format", "json"}).out);
  CHECK(second["pages_fetched"] == 1);  // fetched whole, not a 304
  REQUIRE(second["documents"].size() == 1);
  CHECK(second["documents"][0]["snapshot"].is_null());  // no new version
  CHECK(second["documents"][0]["changes"].empty());
  CHECK(second["documents"][0]["claims"] == claims);  // the stored version's, as if read again
  auto history = run_tracker({"history", "kursk-1", "--store", site.store().string()});
  CHECK(std::count(history.out.begin(), history.out.end(), '\n') == 1);
}
