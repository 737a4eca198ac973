// Document identity: a document belongs to the source that published it. A feed that reuses
// another source's GUID gets a document of its own; the same article in two feeds is one
// document only at the same URL. Through `tracker run` on a loopback news site.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/smtp_server.h"
#include "support/store_checks.h"
#include "support/temp_dir.h"
#include "tracker/store/schema.h"
#include "tracker/store/sqlite_handle.h"
#include "tracker/store/sqlite_store.h"

using tracker::test::DemoSite;
using tracker::test::run_process;
using tracker::test::run_tracker;
using tracker::test::TestSmtpServer;
using tracker::test::write_file;

namespace {

// Writes a feed with a modification time later than any before, so that a conditional GET
// made within the same second as the last change still sees this one.
void write_feed(const std::filesystem::path& path, const std::string& content) {
  static int writes = 0;
  write_file(path, content);
  std::filesystem::last_write_time(
      path, std::filesystem::file_time_type::clock::now() + std::chrono::minutes(++writes));
}

std::string rss(const std::string& base, const std::string& items) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed</title><link>" + base +
         "/</link><description>d</description>" + items + "</channel></rss>";
}

std::string item(const std::string& guid, const std::string& link, const std::string& title) {
  return "<item><title>" + title + "</title><link>" + link + "</link><guid isPermaLink=\"false\">" +
         guid + "</guid></item>";
}

// One row per document, "source | url | title | snapshots", oldest document first; rows
// joined by "; ".
std::string documents(const std::filesystem::path& store) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(store.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  tracker::store::SqliteDb db(raw);
  auto select = tracker::store::Statement::prepare(
      db.get(),
      "SELECT s.name, d.url, d.title, (SELECT count(*) FROM snapshots WHERE document_id = d.id) "
      "FROM documents d JOIN sources s ON s.id = d.source_id ORDER BY d.id");
  REQUIRE(select);
  std::string rows;
  while (*select->step()) {
    rows += (rows.empty() ? "" : "; ") + select->text(0) + " | " + select->text(1) + " | " +
            select->text(2) + " | " + std::to_string(select->int64(3));
  }
  return rows;
}

}  // namespace

TEST_CASE(
    "a feed reusing another source's GUID gets its own document and never rewrites the other's") {
  TestSmtpServer smtp;
  DemoSite site;
  const std::string base = site.base();
  site.publish("v3-full.txt");  // the victim's article at /kursk.html
  REQUIRE(run_process({"/usr/bin/python3",
                       (tracker::test::source_dir() / "feeds/demo/render_version.py").string(),
                       (tracker::test::source_dir() / "snapshots/kursk/v4-rotation.txt").string(),
                       (site.site_dir() / "evil.html").string()})
              .exit_code == 0);
  const std::string victim_item = item("victim-2025-kursk", base + "/kursk.html", "Kursk troops");
  write_feed(site.site_dir() / "victim.xml", rss(base, victim_item));
  write_feed(site.site_dir() / "attacker.xml", rss(base, ""));
  write_feed(site.site_dir() / "mirror.xml", rss(base, ""));
  // The attacker's feed comes first, so that it is read first in every run.
  write_file(site.dir() / "two.toml", "[[source]]\nname = \"attacker\"\nurl = \"" + base +
                                          "/attacker.xml\"\n"
                                          "[[source]]\nname = \"mirror\"\nurl = \"" +
                                          base +
                                          "/mirror.xml\"\n"
                                          "[[source]]\nname = \"victim-wire\"\nurl = \"" +
                                          base + "/victim.xml\"\n");
  const auto config = site.dir() / "identity.toml";
  write_file(config,
             "watch = [\"two.toml\"]\nstore = \"store/tracker.db\"\ntopics = \"" +
                 tracker::test::shipped_topics().string() + "\"\n[smtp]\nurl = \"" + smtp.url() +
                 "\"\nfrom = \"tracker@example.org\"\n[[alert]]\nto = [\"desk@example.org\"]\n"
                 "sources = [\"victim-wire\"]\nmin_significance = \"low\"\n");
  const auto run = [&] {
    auto result = run_tracker({"run", "--config", config.string(), "--all", "--color", "never"});
    CHECK_MESSAGE(result.exit_code == 0, result.err);
  };
  run();
  const std::string victim = "victim-wire | " + base + "/kursk.html | Kursk troops | 1";
  REQUIRE(documents(site.store()) == victim);

  // The attacker lists the victim's GUID with a link to its own page; a mirror lists the same
  // GUID at the victim's own URL, under another title.
  write_feed(site.site_dir() / "attacker.xml",
             rss(base, item("victim-2025-kursk", base + "/evil.html", "Invented")));
  write_feed(site.site_dir() / "mirror.xml",
             rss(base, item("victim-2025-kursk", base + "/kursk.html", "Mirrored")));
  for (int i = 0; i < 3; ++i) {  // and nothing flips from run to run
    CAPTURE(i);
    run();
    CHECK(documents(site.store()) == victim + "; attacker | " + base + "/evil.html | Invented | 1");
    CHECK(tracker::test::sql_number(site.store(), "SELECT count(*) FROM changes") == 0);
    CHECK(tracker::test::sql_number(site.store(), "SELECT count(*) FROM outbox") == 0);
  }
  CHECK(smtp.received().empty());
  auto history = run_tracker({"history", base + "/kursk.html", "--store", site.store().string()});
  CHECK(history.exit_code == 0);
  CHECK(history.out.find("evil") == std::string::npos);

  // The victim's real update is still its own, and alerts as its own.
  site.publish("v4-rotation.txt");
  run();
  CHECK(documents(site.store()) == "victim-wire | " + base + "/kursk.html | Kursk troops | 2" +
                                      "; attacker | " + base + "/evil.html | Invented | 1");
  CHECK(smtp.wait_for(1).size() == 1);
  CHECK(tracker::test::integrity_check(site.store()) == "ok");
}

TEST_CASE("a store of schema version 3 migrates to per-source documents and keeps their history") {
  tracker::test::TempDir dir;
  const auto path = dir / "old.db";
  {  // What a version 3 tracker wrote: its migrations, a document with two versions and a change.
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    tracker::store::SqliteDb db(raw);
    for (const auto& migration : tracker::store::migrations()) {
      if (migration.version <= 3) {
        REQUIRE(tracker::store::execute(db.get(), migration.sql));
      }
    }
    REQUIRE(tracker::store::execute(
        db.get(),
        "INSERT INTO sources VALUES (1, 'victim-wire', 'https://example.org/feed.xml', 'feed');"
        "INSERT INTO documents VALUES (7, 1, 'victim-2025-kursk', 'https://example.org/kursk', "
        "'Kursk', 100);"
        "INSERT INTO snapshots VALUES (1, 7, 100, 200, '', '', 'a', 'b', 1, x'00', 'Old.', '[]');"
        "INSERT INTO snapshots VALUES (2, 7, 200, 200, '', '', 'a', 'c', 1, x'00', 'New.', '[]');"
        "INSERT INTO changes VALUES (1, 7, 2, 1, 'modified', 'high', '[]', '[]', 'Old.', 'New.', "
        "'{}', 200);"));
  }
  auto store = tracker::store::SqliteStore::open(path);
  REQUIRE_MESSAGE(store, store.error().message);
  CHECK(tracker::test::sql_number(path, "PRAGMA user_version") == tracker::store::k_schema_version);
  CHECK(tracker::test::sql_number(path, "SELECT count(*) FROM snapshots WHERE document_id = 7") == 2);
  CHECK(tracker::test::sql_number(path, "SELECT count(*) FROM changes WHERE document_id = 7 AND snapshot_id = 2") == 1);
  auto kept = (*store)->find_document(1, "victim-2025-kursk", "https://example.org/other");
  REQUIRE(kept);
  REQUIRE(kept->has_value());
  CHECK((*kept)->id == 7);
  CHECK((*kept)->first_seen == 100);
  // Another source with the same GUID elsewhere gets a document of its own from now on.
  auto other = (*store)->upsert_source("attacker", "https://evil.example/feed.xml", "feed");
  REQUIRE(other);
  auto taken = (*store)->find_document(*other, "victim-2025-kursk", "https://evil.example/page");
  REQUIRE(taken);
  CHECK_FALSE(taken->has_value());
  auto own = (*store)->ensure_document(
      {*other, "victim-2025-kursk", "https://evil.example/page", "Invented", 300});
  REQUIRE(own);
  CHECK(*own != 7);
  // The same GUID at the same URL is the same article: one document, the first source's.
  auto third = (*store)->upsert_source("mirror", "https://mirror.example/feed.xml", "feed");
  REQUIRE(third);
  auto mirror = (*store)->ensure_document(
      {*third, "victim-2025-kursk", "https://example.org/kursk", "Mirror", 300});
  REQUIRE(mirror);
  CHECK(*mirror == 7);
  auto document = (*store)->document(7);
  REQUIRE(document);
  CHECK((*document)->url == "https://example.org/kursk");
  CHECK((*document)->title == "Kursk");
  CHECK((*store)->check_integrity());
}
