#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "support/paths.h"
#include "support/seeded_store.h"
#include "support/store_records.h"
#include "support/temp_dir.h"
#include "tracker/store/page_compression.h"
#include "tracker/store/schema.h"
#include "tracker/store/sha256.h"
#include "tracker/store/sqlite_handle.h"
#include "tracker/store/sqlite_store.h"

using namespace tracker::store;
using tracker::test::change;
using tracker::test::open_store;
using tracker::test::seed;
using tracker::test::Seeded;
using tracker::test::TempDir;
using tracker::test::version;

namespace {

// Snapshot `id` gives `page` back byte for byte, with its size and SHA-256.
void check_stored_page(SnapshotStore& store, SnapshotId id, const std::string& page) {
  auto raw = store.raw_page(id);
  REQUIRE(raw);
  REQUIRE(raw->has_value());
  CHECK(**raw == page);
  auto snapshot = store.snapshot(id);
  REQUIRE(snapshot);
  REQUIRE(snapshot->has_value());
  CHECK((*snapshot)->raw_size == static_cast<std::int64_t>(page.size()));
  CHECK((*snapshot)->raw_sha256 == sha256_hex(page));
}

// Runs one SQL statement on the file directly, behind the store's back.
// The store's file opened as plain SQLite, behind the store's back.
SqliteDb open_raw(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open(path.c_str(), &raw);
  SqliteDb db(raw);
  REQUIRE(opened == SQLITE_OK);
  return db;
}

void poke(const std::filesystem::path& path, const char* sql) {
  SqliteDb db = open_raw(path);
  auto done = execute(db.get(), sql);
  REQUIRE_MESSAGE(done, sqlite3_errmsg(db.get()));
}

void check_healthy(SqliteStore& store) {
  auto healthy = store.check_integrity();
  CHECK_MESSAGE(healthy, (healthy ? "" : healthy.error().message));
}

}  // namespace

TEST_CASE("a store created and reopened keeps its data") {
  TempDir dir;
  const auto path = dir / "snapshots/tracker.db";  // the directory does not exist yet
  SnapshotId first = 0;
  {
    auto store = open_store(path);
    const Seeded seeded = seed(*store);
    auto added = store->add_snapshot(seeded.document, version("Troops arrived."));
    REQUIRE(added);
    REQUIRE(added->has_value());
    first = **added;
  }
  auto store = open_store(path);
  auto document = store->find_document(1, "afp-kursk-1", "https://example.org/afp-kursk-1");
  REQUIRE(document);
  REQUIRE(document->has_value());
  CHECK((*document)->url == "https://example.org/afp-kursk-1");
  CHECK((*document)->first_seen == 1'739'260'000);
  auto latest = store->latest_snapshot((*document)->id);
  REQUIRE(latest);
  REQUIRE(latest->has_value());
  CHECK((*latest)->id == first);
  CHECK((*latest)->text == "Troops arrived.");
  CHECK((*latest)->text_sha256 == sha256_hex("Troops arrived."));
  CHECK((*latest)->etag == "\"v1\"");
  CHECK((*latest)->claims_json == R"([{"text":"claim"}])");

  // The same key again is the same document, with the newer title and its first sighting kept.
  auto again = store->ensure_document({(*document)->source_id, "afp-kursk-1",
                                       "https://example.org/afp-kursk-1", "Updated title", 1});
  REQUIRE(again);
  CHECK(*again == (*document)->id);
  auto updated = store->document(*again);
  REQUIRE(updated);
  REQUIRE(updated->has_value());
  CHECK((*updated)->title == "Updated title");
  CHECK((*updated)->first_seen == 1'739'260'000);
  check_healthy(*store);
}

TEST_CASE("a store that cannot be created names the path and the reason") {
  TempDir dir;
  tracker::test::write_file(dir / "file", "a file where a directory should be");
  auto refused = SqliteStore::open(dir / "file/snapshots/tracker.db");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == StoreErrorKind::unavailable);
  CHECK(refused.error().message.starts_with((dir / "file/snapshots/tracker.db").string() +
                                            ": cannot create the directory "));
}

TEST_CASE("SHA-256 is the standard one, in lowercase hex") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("the latest snapshot's id and the latest version are read without the rest") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  const Seeded seeded = seed(*store);
  CHECK(store->latest_snapshot_id(seeded.document).value() == std::nullopt);
  CHECK(store->latest_version(seeded.document).value() == std::nullopt);
  const auto first = store->add_snapshot(seeded.document, version("First text.")).value();
  const auto second = store->add_snapshot(seeded.document, version("Second text.")).value();
  REQUIRE(first);
  REQUIRE(second);
  SnapshotInput takedown = version("");
  takedown.gone = "the page answers 404 Not Found";
  const auto gone = store->add_snapshot(seeded.document, takedown).value();
  REQUIRE(gone);
  CHECK(store->latest_snapshot_id(seeded.document).value() == gone);
  const auto last = store->latest_version(seeded.document).value();
  REQUIRE(last);
  CHECK(last->id == *second);  // the takedown is not a version
  CHECK(last->text == "Second text.");
  CHECK(store->latest_snapshot_id(seeded.document + 1).value() == std::nullopt);  // no such document
}

TEST_CASE("identical text gives no new snapshot and changed text does") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  const Seeded seeded = seed(*store);
  auto first = store->add_snapshot(seeded.document, version("More than 10,000 troops."));
  REQUIRE(first);
  REQUIRE(first->has_value());
  // Same text, different raw page (an ad changed): not a new version.
  auto same =
      store->add_snapshot(seeded.document, version("More than 10,000 troops.", "<p>other ad</p>"));
  REQUIRE(same);
  CHECK_FALSE(same->has_value());
  auto changed = store->add_snapshot(seeded.document, version("More than 11,000 troops."));
  REQUIRE(changed);
  REQUIRE(changed->has_value());
  CHECK(**changed > **first);
  // Back to the first text is a change too: it differs from the latest version.
  auto reverted = store->add_snapshot(seeded.document, version("More than 10,000 troops."));
  REQUIRE(reverted);
  CHECK(reverted->has_value());

  auto history = store->history("https://example.org/afp-kursk-1");
  REQUIRE(history);
  REQUIRE(history->size() == 3);
  CHECK((*history)[0].text == "More than 10,000 troops.");
  CHECK((*history)[1].text == "More than 11,000 troops.");
  auto by_key = store->history("afp-kursk-1");
  REQUIRE(by_key);
  CHECK(by_key->size() == 3);
  auto unknown = store->history("https://example.org/never-seen");
  REQUIRE(unknown);
  CHECK(unknown->empty());
}

TEST_CASE("the raw page round-trips through compression byte for byte") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  const Seeded seeded = seed(*store);
  std::string page = "<html>\xEF\xBB\xBF caf\xE9 \xFF\xFE";
  page += std::string("\0\0\x01\x80\x7F", 5);
  for (int i = 0; i < 20000; ++i) {
    page += static_cast<char>((i * 7919) % 256);
  }
  auto added = store->add_snapshot(seeded.document, version("Text.", page));
  REQUIRE(added);
  REQUIRE(added->has_value());
  check_stored_page(*store, **added, page);

  auto empty = store->add_snapshot(seeded.document, version("Other text.", ""));
  REQUIRE(empty);
  REQUIRE(empty->has_value());
  auto empty_raw = store->raw_page(**empty);
  REQUIRE(empty_raw);
  CHECK(*empty_raw == std::optional<std::string>(""));

  auto missing = store->raw_page(9999);
  REQUIRE(missing);
  CHECK_FALSE(missing->has_value());
}

TEST_CASE("a page compressed beforehand (on a run's worker) is stored as one compressed by the store") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  const Seeded seeded = seed(*store);
  std::string page = "<html><body>";
  for (int i = 0; i < 5000; ++i) {
    page += "<p>paragraph " + std::to_string(i) + "</p>";
  }
  SnapshotInput input = version("Prepared text.", "");  // `raw` empty: the prepared page is what counts
  auto prepared = prepare_raw(page);
  REQUIRE(prepared);
  CHECK(prepared->compressed.size() < page.size() / 4);
  input.prepared_raw = *prepared;
  auto added = store->add_snapshot(seeded.document, input);
  REQUIRE(added);
  REQUIRE(added->has_value());
  check_stored_page(*store, **added, page);
}

TEST_CASE("a damaged stored page is reported as corrupt, not returned") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  auto store = open_store(path);
  const Seeded seeded = seed(*store);
  auto added = store->add_snapshot(seeded.document, version("Text.", "<p>the page</p>"));
  REQUIRE(added);
  poke(path, "UPDATE snapshots SET raw_compressed = x'789c0300'");
  auto raw = store->raw_page(**added);
  REQUIRE_FALSE(raw);
  CHECK(raw.error().kind == StoreErrorKind::corrupt);
  CHECK(raw.error().message.starts_with(path.string() + ": cannot read the page of snapshot "));
  poke(path, "UPDATE snapshots SET raw_size = 1000000000000");
  auto absurd = store->raw_page(**added);
  REQUIRE_FALSE(absurd);
  CHECK(absurd.error().kind == StoreErrorKind::corrupt);
}

TEST_CASE("pages are stored as checksummed Zstandard frames, and a damaged byte is found") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  auto store = open_store(path);
  const Seeded seeded = seed(*store);
  std::string page = "<html><body>";
  for (int i = 0; i < 200; ++i) {
    page += "<p>paragraph " + std::to_string(i) + " of a page stored whole</p>";
  }
  auto prepared = prepare_raw(page);
  REQUIRE(prepared);
  CHECK(prepared->compressed.starts_with(std::string_view("\x28\xb5\x2f\xfd")));  // the zstd magic
  auto added = store->add_snapshot(seeded.document, version("Text.", page));
  REQUIRE(added);
  check_stored_page(*store, **added, page);
  // One byte of the frame's data changed (past its 6-byte header): the checksum or the
  // decoder says so.
  {
    SqliteDb db = open_raw(path);
    auto select = Statement::prepare(db.get(), "SELECT raw_compressed FROM snapshots");
    REQUIRE(select);
    REQUIRE(*select->step());
    std::string blob = select->blob(0);
    REQUIRE(blob.size() > 21);
    blob[20] = static_cast<char>(blob[20] ^ 0x01);
    auto update = Statement::prepare(db.get(), "UPDATE snapshots SET raw_compressed = ?1");
    REQUIRE(update);
    update->bind_blob(1, blob);
    REQUIRE(update->run());
  }
  auto damaged = store->raw_page(**added);
  REQUIRE_FALSE(damaged);
  CHECK(damaged.error().kind == StoreErrorKind::corrupt);
  CHECK(decompress_page(prepared->compressed + "x", static_cast<std::int64_t>(page.size())).error() ==
        "the compressed page has trailing bytes");
  CHECK(decompress_page(prepared->compressed, static_cast<std::int64_t>(page.size()) + 1).error() ==
        "the page inflates to " + std::to_string(page.size()) + " bytes, not the recorded " +
            std::to_string(page.size() + 1));
}

TEST_CASE("a page stored as zlib before schema 10 is read back after the store is migrated") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  const std::string page = "<html><body><p>A page stored by tracker 0.9, before Zstandard.</p></body></html>";
  SnapshotId id = 0;
  {
    auto store = open_store(path);
    const Seeded seeded = seed(*store);
    auto added = store->add_snapshot(seeded.document, version("Text.", page));
    REQUIRE(added);
    id = **added;
  }
  // What a schema 9 tracker left: the page as zlib level 3 (Python's zlib.compress), in raw_zlib.
  poke(path,
       "UPDATE snapshots SET raw_compressed = x'785eb3c928c9cdb1b349ca4fa9b4b329b0735428484c4f55282ec92f4a4d5148aa54"
       "28294a4cce4e2d5230d0b3d451484a4d038a2b44159724e6a52416a5e8d9e817d8d9e84334eb834d020057ba1b35'; "
       "DROP TABLE story_members; DROP TABLE story_grouping; DROP TABLE story_terms; DROP TABLE ledger_alert_rules; "
       "ALTER TABLE snapshots RENAME COLUMN raw_compressed TO raw_zlib; PRAGMA user_version = 9;");
  auto store = open_store(path);
  check_stored_page(*store, id, page);
  check_healthy(*store);
}

TEST_CASE("a store with a newer schema version is refused with a message saying so") {
  TempDir dir;
  const auto path = dir / "snapshots/tracker.db";
  open_store(path);
  poke(path, ("PRAGMA user_version = " + std::to_string(k_schema_version + 1)).c_str());
  auto refused = SqliteStore::open(path);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == StoreErrorKind::newer_schema);
  CHECK(refused.error().message ==
        path.string() +
            ": store schema version " + std::to_string(k_schema_version + 1) +
            " is newer than this tracker understands (" +
            std::to_string(k_schema_version) + "); upgrade tracker");
}

TEST_CASE("a file that is not SQLite is refused clearly and left untouched") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  const std::string content = "<html><body>not a database, but a saved page</body></html>\n";
  tracker::test::write_file(path, content);
  auto refused = SqliteStore::open(path);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == StoreErrorKind::not_a_store);
  CHECK(refused.error().message == path.string() + ": not a tracker store: not an SQLite database");
  CHECK(tracker::test::read_file(path) == content);
}

TEST_CASE("another program's SQLite database is refused and not given our tables") {
  TempDir dir;
  const auto path = dir / "other.db";
  poke(path, "CREATE TABLE bookmarks (url TEXT)");
  auto refused = SqliteStore::open(path);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == StoreErrorKind::not_a_store);
  CHECK(refused.error().message ==
        path.string() + ": not a tracker store: an SQLite database of another program");
  poke(path, "INSERT INTO bookmarks VALUES ('still here')");  // and no snapshots table:
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  SqliteDb db(raw);
  CHECK_FALSE(execute(db.get(), "SELECT * FROM snapshots"));
}

TEST_CASE("an empty file becomes a store, and a missing one is an error for readers") {
  TempDir dir;
  tracker::test::write_file(dir / "empty.db", "");
  auto store = open_store(dir / "empty.db");
  check_healthy(*store);
  auto missing = SqliteStore::open(dir / "missing.db", OpenOptions{.create = false});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == StoreErrorKind::unavailable);
  CHECK(missing.error().message ==
        (dir / "missing.db").string() + ": no store here (nothing has been stored yet)");
  CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST_CASE("fetch state round-trips and is replaced by the next fetch") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  auto none = store->fetch_state("https://example.org/feed.xml");
  REQUIRE(none);
  CHECK_FALSE(none->has_value());

  FetchState state{"https://example.org/feed.xml",
                   "W/\"abc\"",
                   "Tue, 11 Feb 2025 06:12:00 GMT",
                   1'739'260'800,
                   200,
                   "",
                   0,
                   1'739'262'600,
                   "the feed does not parse"};
  REQUIRE(store->put_fetch_state(state));
  auto read = store->fetch_state(state.url);
  REQUIRE(read);
  REQUIRE(read->has_value());
  CHECK((*read)->etag == state.etag);
  CHECK((*read)->last_modified == state.last_modified);
  CHECK((*read)->last_fetch == state.last_fetch);
  CHECK((*read)->last_status == 200);
  CHECK((*read)->last_error.empty());
  CHECK((*read)->next_due == state.next_due);
  CHECK((*read)->problem == "the feed does not parse");

  FetchState failed{state.url, "",          "", 1'739'264'400, 503, "HTTP 503 Service Unavailable",
                    3,         std::nullopt, ""};
  REQUIRE(store->put_fetch_state(failed));
  read = store->fetch_state(state.url);
  REQUIRE(read);
  REQUIRE(read->has_value());
  CHECK((*read)->etag.empty());
  CHECK((*read)->last_status == 503);
  CHECK((*read)->last_error == "HTTP 503 Service Unavailable");
  CHECK((*read)->consecutive_failures == 3);
  CHECK_FALSE((*read)->next_due.has_value());
}

TEST_CASE("changes are listed oldest first and filtered by time, topic and snapshot") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  const Seeded seeded = seed(*store);
  auto first = store->add_snapshot(seeded.document, version("One."));
  auto second = store->add_snapshot(seeded.document, version("Two."));
  REQUIRE(first);
  REQUIRE(second);
  ChangeInput early = change(seeded, **second, {"deployment"}, 1000);
  early.previous_snapshot_id = **first;
  ChangeInput late = change(seeded, **second, {"casualties", "combat"}, 2000);
  late.kind = "added";
  late.old_text = std::nullopt;
  ChangeInput untopical = change(seeded, **first, {}, 3000);
  auto ids = store->add_changes({late, early, untopical});
  REQUIRE(ids);
  CHECK(ids->size() == 3);

  auto all = store->changes({});
  REQUIRE(all);
  REQUIRE(all->size() == 3);
  CHECK((*all)[0].created_at == 1000);
  CHECK((*all)[0].topics == std::vector<std::string>{"deployment"});
  CHECK((*all)[0].previous_snapshot_id == **first);
  CHECK((*all)[0].aspects == std::vector<std::string>{"number"});
  CHECK((*all)[1].kind == "added");
  CHECK_FALSE((*all)[1].old_text.has_value());
  CHECK((*all)[1].new_text == "more than 11,000 troops");
  CHECK_FALSE((*all)[1].previous_snapshot_id.has_value());
  CHECK((*all)[1].detail_json == "{}");

  auto since = store->changes({.since = 2000});
  REQUIRE(since);
  REQUIRE(since->size() == 2);
  CHECK((*since)[0].created_at == 2000);
  auto casualties = store->changes({.topic = "casualties"});
  REQUIRE(casualties);
  REQUIRE(casualties->size() == 1);
  CHECK((*casualties)[0].topics == std::vector<std::string>{"casualties", "combat"});
  auto late_deployment = store->changes({.since = 1500, .topic = "deployment"});
  REQUIRE(late_deployment);
  CHECK(late_deployment->empty());
  // A topic name is matched whole, never as a pattern.
  auto pattern = store->changes({.topic = "%"});
  REQUIRE(pattern);
  CHECK(pattern->empty());
  auto of_first = store->changes({.snapshot_id = **first});
  REQUIRE(of_first);
  REQUIRE(of_first->size() == 1);
  CHECK((*of_first)[0].created_at == 3000);
}

TEST_CASE("changes are stored all together or not at all") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  const Seeded seeded = seed(*store);
  auto snapshot = store->add_snapshot(seeded.document, version("One."));
  REQUIRE(snapshot);
  auto refused = store->add_changes(
      {change(seeded, **snapshot, {"combat"}, 1), change(seeded, 4242, {"combat"}, 2)});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == StoreErrorKind::invalid_input);
  CHECK(refused.error().message.find("not in the store") != std::string::npos);
  auto all = store->changes({});
  REQUIRE(all);
  CHECK(all->empty());
  auto orphan = store->add_snapshot(777, version("No such document."));
  REQUIRE_FALSE(orphan);
  CHECK(orphan.error().kind == StoreErrorKind::invalid_input);
}

TEST_CASE("a transaction destroyed without commit leaves nothing behind") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  auto store = open_store(path);
  const Seeded seeded = seed(*store);
  {
    auto transaction = store->begin();
    REQUIRE(transaction);
    auto snapshot = store->add_snapshot(seeded.document, version("Uncommitted."));
    REQUIRE(snapshot);
    REQUIRE(store->add_changes({change(seeded, **snapshot, {"combat"}, 1)}));
    REQUIRE(store->put_fetch_state({"https://example.org/x", "", "", 1, 200, "", 0, 2, ""}));
    auto nested = store->begin();
    REQUIRE_FALSE(nested);
    CHECK(nested.error().message.find("a transaction is already open") != std::string::npos);
  }
  auto latest = store->latest_snapshot(seeded.document);
  REQUIRE(latest);
  CHECK_FALSE(latest->has_value());
  auto changes = store->changes({});
  REQUIRE(changes);
  CHECK(changes->empty());
  auto state = store->fetch_state("https://example.org/x");
  REQUIRE(state);
  CHECK_FALSE(state->has_value());

  // And a committed one keeps everything, seen from a second handle.
  {
    auto transaction = store->begin();
    REQUIRE(transaction);
    auto snapshot = store->add_snapshot(seeded.document, version("Committed."));
    REQUIRE(snapshot);
    REQUIRE(store->add_changes({change(seeded, **snapshot, {"combat"}, 1)}));
    REQUIRE(transaction->commit());
    CHECK_FALSE(transaction->commit());  // once only
  }
  auto other = open_store(path);
  auto committed = other->changes({});
  REQUIRE(committed);
  CHECK(committed->size() == 1);
  check_healthy(*store);
}

TEST_CASE("two runs on one store see each other's writes") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  auto first = open_store(path);
  auto second = open_store(path);
  const Seeded seeded = seed(*first);
  auto snapshot = first->add_snapshot(seeded.document, version("From the first run."));
  REQUIRE(snapshot);
  auto seen = second->latest_snapshot(seeded.document);
  REQUIRE(seen);
  REQUIRE(seen->has_value());
  CHECK((*seen)->text == "From the first run.");
  // The second run fetched the same text: it must not store it again.
  auto again = second->add_snapshot(seeded.document, version("From the first run."));
  REQUIRE(again);
  CHECK_FALSE(again->has_value());
}

TEST_CASE("a write fails as busy when another run holds the store past the timeout") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  auto holder = open_store(path);
  auto waiter = open_store(path, OpenOptions{.busy_timeout = std::chrono::milliseconds(100)});
  auto transaction = holder->begin();
  REQUIRE(transaction);
  REQUIRE(holder->upsert_source("held", "https://example.org/held", "page"));

  auto busy = waiter->upsert_source("AFP", "https://example.org/feed.xml", "rss");
  REQUIRE_FALSE(busy);
  CHECK(busy.error().kind == StoreErrorKind::busy);
  CHECK(busy.error().message ==
        path.string() +
            ": cannot record the source: store is busy: another tracker run has been writing to "
            "it for over 100 ms; try again when it is done");
  // Readers are not blocked by a writer (WAL), and see only what was committed.
  auto before_commit = waiter->history("https://example.org/held");
  REQUIRE(before_commit);

  REQUIRE(transaction->commit());
  CHECK(waiter->upsert_source("AFP", "https://example.org/feed.xml", "rss"));
  check_healthy(*waiter);
}

TEST_CASE("a write waits for another run's transaction and goes through when it ends") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  auto holder = open_store(path);
  auto waiter = open_store(path, OpenOptions{.busy_timeout = std::chrono::seconds(10)});
  auto transaction = holder->begin();
  REQUIRE(transaction);
  const Seeded seeded = seed(*holder);

  std::thread finisher([&transaction] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    (void)transaction->commit();
  });
  const auto start = std::chrono::steady_clock::now();
  auto snapshot = waiter->add_snapshot(seeded.document, version("Written after the wait."));
  const auto waited = std::chrono::steady_clock::now() - start;
  finisher.join();
  REQUIRE_MESSAGE(snapshot, (snapshot ? "" : snapshot.error().message));
  CHECK(snapshot->has_value());
  CHECK(waited >= std::chrono::milliseconds(150));
  auto history = holder->history("afp-kursk-1");
  REQUIRE(history);
  CHECK(history->size() == 1);
  check_healthy(*holder);
}

TEST_CASE("hostile strings are stored and read back verbatim") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  auto store = open_store(path);
  const std::string hostile = "Robert'); DROP TABLE snapshots; -- \"quoted\" `tick` %_ \\ ?1 :a";
  auto source =
      store->upsert_source(hostile, "https://example.org/'; DROP TABLE sources;--", hostile);
  REQUIRE(source);
  auto document = store->ensure_document({*source, hostile, hostile, hostile, 1});
  REQUIRE(document);
  auto snapshot = store->add_snapshot(
      *document, SnapshotInput{1, 200, hostile, hostile, hostile, hostile + " text", hostile, hostile, {}, "", 1, hostile, {}});
  REQUIRE(snapshot);
  REQUIRE(snapshot->has_value());
  ChangeInput input = change({*source, *document}, **snapshot, {hostile, "it's"}, 5);
  input.old_text = hostile;
  input.detail_json = hostile;
  REQUIRE(store->add_changes({input}));
  REQUIRE(store->put_fetch_state({hostile, hostile, hostile, 1, 200, hostile, 1, 2, hostile}));

  auto reopened = open_store(path);
  auto read_document = reopened->find_document(*source, hostile, hostile);
  REQUIRE(read_document);
  REQUIRE(read_document->has_value());
  CHECK((*read_document)->title == hostile);
  auto read_snapshot = reopened->snapshot(**snapshot);
  REQUIRE(read_snapshot);
  REQUIRE(read_snapshot->has_value());
  CHECK((*read_snapshot)->text == hostile + " text");
  CHECK((*read_snapshot)->etag == hostile);
  CHECK((*read_snapshot)->claims_json == hostile);
  CHECK((*read_snapshot)->headline == hostile);
  CHECK(reopened->raw_page(**snapshot).value() == std::optional<std::string>(hostile));
  auto changes = reopened->changes({.topic = hostile});
  REQUIRE(changes);
  REQUIRE(changes->size() == 1);
  CHECK((*changes)[0].topics == std::vector<std::string>{hostile, "it's"});
  CHECK((*changes)[0].old_text == hostile);
  CHECK((*changes)[0].detail_json == hostile);
  auto state = reopened->fetch_state(hostile);
  REQUIRE(state);
  REQUIRE(state->has_value());
  CHECK((*state)->last_error == hostile);
  CHECK(reopened->history(hostile).value().size() == 1);
  check_healthy(*reopened);
}

TEST_CASE("a document's new title drops its story terms, and the same title keeps them") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  const Seeded seeded = seed(*store, "untitled");
  REQUIRE(store->put_story_terms({{seeded.document, 1, "troops\tTroops\t1\n"}}));
  const auto terms_rows = [&] { return store->story_terms().value().size(); };
  DocumentInput same{seeded.source, "untitled", "https://example.org/untitled", "North Korean troops", 1'739'260'000};
  REQUIRE(store->ensure_document(same).value() == seeded.document);
  CHECK(terms_rows() == 1);
  DocumentInput retitled = same;
  retitled.title = "North Korean troops withdrawn";
  REQUIRE(store->ensure_document(retitled).value() == seeded.document);
  CHECK(terms_rows() == 0);
  auto documents = store->documents_without_story_terms(1);
  REQUIRE(documents);
  REQUIRE(documents->size() == 1);
  CHECK(documents->front().title == "North Korean troops withdrawn");
}

TEST_CASE("stored stories: each document's story, read by a member or a pin, added to or regrouped whole") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  const Seeded first = seed(*store, "first");
  const Seeded second = seed(*store, "second");
  const Seeded third = seed(*store, "third");
  CHECK(store->story_settings().value().empty());
  CHECK(store->documents_without_story().value() == 3);
  const std::string hostile = "pin'); DROP TABLE story_members; --";
  REQUIRE(store->put_story_members("settings A", {{first.document, first.document, ""}, {second.document, first.document, ""}},
                                   false));
  REQUIRE(store->put_story_members("settings A", {{third.document, third.document, hostile}}, false));
  CHECK(store->story_settings().value() == "settings A");
  CHECK(store->documents_without_story().value() == 0);
  const auto documents_of = [](const std::vector<StoryMember>& members) {
    std::vector<DocumentId> ids;
    for (const StoryMember& member : members) {
      ids.push_back(member.document);
    }
    return ids;
  };
  CHECK(documents_of(store->story_holding(second.document).value()) ==
        std::vector<DocumentId>{first.document, second.document});
  CHECK(store->story_holding(third.document).value().at(0).pin == hostile);
  CHECK(documents_of(store->pinned_story(hostile).value()) == std::vector<DocumentId>{third.document});
  CHECK(store->story_holding(999).value().empty());
  CHECK(store->pinned_story("none").value().empty());
  // Regrouped: the stories given replace every stored one.
  REQUIRE(store->put_story_members("settings B", {{second.document, second.document, ""}}, true));
  const StoredStories stored = store->stored_stories().value();
  CHECK(stored.settings == "settings B");
  REQUIRE(stored.members.size() == 1);
  CHECK(stored.members[0].document == second.document);
  CHECK(store->documents_without_story().value() == 2);
  // One story's summaries alone, as the listing of all has them; an unknown id is skipped.
  const std::vector<DocumentSummary> some = store->document_summaries({third.document, 999, first.document}).value();
  const std::vector<DocumentSummary> all = store->document_summaries().value();
  REQUIRE(some.size() == 2);
  std::vector<DocumentId> listed_order;
  for (const DocumentSummary& summary : all) {
    if (summary.document.id != second.document) {
      listed_order.push_back(summary.document.id);
    }
  }
  CHECK(std::vector<DocumentId>{some[0].document.id, some[1].document.id} == listed_order);
  CHECK(some[0].source_name == "AFP");
  check_healthy(*store);
}

TEST_CASE("the store passes SQLite's integrity check after all kinds of writes") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  {
    auto store = open_store(path);
    for (int document_number = 0; document_number < 5; ++document_number) {
      const Seeded seeded = seed(*store, "doc-" + std::to_string(document_number));
      for (int edition = 0; edition < 4; ++edition) {
        auto transaction = store->begin();
        REQUIRE(transaction);
        auto snapshot = store->add_snapshot(
            seeded.document, version("Edition " + std::to_string(edition / 2) + ".",
                                     std::string(5000, static_cast<char>('a' + edition))));
        REQUIRE(snapshot);
        if (snapshot->has_value()) {
          REQUIRE(store->add_changes({change(seeded, **snapshot, {"deployment"}, edition)}));
        }
        if (edition % 2 == 1) {
          REQUIRE(transaction->commit());
        }  // else rolled back here
      }
    }
  }
  auto store = open_store(path);
  check_healthy(*store);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  SqliteDb db(raw);
  for (const char* pragma : {"PRAGMA integrity_check", "PRAGMA journal_mode"}) {
    auto statement = Statement::prepare(db.get(), pragma);
    REQUIRE(statement);
    auto row = statement->step();
    REQUIRE(row);
    REQUIRE(*row);
    CHECK(statement->text(0) ==
          (std::string_view(pragma) == "PRAGMA integrity_check" ? "ok" : "wal"));
  }
  auto all = store->changes({});
  REQUIRE(all);
  // Per document, editions 1 and 3 were committed, each a new text after the rollbacks.
  CHECK(all->size() == 10);
}
