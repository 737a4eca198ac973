// Errors that say what is really wrong: each message pinned here was once a misleading one.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "support/demo_site.h"
#include "support/http_server.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/text_search.h"
#include "tracker/config/alert_settings.h"
#include "tracker/config/settings.h"

using tracker::test::contains;
using tracker::test::DemoSite;
using tracker::test::run_tracker;
using tracker::test::TempDir;
using tracker::test::TestHttpServer;
using tracker::test::write_file;

TEST_CASE("a duration too long to mean anything is out of range, not an unknown unit") {
  CHECK(tracker::config::parse_duration_ms("99999999d").error() ==
        "duration \"99999999d\" is out of range: the longest is 10000 years");
  CHECK(tracker::config::parse_duration_ms("99999999999999999999999s").error() ==
        "duration \"99999999999999999999999s\" is out of range: the longest is 10000 years");
  CHECK(tracker::config::parse_duration_ms("3650000d").value() == std::chrono::hours(24 * 3650000));
  TempDir dir;
  write_file(dir / "w.toml", "[[source]]\nname = \"a\"\nurl = \"http://x/\"\ninterval = \"99999999d\"\n");
  const auto settings = tracker::config::load_settings(dir / "w.toml");
  REQUIRE_FALSE(settings);
  CHECK(settings.error() == (dir / "w.toml").string() +
                                ":4:12: 'interval': duration \"99999999d\" is out of range: the longest is 10000 years");
}

TEST_CASE("a config path that is a directory says so") {
  TempDir dir;
  const auto run = run_tracker({"run", "--config", dir.path().string()});
  CHECK(run.exit_code != 0);
  CHECK(contains(run.err, "tracker: error: " + dir.path().string() + ": is a directory, not a file"));
  CHECK_FALSE(contains(run.err, "'watch' must list"));
}

TEST_CASE("a password_file that is a directory says so, not that others can read it") {
  TempDir dir;
  std::filesystem::create_directory(dir / "secret");
  ::chmod((dir / "secret").c_str(), 0755);
  write_file(dir / "w.toml",
             "[[source]]\nname = \"a\"\nurl = \"http://x/\"\n[smtp]\nurl = \"smtp://127.0.0.1:2525\"\n"
             "from = \"t@example.org\"\nusername = \"u\"\npassword_file = \"secret\"\n");
  const auto settings = tracker::config::load_settings(dir / "w.toml");
  REQUIRE_MESSAGE(settings, (settings ? "" : settings.error()));
  const auto resolved = tracker::config::smtp_with_credentials(*settings->smtp);
  REQUIRE_FALSE(resolved);
  CHECK(contains(resolved.error(), ": password_file " + (dir / "secret").string() + " is a directory, not a file"));
  CHECK_FALSE(contains(resolved.error(), "read by others"));
}

TEST_CASE("--since refuses a day the month does not have and an offset no zone has") {
  TempDir dir;
  const std::string store = (dir / "none.db").string();
  for (const std::string since : {"2025-02-30", "2025-04-31", "2023-02-29", "2025-02-11T06:00:00+99:00",
                                  "2025-02-11T06:00:00+15:00", "2025-02-11T06:00:00-01:60"}) {
    CAPTURE(since);
    const auto changes = run_tracker({"changes", "--since", since, "--store", store});
    CHECK(changes.exit_code == 64);
    CHECK(contains(changes.err, "tracker: error: --since '" + since + "': not a date"));
  }
  // The real ones still count: a leap day, the furthest zones.
  for (const std::string since : {"2024-02-29", "2025-02-11T06:00:00+14:00", "2025-02-11T06:00:00-12:00"}) {
    CAPTURE(since);
    const auto changes = run_tracker({"changes", "--since", since, "--store", store});
    CHECK_FALSE(contains(changes.err, "not a date"));
  }
}

TEST_CASE("verify names the snapshot of a stored claim without text as damage in the store") {
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);  // the demo's "broken" source fails
  TempDir copy;
  const auto store = copy / "tracker.db";
  std::filesystem::copy_file(site.store(), store);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(store.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "UPDATE snapshots SET claims_json = json_set(claims_json, '$.claims[0].text', json('null'))",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  const std::string topics = tracker::test::shipped_topics().string();
  const auto verify = run_tracker({"verify", "--store", store.string(), "--topics", topics});
  CAPTURE(verify.err);
  CHECK(verify.exit_code == 2);
  CHECK(contains(verify.err, "tracker: error: " + store.string() + " @1 (" + site.base() + "/kursk.html, "));
  CHECK(contains(verify.err, "): the store is damaged: its claim 1 has no text"));
  CHECK_FALSE(contains(verify.err, "internal error"));
}

TEST_CASE("a response header too large says so and names the URL, not that memory ran out") {
  TestHttpServer server;
  const auto fetched = run_tracker({"extract", server.url("/huge-header")});
  CHECK(fetched.exit_code == 5);
  CHECK(fetched.err == "tracker: error: " + server.url("/huge-header") +
                           ": the server's response header is too large (over 100 KB)\n");
}
