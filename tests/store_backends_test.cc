// The store's contract, held by both backends: every test runs on a new SQLite file and on a
// new database of a private PostgreSQL server (support/postgres_server.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/demo_site.h"
#include "support/postgres_server.h"
#include "support/process.h"
#include "support/store_records.h"
#include "support/temp_dir.h"
#include "tracker/pipeline/run_lock.h"
#include "tracker/store/open_store.h"
#include "tracker/store/pg_connection.h"
#include "tracker/store/sha256.h"

using namespace tracker::store;
using tracker::test::change;
using tracker::test::seed;
using tracker::test::Seeded;
using tracker::test::TempDir;
using tracker::test::version;

namespace {

struct Backend {
  std::string name;
  std::string location;
};

// A new, empty store of each backend.
std::vector<Backend> fresh_backends(const TempDir& dir) {
  return {{"SQLite", (dir / "tracker.db").string()},
          {"PostgreSQL", tracker::test::shared_postgres().create_database()}};
}

std::unique_ptr<SnapshotStore> open_at(const std::string& location,
                                       const OpenOptions& options = {}) {
  auto opened = open_store(location, options);
  if (!opened) {
    FAIL("cannot open the store: " << opened.error().message);
  }
  return std::move(*opened);
}

SnapshotId add(SnapshotStore& store, DocumentId document, const SnapshotInput& input) {
  auto added = store.add_snapshot(document, input);
  REQUIRE_MESSAGE(added, (added ? "" : added.error().message));
  REQUIRE(added->has_value());
  return **added;
}

}  // namespace

TEST_CASE(
    "every backend: a reopened store keeps its sources, documents and versions, pages byte for "
    "byte") {
  TempDir dir;
  for (const Backend& backend : fresh_backends(dir)) {
    CAPTURE(backend.name);
    std::string page = "<html>\xff\xfe binary \0 bytes";
    page += std::string(1, '\0') + "after a NUL";
    SnapshotId first = 0;
    SnapshotId second = 0;
    Seeded seeded;
    {
      auto store = open_at(backend.location);
      seeded = seed(*store);
      SnapshotInput input = version("Seoul says more than 10,000 troops.", page);
      input.headline = "Troops in Kursk";
      input.fields = PageFields{"The standfirst", "By A. Reporter", "2025-02-11T06:00:00Z", ""};
      first = add(*store, seeded.document, input);
      second = add(*store, seeded.document,
                   version("Seoul says some 12,000 troops.", "<p>v2</p>", 1'739'264'400));
      CHECK(second > first);
    }
    auto store = open_at(backend.location, OpenOptions{.create = false, .read_only = true});
    auto source = store->source(seeded.source);
    REQUIRE(source);
    REQUIRE(source->has_value());
    CHECK((*source)->name == "AFP");
    CHECK((*source)->kind == "rss");
    auto document = store->document(seeded.document);
    REQUIRE(document);
    REQUIRE(document->has_value());
    CHECK((*document)->key == "afp-kursk-1");
    CHECK((*document)->first_seen == 1'739'260'000);
    auto found =
        store->find_document(seeded.source, "afp-kursk-1", "https://example.org/elsewhere");
    REQUIRE(found);
    REQUIRE(found->has_value());
    CHECK((*found)->id == seeded.document);

    auto raw = store->raw_page(first);
    REQUIRE(raw);
    REQUIRE(raw->has_value());
    CHECK(**raw == page);
    auto stored = store->snapshot(first);
    REQUIRE(stored);
    REQUIRE(stored->has_value());
    CHECK((*stored)->raw_sha256 == sha256_hex(page));
    CHECK((*stored)->raw_size == static_cast<std::int64_t>(page.size()));
    CHECK((*stored)->headline == "Troops in Kursk");
    REQUIRE((*stored)->fields.has_value());
    CHECK((*stored)->fields->byline == "By A. Reporter");
    CHECK((*stored)->claims_json == R"([{"text":"claim"}])");

    auto history = store->history("afp-kursk-1");
    REQUIRE(history);
    REQUIRE(history->size() == 2);
    CHECK((*history)[0].id == first);
    CHECK((*history)[1].text == "Seoul says some 12,000 troops.");
    CHECK(store->latest_snapshot_id(seeded.document).value() == std::optional<SnapshotId>(second));
    CHECK(store->last_snapshot_id().value() == second);
    auto all = store->all_documents();
    REQUIRE(all);
    CHECK(all->size() == 1);
    auto summaries = store->document_summaries();
    REQUIRE(summaries);
    REQUIRE(summaries->size() == 1);
    CHECK(store->store_id().value().size() == 32);
  }
}

TEST_CASE(
    "every backend: a version already stored is not stored again, and a takedown is a version of "
    "its own") {
  TempDir dir;
  for (const Backend& backend : fresh_backends(dir)) {
    CAPTURE(backend.name);
    auto store = open_at(backend.location);
    const Seeded seeded = seed(*store);
    const SnapshotId first = add(*store, seeded.document, version("The same text."));
    auto again =
        store->add_snapshot(seeded.document, version("The same text.", "<p>other bytes</p>"));
    REQUIRE(again);
    CHECK_FALSE(again->has_value());
    // The headline a version stored without one lacked is filled in, with no new snapshot.
    SnapshotInput titled = version("The same text.");
    titled.headline = "A headline";
    auto filled = store->add_snapshot(seeded.document, titled);
    REQUIRE(filled);
    CHECK_FALSE(filled->has_value());
    CHECK(store->snapshot(first).value()->headline == "A headline");

    SnapshotInput gone = version("");
    gone.gone = "the page answers 404 Not Found";
    const SnapshotId takedown = add(*store, seeded.document, gone);
    auto latest = store->latest_version(seeded.document);
    REQUIRE(latest);
    REQUIRE(latest->has_value());
    CHECK((*latest)->id == first);
    CHECK(store->latest_snapshot(seeded.document).value()->id == takedown);
    // The story back with its old text is a new version.
    CHECK(add(*store, seeded.document, titled) > takedown);
  }
}

TEST_CASE(
    "every backend: changes are listed oldest first, filtered, and numbered past every alert "
    "rule's progress") {
  TempDir dir;
  for (const Backend& backend : fresh_backends(dir)) {
    CAPTURE(backend.name);
    auto store = open_at(backend.location);
    const Seeded seeded = seed(*store);
    const SnapshotId first = add(*store, seeded.document, version("One."));
    const SnapshotId second = add(*store, seeded.document, version("Two."));
    auto ids = store->add_changes({change(seeded, first, {"combat"}, 100),
                                   change(seeded, second, {"casualties"}, 50),
                                   change(seeded, second, {"combat", "troop movements"}, 200)});
    REQUIRE(ids);
    REQUIRE(ids->size() == 3);
    auto all = store->changes({});
    REQUIRE(all);
    REQUIRE(all->size() == 3);
    CHECK((*all)[0].created_at == 50);
    CHECK((*all)[2].topics == std::vector<std::string>{"combat", "troop movements"});
    CHECK(store->changes({.since = 100}).value().size() == 2);
    CHECK(store->changes({.topic = "combat"}).value().size() == 2);
    CHECK(store->changes({.topic = "comb"}).value().empty());
    CHECK(store->changes({.snapshot_id = second}).value().size() == 2);
    CHECK(store->changes({.after_id = (*ids)[1]}).value().size() == 1);
    CHECK(store->change_topics().value() ==
          std::vector<std::string>{"casualties", "combat", "troop movements"});
    CHECK(store->last_change_id().value() == (*ids)[2]);

    // A rule that has passed the newest change never sees its id again.
    REQUIRE(store->set_alert_progress("rule", (*ids)[2]));
    CHECK(store->alert_progress("rule").value() == std::optional<ChangeId>((*ids)[2]));
    CHECK_FALSE(store->alert_progress("other").value().has_value());
    auto replaced = store->replace_changes(second, {change(seeded, second, {"combat"}, 300)});
    REQUIRE(replaced);
    REQUIRE(replaced->size() == 1);
    CHECK((*replaced)[0] > (*ids)[2]);
    REQUIRE(store->pass_over_changes_through((*replaced)[0] + 5));
    CHECK(store->alert_progress("rule").value() == std::optional<ChangeId>((*replaced)[0] + 5));

    // A change of a snapshot that is not there is refused, and nothing of the batch is kept.
    auto refused = store->add_changes(
        {change(seeded, second, {"combat"}, 1), change(seeded, 999'999, {"combat"}, 1)});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == StoreErrorKind::invalid_input);
    CHECK(store->changes({}).value().size() == 2);
  }
}

TEST_CASE(
    "every backend: a transaction destroyed without commit leaves nothing, a committed one "
    "everything") {
  TempDir dir;
  for (const Backend& backend : fresh_backends(dir)) {
    CAPTURE(backend.name);
    auto store = open_at(backend.location);
    const Seeded seeded = seed(*store);
    {
      auto transaction = store->begin();
      REQUIRE(transaction);
      const SnapshotId snapshot = add(*store, seeded.document, version("Uncommitted."));
      REQUIRE(store->add_changes({change(seeded, snapshot, {"combat"}, 1)}));
      REQUIRE(store->put_fetch_state({"https://example.org/x", "", "", 1, 200, "", 0, 2, ""}));
      auto nested = store->begin();
      REQUIRE_FALSE(nested);
      CHECK(nested.error().message.find("a transaction is already open") != std::string::npos);
      // A failed write inside the transaction leaves the rest of it usable.
      CHECK_FALSE(store->add_changes({change(seeded, 999'999, {"combat"}, 1)}));
      CHECK(store->changes({}).value().size() == 1);
    }
    CHECK_FALSE(store->latest_snapshot(seeded.document).value().has_value());
    CHECK(store->changes({}).value().empty());
    CHECK_FALSE(store->fetch_state("https://example.org/x").value().has_value());
    {
      auto transaction = store->begin();
      REQUIRE(transaction);
      const SnapshotId snapshot = add(*store, seeded.document, version("Committed."));
      REQUIRE(store->add_changes({change(seeded, snapshot, {"combat"}, 1)}));
      REQUIRE(transaction->commit());
    }
    auto other = open_at(backend.location);
    CHECK(other->changes({}).value().size() == 1);
  }
}

TEST_CASE("every backend: hostile strings are stored and read back verbatim") {
  TempDir dir;
  const std::string hostile =
      "Robert'); DROP TABLE snapshots; -- \"quoted\" `tick` %_ \\ $1 ?1 :a \xc3\xa9\xe2\x80\x94";
  for (const Backend& backend : fresh_backends(dir)) {
    CAPTURE(backend.name);
    auto store = open_at(backend.location);
    auto source =
        store->upsert_source(hostile, "https://example.org/'; DROP TABLE sources;--", hostile);
    REQUIRE(source);
    auto document = store->ensure_document({*source, hostile, hostile, hostile, 1});
    REQUIRE(document);
    SnapshotInput input = version(hostile + " text", hostile);
    input.headline = hostile;
    input.claims_json = hostile;
    const SnapshotId snapshot = add(*store, *document, input);
    ChangeInput hostile_change = change({*source, *document}, snapshot, {hostile, "it's"}, 5);
    hostile_change.old_text = hostile;
    hostile_change.detail_json = hostile;
    REQUIRE(store->add_changes({hostile_change}));
    REQUIRE(store->put_fetch_state({hostile, hostile, hostile, 1, 200, hostile, 1, 2, hostile}));

    auto reopened = open_at(backend.location);
    CHECK(reopened->find_document(*source, hostile, hostile).value()->title == hostile);
    auto read = reopened->snapshot(snapshot).value();
    REQUIRE(read.has_value());
    CHECK(read->text == hostile + " text");
    CHECK(read->headline == hostile);
    CHECK(reopened->raw_page(snapshot).value() == std::optional<std::string>(hostile));
    auto changes = reopened->changes({.topic = hostile}).value();
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].old_text == hostile);
    CHECK(changes[0].detail_json == hostile);
    CHECK(reopened->fetch_state(hostile).value()->problem == hostile);
    CHECK(reopened->source_statuses().value().at(0).source.name == hostile);
  }
}

TEST_CASE(
    "every backend: prune keeps each document's newest snapshots, and a dry run only counts") {
  TempDir dir;
  for (const Backend& backend : fresh_backends(dir)) {
    CAPTURE(backend.name);
    auto store = open_at(backend.location);
    const Seeded seeded = seed(*store);
    std::vector<SnapshotId> ids;
    for (int i = 0; i < 4; ++i) {
      ids.push_back(add(*store, seeded.document, version("Version " + std::to_string(i) + ".")));
    }
    REQUIRE(store->add_changes(
        {change(seeded, ids[1], {"combat"}, 1), change(seeded, ids[3], {"combat"}, 2)}));
    auto dry = store->prune_snapshots({.keep = 1, .dry_run = true});
    REQUIRE(dry);
    CHECK(dry->snapshots == 3);
    CHECK(dry->documents == 1);
    CHECK(dry->changes == 1);
    CHECK(dry->bytes > 0);
    CHECK(store->document_snapshots(seeded.document).value().size() == 4);
    auto pruned = store->prune_snapshots({.keep = 2});
    REQUIRE(pruned);
    CHECK(pruned->snapshots == 2);
    CHECK(pruned->changes == 1);
    auto left = store->document_snapshots(seeded.document).value();
    REQUIRE(left.size() == 2);
    CHECK(left[0].id == ids[2]);
    CHECK(store->changes({}).value().size() == 1);
    CHECK_FALSE(store->prune_snapshots({.keep = 0}));
    CHECK(store->vacuum());
  }
}

TEST_CASE(
    "every backend: outbox messages are queued once, updated, and listed by status and due time") {
  TempDir dir;
  for (const Backend& backend : fresh_backends(dir)) {
    CAPTURE(backend.name);
    auto store = open_at(backend.location);
    OutboxMessage message;
    message.message_id = "<1@tracker>";
    message.rule_key = "rule";
    message.recipients = {"desk@example.org"};
    message.subject = "Kursk: 12,000";
    message.message = std::string("Subject: x\r\n\r\nbody \0 with a NUL\r\n", 33);
    message.next_attempt = 10;
    message.created_at = 5;
    message.change_ids = {3, 4};
    auto queued = store->add_outbox_message(message);
    REQUIRE(queued);
    REQUIRE(queued->has_value());
    auto twice = store->add_outbox_message(message);
    REQUIRE(twice);
    CHECK_FALSE(twice->has_value());
    CHECK(store->outbox({.due_at = 9}).value().empty());
    auto due = store->outbox({.due_at = 10}).value();
    REQUIRE(due.size() == 1);
    CHECK(due[0].message == message.message);
    CHECK(due[0].change_ids == std::vector<ChangeId>{3, 4});
    REQUIRE(store->update_outbox_message(**queued, {OutboxStatus::sent, 1, 10, "", 11}));
    auto sent = store->outbox({.status = OutboxStatus::sent}).value();
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].sent_at == std::optional<UnixSeconds>(11));
    CHECK(store->outbox({.status = OutboxStatus::pending}).value().empty());
    CHECK_FALSE(store->update_outbox_message(**queued + 100, {}));
    REQUIRE(store->set_ledger_alert_progress("ledger", 7));
    CHECK(store->ledger_alert_progress("ledger").value() == std::optional<SnapshotId>(7));
  }
}

TEST_CASE(
    "every backend: fetch state is replaced by the next fetch, and the last success outlives "
    "failures") {
  TempDir dir;
  for (const Backend& backend : fresh_backends(dir)) {
    CAPTURE(backend.name);
    auto store = open_at(backend.location);
    REQUIRE(store->upsert_source("AFP", "https://example.org/feed.xml", "rss"));
    REQUIRE(store->put_fetch_state(
        {"https://example.org/feed.xml", "\"e1\"", "", 100, 200, "", 0, 400, ""}));
    REQUIRE(store->put_fetch_state(
        {"https://example.org/feed.xml", "\"e1\"", "", 200, 500, "HTTP 500", 1, 500, ""}));
    auto state = store->fetch_state("https://example.org/feed.xml").value();
    REQUIRE(state.has_value());
    CHECK(state->consecutive_failures == 1);
    CHECK(state->last_error == "HTTP 500");
    CHECK(state->etag == "\"e1\"");
    auto statuses = store->source_statuses().value();
    REQUIRE(statuses.size() == 1);
    CHECK(statuses[0].last_success == std::optional<UnixSeconds>(100));
  }
}

TEST_CASE("every backend: story terms and stories are stored, replaced and read by member or pin") {
  TempDir dir;
  for (const Backend& backend : fresh_backends(dir)) {
    CAPTURE(backend.name);
    auto store = open_at(backend.location);
    const Seeded one = seed(*store, "one");
    const Seeded two = seed(*store, "two");
    REQUIRE(store->put_story_terms(
        {{one.document, 3, "kursk troops"}, {two.document, 2, "old format"}}));
    CHECK(store->story_terms().value().size() == 2);
    auto missing = store->documents_without_story_terms(3).value();
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].id == two.document);
    CHECK(store->documents_without_story().value() == 2);
    REQUIRE(store->put_story_members(
        "settings-1",
        {{one.document, one.document, "kursk"}, {two.document, one.document, "kursk"}}, false));
    CHECK(store->story_settings().value() == "settings-1");
    CHECK(store->story_holding(two.document).value().size() == 2);
    CHECK(store->pinned_story("kursk").value().size() == 2);
    REQUIRE(store->put_story_members("settings-2", {{two.document, two.document, ""}}, true));
    const StoredStories stored = store->stored_stories().value();
    CHECK(stored.settings == "settings-2");
    REQUIRE(stored.members.size() == 1);
    CHECK(stored.members[0].document == two.document);
  }
}

TEST_CASE("every backend: a dry run's store reads as usual and keeps none of its writes") {
  TempDir dir;
  for (const Backend& backend : fresh_backends(dir)) {
    CAPTURE(backend.name);
    Seeded seeded;
    {
      auto store = open_at(backend.location);
      seeded = seed(*store);
      add(*store, seeded.document, version("Stored for real."));
    }
    {
      auto dry = open_at(backend.location, OpenOptions{.discard_writes = true});
      CHECK(dry->latest_snapshot(seeded.document).value()->text == "Stored for real.");
      {
        auto transaction = dry->begin();
        REQUIRE(transaction);
        add(*dry, seeded.document, version("Dry."));
        REQUIRE(transaction->commit());
      }
      CHECK(dry->latest_snapshot(seeded.document).value()->text == "Dry.");
    }
    auto store = open_at(backend.location);
    CHECK(store->latest_snapshot(seeded.document).value()->text == "Stored for real.");
  }
}

// What only PostgreSQL stores do, or do in their own way.

namespace {

// Runs SQL on `location`'s database behind the store's back.
void poke_postgres(const std::string& location, const std::string& sql) {
  PgConnection connection(PQconnectdb(location.c_str()));
  REQUIRE(PQstatus(connection.get()) == CONNECTION_OK);
  auto done = pg_execute(connection.get(), sql);
  REQUIRE_MESSAGE(done, (done ? "" : done.error().message));
}

}  // namespace

TEST_CASE(
    "a PostgreSQL store of a newer schema, another program's database and no server are refused "
    "clearly") {
  auto& server = tracker::test::shared_postgres();
  const std::string newer = server.create_database();
  open_at(newer);
  poke_postgres(newer, "UPDATE tracker_schema SET version = 99");
  auto refused = open_store(newer);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == StoreErrorKind::newer_schema);
  CHECK(refused.error().message.find(
            "store schema version 99 is newer than this tracker understands") != std::string::npos);

  const std::string foreign = server.create_database();
  poke_postgres(foreign, "CREATE TABLE invoices (id integer)");
  auto not_ours = open_store(foreign);
  REQUIRE_FALSE(not_ours);
  CHECK(not_ours.error().kind == StoreErrorKind::not_a_store);
  CHECK(not_ours.error().message.find("a PostgreSQL database of another program") !=
        std::string::npos);
  poke_postgres(foreign, "SELECT 1 FROM invoices");  // still there
  {
    PgConnection connection(PQconnectdb(foreign.c_str()));
    auto tables =
        pg_query(connection.get(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
    REQUIRE(tables);
    CHECK(tables->int64(0, 0) == 1);  // none of ours added
  }

  const std::string empty = server.create_database();
  auto reader = open_store(empty, OpenOptions{.create = false, .read_only = true});
  REQUIRE_FALSE(reader);
  CHECK(reader.error().message.find("no store here") != std::string::npos);

  // A password never reaches a message.
  const std::string nowhere =
      "postgresql://someone:s3cret@/nodb?host=/nonexistent-socket-dir&password=other";
  auto unreachable = open_store(nowhere);
  REQUIRE_FALSE(unreachable);
  CHECK(unreachable.error().kind == StoreErrorKind::unavailable);
  CHECK(unreachable.error().message.starts_with(
      "postgresql://someone@/nodb?host=/nonexistent-socket-dir: cannot connect"));
  CHECK(unreachable.error().message.find("s3cret") == std::string::npos);
  CHECK(unreachable.error().message.find("other") == std::string::npos);
}

TEST_CASE(
    "a PostgreSQL store's writer waits for another's transaction, and fails as busy past the "
    "timeout") {
  const std::string location = tracker::test::shared_postgres().create_database();
  auto holder = open_at(location);
  auto waiter = open_at(location, OpenOptions{.busy_timeout = std::chrono::milliseconds(200)});
  {
    auto transaction = holder->begin();
    REQUIRE(transaction);
    REQUIRE(holder->upsert_source("held", "https://example.org/held", "page"));
    auto busy = waiter->upsert_source("AFP", "https://example.org/feed.xml", "rss");
    REQUIRE_FALSE(busy);
    CHECK(busy.error().kind == StoreErrorKind::busy);
    CHECK(busy.error().message.find(
              ": cannot record the source: store is busy: another tracker run has been "
              "writing to it for over 200 ms") != std::string::npos);
    // Readers do not wait, and see only what was committed.
    CHECK(waiter->source_statuses().value().empty());
    REQUIRE(transaction->commit());
  }
  CHECK(waiter->upsert_source("AFP", "https://example.org/feed.xml", "rss"));

  auto patient = open_at(location, OpenOptions{.busy_timeout = std::chrono::seconds(20)});
  auto transaction = holder->begin();
  REQUIRE(transaction);
  std::thread finisher([&transaction] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    REQUIRE(transaction->commit());
  });
  auto waited = patient->upsert_source("late", "https://example.org/late", "rss");
  finisher.join();
  CHECK(waited);
}

TEST_CASE("a PostgreSQL store's run lock refuses a second run until the first is gone") {
  const std::string location = tracker::test::shared_postgres().create_database();
  {
    auto first = tracker::pipeline::RunLock::acquire(location);
    REQUIRE(first);
    auto second = tracker::pipeline::RunLock::acquire(location);
    REQUIRE_FALSE(second);
    CHECK(second.error().find("another tracker run is using this store") != std::string::npos);
  }
  CHECK(tracker::pipeline::RunLock::acquire(location));
}

TEST_CASE(
    "tracker run, history and changes on a PostgreSQL store give what they give on an SQLite one") {
  using tracker::test::run_tracker;
  tracker::test::DemoSite site;
  const std::string postgres = tracker::test::shared_postgres().create_database();
  const std::string sqlite = (site.dir() / "other.db").string();
  for (const char* name : {"v3-full.txt", "v4-rotation.txt"}) {
    site.publish(name);
    for (const std::string& store : {postgres, sqlite}) {
      auto run = site.run({"--store", store});
      CHECK_MESSAGE(run.exit_code == 6, run.err);  // the "broken" source fails; the run goes on
    }
  }
  auto claim_changes = [](const std::string& store) {
    auto listed = run_tracker({"changes", "--store", store, "--format", "json"});
    REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
    std::vector<std::string> found;
    const nlohmann::json parsed = nlohmann::json::parse(listed.out, nullptr, false);
    REQUIRE(parsed.is_array());
    for (const auto& item : parsed) {
      REQUIRE(item.is_object());
      found.push_back(item.at("kind").dump() + " " + item.at("significance").dump() + " " +
                      item.at("topics").dump() + " " + item.at("aspects").dump() + " " +
                      item.at("old_text").dump() + " -> " + item.at("new_text").dump());
    }
    return found;
  };
  const std::vector<std::string> on_postgres = claim_changes(postgres);
  CHECK(on_postgres.size() >= 2);
  // The rotation's figure, as the run read it: "more than 10,000" became "some 12,000".
  CHECK(std::any_of(on_postgres.begin(), on_postgres.end(), [](const std::string& line) {
    return line.find("some 12,000") != std::string::npos;
  }));
  CHECK(on_postgres == claim_changes(sqlite));
  auto history = run_tracker({"history", "--store", postgres, "kursk-1"});
  CHECK_MESSAGE(history.exit_code == 0, history.err);
  CHECK(std::count(history.out.begin(), history.out.end(), '\n') == 2);  // two versions
  auto status = run_tracker({"status", "--store", postgres, "--config", site.config().string()});
  CHECK_MESSAGE(status.exit_code == 6, status.err);  // the "broken" source has never worked
  CHECK(status.out.find("demo") != std::string::npos);
}
