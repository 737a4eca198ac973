#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/seeded_store.h"
#include "support/temp_dir.h"
#include "tracker/store/schema.h"
#include "tracker/store/sqlite_handle.h"
#include "tracker/store/sqlite_store.h"

using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_process;
using tracker::test::run_tracker;
using tracker::test::open_store;
using tracker::test::TempDir;
using tracker::test::tracker_binary;
using tracker::test::write_file;
using namespace tracker::store;

namespace {

FetchState fetch(const std::string& url, UnixSeconds at, int failures) {
  FetchState state;
  state.url = url;
  state.last_fetch = at;
  state.last_status = failures == 0 ? 200 : 503;
  state.last_error = failures == 0 ? "" : "server answered HTTP/1.1 503 Service Unavailable";
  state.consecutive_failures = failures;
  state.next_due = at + 900;
  return state;
}

const SourceStatus* find(const std::vector<SourceStatus>& statuses, const std::string& name) {
  for (const SourceStatus& status : statuses) {
    if (status.source.name == name) {
      return &status;
    }
  }
  return nullptr;
}

// A tracker.toml beside the demo site's, watching only its working feed.
std::filesystem::path healthy_config(const DemoSite& site) {
  const auto folder = site.config().parent_path();
  write_file(folder / "healthy.toml", "[[source]]\nname = \"demo\"\nurl = \"" + site.base() +
                                          "/feed.xml\"\ninterval = \"5m\"\n");
  write_file(folder / "healthy-tracker.toml",
             "watch = [\"healthy.toml\"]\nstore = \"store/tracker.db\"\ntopics = \"" +
                 tracker::test::shipped_topics().string() + "\"\n");
  return folder / "healthy-tracker.toml";
}

}  // namespace

TEST_CASE("a version 2 store is migrated to version 3, which records each URL's last success") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  {
    auto store = open_store(path);
    const SourceId afp = *store->upsert_source("afp", "https://example.org/afp.xml", "feed");
    REQUIRE(store->upsert_source("down", "https://example.org/down.xml", "feed"));
    const DocumentId document =
        *store->ensure_document({afp, "afp-1", "https://example.org/1", "One", 100});
    SnapshotInput version;
    version.fetched_at = 100;
    version.http_status = 200;
    version.raw = "<p>one</p>";
    version.text = "One.";
    version.claims_json = "[]";
    REQUIRE(store->add_snapshot(document, version));
    version.text = "One, revised.";
    REQUIRE(store->add_snapshot(document, version));
    REQUIRE(store->put_fetch_state(fetch("https://example.org/afp.xml", 1000, 0)));
    REQUIRE(store->put_fetch_state(fetch("https://example.org/down.xml", 1000, 3)));
  }
  {  // Make it what a version 2 tracker left behind.
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    SqliteDb db(raw);
    REQUIRE(execute(
        db.get(),
        "DROP TABLE story_members; DROP TABLE story_grouping; DROP TABLE story_terms; DROP TABLE ledger_alert_rules; "
        "DROP TRIGGER fetch_state_success_on_insert; DROP TRIGGER fetch_state_success_on_update; "
        "ALTER TABLE fetch_state DROP COLUMN last_success; ALTER TABLE fetch_state DROP COLUMN problem; "
        "ALTER TABLE snapshots DROP COLUMN headline; ALTER TABLE snapshots DROP COLUMN gone; ALTER TABLE snapshots DROP COLUMN page_fields; "
        "ALTER TABLE snapshots RENAME COLUMN raw_compressed TO raw_zlib; PRAGMA user_version = 2;"));
  }
  auto store = open_store(path);
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    SqliteDb db(raw);
    auto version = Statement::prepare(db.get(), "PRAGMA user_version");
    REQUIRE(version);
    REQUIRE(*version->step());
    CHECK(version->int64(0) == k_schema_version);
    CHECK(k_schema_version >= 3);
  }
  auto statuses = store->source_statuses();
  REQUIRE(statuses);
  REQUIRE(statuses->size() == 2);
  CHECK((*statuses)[0].source.name == "afp");  // by name
  const SourceStatus* afp = find(*statuses, "afp");
  const SourceStatus* down = find(*statuses, "down");
  REQUIRE(afp != nullptr);
  REQUIRE(down != nullptr);
  // The migration takes a successful last fetch as the last success; a failing URL has none.
  CHECK(afp->last_success == 1000);
  CHECK_FALSE(down->last_success.has_value());
  REQUIRE(down->fetch.has_value());
  CHECK(down->fetch->consecutive_failures == 3);
  CHECK(down->fetch->last_error.find("503") != std::string::npos);
  CHECK(afp->documents == 1);
  CHECK(afp->snapshots == 2);
  CHECK(down->documents == 0);
  CHECK(down->snapshots == 0);

  // From now on the store keeps it: a failure leaves it, a success moves it on.
  REQUIRE(store->put_fetch_state(fetch("https://example.org/afp.xml", 2000, 1)));
  CHECK(find(*store->source_statuses(), "afp")->last_success == 1000);
  REQUIRE(store->put_fetch_state(fetch("https://example.org/afp.xml", 3000, 0)));
  CHECK(find(*store->source_statuses(), "afp")->last_success == 3000);
  REQUIRE(store->put_fetch_state(fetch("https://example.org/new.xml", 4000, 0)));  // a new row
  REQUIRE(store->upsert_source("new", "https://example.org/new.xml", "feed"));
  CHECK(find(*store->source_statuses(), "new")->last_success == 4000);
  CHECK(store->check_integrity());
}

TEST_CASE("tracker status shows each source's health and exits 6 while one is failing") {
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);  // the "broken" source cannot be fetched
  const std::string config = site.config().string();

  SUBCASE("text: one block per source, then the summary line") {
    auto status = run_tracker({"status", "--config", config});
    CHECK(status.exit_code == 6);
    CHECK(status.err.empty());
    CHECK(status.out.find("demo (ok) " + site.base() + "/feed.xml\n") != std::string::npos);
    CHECK(status.out.find("broken (failing) http://127.0.0.1:1/feed.xml\n") != std::string::npos);
    CHECK(status.out.find("  stored        1 document, 1 snapshot\n") != std::string::npos);
    CHECK(status.out.find("  last success  never\n") != std::string::npos);
    CHECK(status.out.find("  failures      1 in a row, the last ") != std::string::npos);
    CHECK(status.out.find("  last error    ") != std::string::npos);
    CHECK(status.out.ends_with("\nWARN 1 of 2 sources failing: broken\n"));
  }

  SUBCASE("--brief prints the summary line alone") {
    auto brief = run_tracker({"status", "--config", config, "--brief"});
    CHECK(brief.exit_code == 6);
    CHECK(brief.out == "WARN 1 of 2 sources failing: broken\n");
  }

  SUBCASE("json: every field, times in ISO 8601 or null") {
    auto json = run_tracker({"status", "--config", config, "--format", "json"});
    CHECK(json.exit_code == 6);
    const auto report = nlohmann::json::parse(json.out);
    CHECK(report["healthy"] == false);
    CHECK(report["summary"] == "WARN 1 of 2 sources failing: broken");
    CHECK(report["last_fetch"].get<std::string>().ends_with("Z"));
    const auto& sources = report["sources"];
    REQUIRE(sources.size() == 2);
    CHECK(sources[0]["name"] == "demo");  // in the configuration's order
    CHECK(sources[0]["state"] == "ok");
    CHECK(sources[0]["last_success"].get<std::string>().ends_with("Z"));
    CHECK(sources[0]["last_status"] == 200);
    CHECK(sources[0]["consecutive_failures"] == 0);
    CHECK(sources[0]["documents"] == 1);
    CHECK(sources[0]["snapshots"] == 1);
    CHECK(sources[0]["next_due"].get<std::string>() >
          sources[0]["last_success"].get<std::string>());
    CHECK(sources[1]["name"] == "broken");
    CHECK(sources[1]["state"] == "failing");
    CHECK(sources[1]["last_success"].is_null());
    CHECK(sources[1]["consecutive_failures"] == 1);
    CHECK_FALSE(sources[1]["last_error"].get<std::string>().empty());
  }

  SUBCASE("without a configuration, --store lists every source the store knows") {
    TempDir elsewhere;  // no tracker.toml here
    auto status =
        run_process({"/usr/bin/env", "-C", elsewhere.path().string(), tracker_binary().string(),
                     "status", "--store", site.store().string(), "--brief"});
    CHECK(status.exit_code == 6);
    CHECK(status.out == "WARN 1 of 2 sources failing: broken\n");
  }
}

TEST_CASE("tracker status is OK with exit status 0 when no source is failing") {
  DemoSite site;
  site.publish("v3-full.txt");
  const auto config = healthy_config(site);
  REQUIRE(run_tracker({"run", "--config", config.string(), "--all"}).exit_code == 0);

  auto brief = run_tracker({"status", "--config", config.string(), "--brief"});
  CHECK(brief.exit_code == 0);
  CHECK(brief.out.starts_with("OK 1 source, 0 failing, last fetch "));
  CHECK(brief.out.ends_with(" ago\n"));

  // A source added since the last run has never been fetched: that is not a failure.
  write_file(config.parent_path() / "healthy.toml",
             read_file(config.parent_path() / "healthy.toml") +
                 "[[source]]\nname = \"later\"\nurl = \"" + site.base() + "/later.xml\"\n");
  auto text = run_tracker({"status", "--config", config.string()});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("later (never fetched) " + site.base() + "/later.xml\n") !=
        std::string::npos);
  CHECK(text.out.find("\nOK 2 sources, 0 failing, last fetch ") != std::string::npos);
}

TEST_CASE("tracker status without a store says so and exits 2") {
  TempDir dir;
  auto status = run_tracker({"status", "--store", (dir / "missing.db").string()});
  CHECK(status.exit_code == 2);
  CHECK(status.out.empty());
  CHECK(status.err.find("missing.db: no store here") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST_CASE("a source whose server answers with nothing usable is broken, and a home page names its feed") {
  DemoSite site;
  site.publish("v3-full.txt");
  // A home page given as a feed: it links to the real one.
  write_file(site.site_dir() / "home.html",
             "<!doctype html><html><head><title>Demo news</title>"
             "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"/feed.xml\">"
             "</head><body><p>Latest news.</p></body></html>");
  write_file(site.site_dir() / "garbled.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item>");
  write_file(site.site_dir() / "empty.html", "<!doctype html><html><body><nav>Home</nav></body></html>");
  const auto folder = site.config().parent_path();
  write_file(folder / "sources.toml",
             "[[source]]\nname = \"home\"\nurl = \"" + site.base() + "/home.html\"\nkind = \"feed\"\n" +
                 "[[source]]\nname = \"garbled\"\nurl = \"" + site.base() + "/garbled.xml\"\nkind = \"feed\"\n" +
                 "[[source]]\nname = \"empty\"\nurl = \"" + site.base() + "/empty.html\"\nkind = \"page\"\n" +
                 "[[source]]\nname = \"demo\"\nurl = \"" + site.base() + "/feed.xml\"\n");
  write_file(folder / "sources-tracker.toml",
             "watch = [\"sources.toml\"]\nstore = \"store/tracker.db\"\ntopics = \"" +
                 tracker::test::shipped_topics().string() + "\"\n");
  const std::string config = (folder / "sources-tracker.toml").string();
  CHECK(run_tracker({"run", "--config", config, "--all"}).exit_code == 6);

  auto text = run_tracker({"status", "--config", config});
  CHECK(text.exit_code == 6);
  CHECK(text.out.find("home (broken) " + site.base() + "/home.html\n") != std::string::npos);
  CHECK(text.out.find("the page links to the feed " + site.base() + "/feed.xml: watch that URL instead") !=
        std::string::npos);
  CHECK(text.out.find("garbled (broken) ") != std::string::npos);
  CHECK(text.out.find("empty (broken) ") != std::string::npos);
  CHECK(text.out.find("demo (ok) ") != std::string::npos);
  CHECK(text.out.ends_with(
      "\nWARN 3 of 4 sources failing or broken: home (broken), garbled (broken), empty (broken)\n"));

  auto json = run_tracker({"status", "--config", config, "--format", "json"});
  const auto report = nlohmann::json::parse(json.out);
  CHECK(report["healthy"] == false);
  CHECK(report["sources"][0]["state"] == "broken");
  CHECK(report["sources"][0]["last_status"] == 200);  // the server answered: not failing
  CHECK(report["sources"][0]["problem"].get<std::string>().starts_with("not a feed"));
  CHECK(report["sources"][3]["problem"] == "");

  // Mended, the next run clears the problem.
  write_file(site.site_dir() / "garbled.xml",
             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>G</title></channel></rss>");
  // HTTP dates have whole seconds: a file mended within the second of the last fetch would
  // answer If-Modified-Since with a 304 (the garbled feed, unchanged as far as HTTP can tell).
  std::filesystem::last_write_time(site.site_dir() / "garbled.xml",
                                   std::filesystem::last_write_time(site.site_dir() / "garbled.xml") +
                                       std::chrono::seconds(10));
  run_tracker({"run", "--config", config, "--all"});
  auto mended = run_tracker({"status", "--config", config});
  CHECK(mended.out.find("garbled (ok) ") != std::string::npos);
}

TEST_CASE("tracker status names each configured source's tags, in text and JSON") {
  TempDir dir;
  write_file(dir / "watch.toml", "[[source]]\nname = \"afp\"\nurl = \"https://example.org/feed.xml\"\n"
                                 "tags = [\"wires\", \"asia\"]\n"
                                 "[[source]]\nname = \"page\"\nurl = \"https://example.org/a.html\"\n");
  write_file(dir / "tracker.toml", "watch = [\"watch.toml\"]\nstore = \"data/news.db\"\n");
  const std::string config = (dir / "tracker.toml").string();
  auto text = run_tracker({"status", "--config", config});
  CHECK(text.out ==
        "afp (never fetched) https://example.org/feed.xml\n  tags          asia, wires\n"
        "  next fetch    at the next run\n"
        "page (never fetched) https://example.org/a.html\n  next fetch    at the next run\n"
        "\nOK 2 sources, 0 failing, nothing fetched yet\n");
  auto json = nlohmann::json::parse(run_tracker({"status", "--config", config, "--format", "json"}).out);
  CHECK(json["sources"][0]["tags"] == nlohmann::json::array({"asia", "wires"}));  // sorted, as the config keeps them
  CHECK(json["sources"][1]["tags"] == nlohmann::json::array());
}

TEST_CASE("tracker status before the first run lists the configured sources as never fetched") {
  TempDir dir;
  write_file(dir / "watch.toml", "[[source]]\nname = \"afp\"\nurl = \"https://example.org/feed.xml\"\n"
                                 "[[source]]\nname = \"page\"\nurl = \"https://example.org/a.html\"\n");
  write_file(dir / "tracker.toml", "watch = [\"watch.toml\"]\nstore = \"data/news.db\"\n");
  const std::string config = (dir / "tracker.toml").string();
  auto text = run_tracker({"status", "--config", config});
  CHECK(text.exit_code == 0);
  CHECK(text.out ==
        "afp (never fetched) https://example.org/feed.xml\n  next fetch    at the next run\n"
        "page (never fetched) https://example.org/a.html\n  next fetch    at the next run\n"
        "\nOK 2 sources, 0 failing, nothing fetched yet\n");
  auto json = nlohmann::json::parse(run_tracker({"status", "--config", config, "--format", "json"}).out);
  CHECK(json["sources"][1]["state"] == "never fetched");
  CHECK_FALSE(std::filesystem::exists(dir / "data"));  // status creates nothing

  // The store the configuration names, relative to its folder, for the cron wrapper's lock.
  auto where = run_tracker({"status", "--config", config, "--print-store"});
  CHECK(where.exit_code == 0);
  CHECK(std::filesystem::path(where.out.substr(0, where.out.size() - 1)) == dir / "data/news.db");
}
