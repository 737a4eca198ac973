// What a run may add to the store ([limits] max_stored_bytes_*), and `tracker prune`.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/smtp_server.h"
#include "support/store_checks.h"
#include "tracker/config/settings.h"
#include "tracker/pipeline/run_lock.h"
#include "tracker/store/sqlite_handle.h"

using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::write_file;

namespace {

constexpr std::size_t k_filler_bytes = 500'000;

// The demo article with `k_filler_bytes` of random base64 in a comment: big, and nearly
// incompressible beyond base64's own redundancy.
std::string big_page(std::uint64_t seed) {
  static const std::string k_alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string filler;
  filler.reserve(k_filler_bytes);
  std::uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
  while (filler.size() < k_filler_bytes) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    filler += k_alphabet[state % 64];
  }
  std::string page = read_file(source_dir() / "feeds/demo/kursk-afp.html");
  const std::size_t body = page.find("</body>");
  REQUIRE(body != std::string::npos);
  return page.insert(body, "<!-- " + filler + " -->\n");
}

// Writes `count` big pages named PREFIX-N.html (from `first`) and a feed PREFIX.xml listing them
// all.
void publish_big_feed(const DemoSite& site, const std::string& prefix, int first, int count) {
  std::string items;
  for (int i = 1; i < first + count; ++i) {
    const std::string name = prefix + "-" + std::to_string(i) + ".html";
    if (i >= first) {
      write_file(site.site_dir() / name,
                 big_page(static_cast<std::uint64_t>(i) * 131 + prefix.size()));
    }
    items += "<item><title>Page " + std::to_string(i) + "</title><link>" + site.base() + "/" +
             name + "</link><guid isPermaLink=\"false\">" + name + "</guid></item>";
  }
  const auto feed = site.site_dir() / (prefix + ".xml");
  write_file(feed,
             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title><link>" +
                 site.base() + "/</link><description>d</description>" + items + "</channel></rss>");
  // Later than any earlier version, for If-Modified-Since within the same second.
  static int writes = 0;
  std::filesystem::last_write_time(
      feed, std::filesystem::file_time_type::clock::now() + std::chrono::minutes(++writes));
}

// The first column of each row of `sql`.
std::vector<std::string> rows(const std::filesystem::path& store, const std::string& sql) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(store.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  tracker::store::SqliteDb db(raw);
  auto select = tracker::store::Statement::prepare(db.get(), sql);
  REQUIRE(select);
  std::vector<std::string> out;
  while (*select->step()) {
    out.push_back(select->text(0));
  }
  return out;
}

std::int64_t number(const std::filesystem::path& store, const std::string& sql) {
  return std::stoll(rows(store, sql).at(0));
}

std::filesystem::path configure(const DemoSite& site, const std::vector<std::string>& sources,
                                const std::string& limits) {
  std::string watch;
  for (const std::string& source : sources) {
    watch +=
        "[[source]]\nname = \"" + source + "\"\nurl = \"" + site.base() + "/" + source + ".xml\"\n";
  }
  write_file(site.dir() / "big.toml", watch);
  const auto config = site.dir() / "bounded.toml";
  write_file(config, "watch = [\"big.toml\"]\nstore = \"store/tracker.db\"\ntopics = \"" +
                         tracker::test::shipped_topics().string() + "\"\n[limits]\n" + limits);
  return config;
}

tracker::test::ProcessResult run(const std::filesystem::path& config) {
  return run_tracker({"run", "--config", config.string(), "--all", "--color", "never"});
}

}  // namespace

TEST_CASE("a feed adding big pages stops at max_stored_bytes_per_source_run, and the rest waits") {
  DemoSite site;
  publish_big_feed(site, "big", 1, 4);
  const std::int64_t bound = 1'200'000;  // two pages fit, not three
  const auto config =
      configure(site, {"big"}, "max_stored_bytes_per_source_run = " + std::to_string(bound) + "\n");
  auto first = run(config);
  CHECK(first.exit_code == 6);  // a source with pages left is a failed source
  CHECK(first.err.find(
            "source 'big': the source reached [limits] max_stored_bytes_per_source_run = 1200000 "
            "bytes: 2 pages left for the next run: ") != std::string::npos);
  CHECK(number(site.store(), "SELECT count(*) FROM snapshots") == 2);
  CHECK(number(site.store(), "SELECT count(*) FROM documents") == 2);  // nothing half-stored
  const auto after_first = std::filesystem::file_size(site.store());
  CHECK(after_first < static_cast<std::uintmax_t>(bound) + 300'000);

  // The pages left are stored by the next run; the ones stored are unchanged and cost nothing.
  auto second = run(config);
  CHECK_MESSAGE(second.exit_code == 0, second.err);
  CHECK(number(site.store(), "SELECT count(*) FROM snapshots") == 4);

  // Four more pages: again two per run, and the file grows by about the bound at most.
  publish_big_feed(site, "big", 5, 4);
  const auto before_third = std::filesystem::file_size(site.store());
  CHECK(run(config).exit_code == 6);
  CHECK(number(site.store(), "SELECT count(*) FROM snapshots") == 6);
  CHECK(std::filesystem::file_size(site.store()) - before_third <
        static_cast<std::uintmax_t>(bound) + 300'000);
  CHECK(tracker::test::integrity_check(site.store()) == "ok");
}

TEST_CASE("max_stored_bytes_per_run bounds a run over all its sources") {
  DemoSite site;
  publish_big_feed(site, "one", 1, 2);
  publish_big_feed(site, "two", 1, 2);
  const auto config = configure(site, {"one", "two"}, "max_stored_bytes_per_run = 1200000\n");
  auto result = run(config);
  CHECK(result.exit_code == 6);
  CHECK(result.err.find("the run reached [limits] max_stored_bytes_per_run = 1200000 bytes: ") !=
        std::string::npos);
  CHECK(number(site.store(), "SELECT count(*) FROM snapshots") == 2);
  CHECK(run(config).exit_code == 0);
  CHECK(number(site.store(), "SELECT count(*) FROM snapshots") == 4);
}

TEST_CASE("stored-bytes bounds are whole numbers from 1, refused with their place") {
  tracker::test::TempDir dir;
  write_file(dir / "w.toml", "[[source]]\nname = \"a\"\nurl = \"https://example.org/feed.xml\"\n");
  write_file(dir / "tracker.toml",
             "watch = [\"w.toml\"]\n[limits]\nmax_stored_bytes_per_run = 0\n");
  auto refused = tracker::config::load_settings(dir / "tracker.toml");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().find("tracker.toml:3:") != std::string::npos);
  CHECK(refused.error().find("'max_stored_bytes_per_run' must be a whole number from 1") !=
        std::string::npos);
  write_file(dir / "tracker.toml",
             "watch = [\"w.toml\"]\n[limits]\nmax_stored_bytes_per_source_run = 5000\n");
  auto read = tracker::config::load_settings(dir / "tracker.toml");
  REQUIRE(read);
  CHECK(read->max_stored_bytes_per_source_run == 5000);
  CHECK(read->max_stored_bytes_per_run == tracker::config::Settings{}.max_stored_bytes_per_run);
}

TEST_CASE(
    "prune keeps the newest N snapshots per document, and history, show, changes and alerts still "
    "work") {
  tracker::test::TestSmtpServer smtp;
  DemoSite site;
  write_file(site.dir() / "watch.toml",
             "[[source]]\nname = \"demo\"\nurl = \"" + site.base() + "/feed.xml\"\n");
  write_file(site.config(),
             read_file(site.config()) + "[smtp]\nurl = \"" + smtp.url() +
                 "\"\nfrom = \"tracker@example.org\"\n[[alert]]\nto = [\"desk@example.org\"]\n"
                 "min_significance = \"low\"\n");
  const std::vector<std::string> versions = {
      "v1-wire.txt",        "v2-casualties.txt",    "v3-full.txt",      "v4-rotation.txt",
      "v5-attribution.txt", "v6-hedge-dropped.txt", "v7-retraction.txt"};
  for (const std::string& version : versions) {
    site.publish(version);
    REQUIRE(site.run().exit_code == 0);
  }
  const auto store = site.store();
  const std::string store_arg = store.string();
  REQUIRE(number(store, "SELECT count(*) FROM snapshots") == 7);
  const std::int64_t alerts_before = number(store, "SELECT count(*) FROM outbox");
  REQUIRE(alerts_before >= 3);
  const std::string url = site.base() + "/kursk.html";

  const std::string bytes_before = read_file(store);
  auto dry = run_tracker({"prune", "--keep", "3", "--store", store_arg, "--dry-run"});
  CHECK_MESSAGE(dry.exit_code == 0, dry.err);
  CHECK(dry.out.starts_with("would remove 4 snapshots of 1 document ("));
  CHECK(read_file(store) == bytes_before);  // a dry run changes nothing, not even a free page
  CHECK(number(store, "SELECT count(*) FROM snapshots") == 7);

  {  // Under the run lock, like a run.
    auto lock = tracker::pipeline::RunLock::acquire(store);
    REQUIRE(lock);
    auto blocked = run_tracker({"prune", "--keep", "3", "--store", store_arg});
    CHECK(blocked.exit_code == 2);
    CHECK(blocked.err.find("another tracker run is using this store") != std::string::npos);
  }
  CHECK(run_tracker({"prune", "--keep", "0", "--store", store_arg}).exit_code == 64);
  CHECK(run_tracker({"prune", "--keep", "1", "--older-than", "1000d", "--store", store_arg})
            .out.starts_with("removed 0 snapshots"));

  auto pruned = run_tracker({"prune", "--keep", "3", "--store", store_arg, "--vacuum"});
  CHECK_MESSAGE(pruned.exit_code == 0, pruned.err);
  CHECK(pruned.out.starts_with("removed 4 snapshots of 1 document ("));
  const auto kept = rows(store, "SELECT id FROM snapshots ORDER BY id");
  REQUIRE(kept.size() == 3);
  CHECK(kept.back() == "7");
  CHECK(number(store,
               "SELECT count(*) FROM changes WHERE snapshot_id NOT IN (SELECT id FROM snapshots) "
               "OR previous_snapshot_id NOT IN (SELECT id FROM snapshots)") == 0);
  CHECK(number(store,
               "SELECT count(*) FROM outbox o, json_each(o.change_ids) j "
               "WHERE j.value NOT IN (SELECT id FROM changes)") == 0);
  CHECK(number(store, "SELECT count(*) FROM outbox") == alerts_before);  // sent mail stays listed
  CHECK(rows(store, "PRAGMA foreign_key_check").empty());
  CHECK(tracker::test::integrity_check(store) == "ok");

  auto history = run_tracker({"history", url, "--store", store_arg, "--format", "json"});
  REQUIRE(history.exit_code == 0);
  CHECK(nlohmann::json::parse(history.out).size() == 3);
  for (const std::string& id : kept) {
    CHECK(run_tracker({"show", id, "--store", store_arg}).exit_code == 0);
  }
  CHECK(run_tracker({"show", "1", "--store", store_arg}).exit_code != 0);
  auto changes = run_tracker({"changes", "--store", store_arg, "--format", "json"});
  REQUIRE(changes.exit_code == 0);
  const auto listed = nlohmann::json::parse(changes.out);
  CHECK_FALSE(listed.empty());
  CHECK(run_tracker({"report", "--store", store_arg, "--html", (site.dir() / "r.html").string()})
            .exit_code == 0);
  CHECK(run_tracker({"reprocess", "--config", site.config().string()}).exit_code == 0);
  CHECK(run_tracker({"verify", "--store", store_arg}).exit_code == 0);

  // Runs go on: a new version is stored, diffed against the newest kept one, and alerted.
  const std::size_t mails = smtp.received().size();
  site.publish("v1-wire.txt");
  REQUIRE(site.run().exit_code == 0);
  CHECK(number(store, "SELECT count(*) FROM snapshots") == 4);
  CHECK(smtp.wait_for(mails + 1).size() == mails + 1);
  CHECK(run_tracker({"prune", "--keep", "3", "--store", store_arg})
            .out.starts_with("removed 1 snapshot of 1 document ("));
}
