// The store's side of alerts: rules' progress through the changes and the outbox.
#include <doctest/doctest.h>

#include "support/seeded_store.h"
#include "support/temp_dir.h"
#include "tracker/store/sqlite_handle.h"
#include "tracker/store/sqlite_store.h"

using namespace tracker::store;
using tracker::test::open_store;
using tracker::test::TempDir;

namespace {

OutboxMessage message(const std::string& message_id, UnixSeconds created_at) {
  OutboxMessage queued;
  queued.message_id = message_id;
  queued.rule_key = "rule-1";
  queued.recipients = {"desk@example.org", "night@example.org"};
  queued.subject = "casualties: new claim \"around 300 \xE2\x80\xA6 killed\"";
  queued.message = std::string("Subject: x\r\n\r\nbody with a NUL \0 byte\r\n", 38);
  queued.next_attempt = created_at;
  queued.created_at = created_at;
  queued.change_ids = {3, 4};
  return queued;
}

}  // namespace

TEST_CASE("a queued alert message reads back whole and is queued only once") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  auto first = store->add_outbox_message(message("<a.1@example.org>", 1000));
  REQUIRE(first);
  REQUIRE(first->has_value());
  auto again = store->add_outbox_message(message("<a.1@example.org>", 2000));
  REQUIRE(again);
  CHECK_FALSE(again->has_value());  // the same Message-ID: nothing new

  auto listed = store->outbox({});
  REQUIRE(listed);
  REQUIRE(listed->size() == 1);
  const OutboxMessage& read = listed->front();
  const OutboxMessage expected = message("<a.1@example.org>", 1000);
  CHECK(read.id == **first);
  CHECK(read.message_id == expected.message_id);
  CHECK(read.rule_key == "rule-1");
  CHECK(read.recipients == expected.recipients);
  CHECK(read.subject == expected.subject);
  CHECK(read.message == expected.message);  // bytes, NUL included
  CHECK(read.status == OutboxStatus::pending);
  CHECK(read.attempts == 0);
  CHECK(read.created_at == 1000);  // the first one stayed
  CHECK_FALSE(read.sent_at.has_value());
  CHECK(read.change_ids == std::vector<ChangeId>{3, 4});
}

TEST_CASE("the outbox lists messages by status and by when they are due") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  const OutboxId early = **store->add_outbox_message(message("<early@x>", 100));
  const OutboxId late = **store->add_outbox_message(message("<late@x>", 500));
  const OutboxId done = **store->add_outbox_message(message("<done@x>", 50));
  REQUIRE(store->update_outbox_message(done, {OutboxStatus::sent, 1, 50, "", 60}));

  auto due = store->outbox({.status = std::nullopt, .due_at = 300});
  REQUIRE(due);
  REQUIRE(due->size() == 1);
  CHECK(due->front().id == early);

  REQUIRE(store->update_outbox_message(early, {OutboxStatus::pending, 1, 400, "451 try later", std::nullopt}));
  REQUIRE(store->update_outbox_message(late, {OutboxStatus::failed, 1, 500, "550 no such user", std::nullopt}));
  CHECK(store->outbox({.status = std::nullopt, .due_at = 300})->empty());
  auto retried = store->outbox({.status = std::nullopt, .due_at = 400});
  REQUIRE(retried->size() == 1);
  CHECK(retried->front().attempts == 1);
  CHECK(retried->front().last_error == "451 try later");

  auto failed = store->outbox({.status = OutboxStatus::failed, .due_at = std::nullopt});
  REQUIRE(failed->size() == 1);
  CHECK(failed->front().id == late);
  CHECK(failed->front().last_error == "550 no such user");
  auto sent = store->outbox({.status = OutboxStatus::sent, .due_at = std::nullopt});
  REQUIRE(sent->size() == 1);
  CHECK(sent->front().sent_at == 60);
  CHECK(store->outbox({})->size() == 3);
}

TEST_CASE("updating a message that is not in the outbox is an error") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  auto missing = store->update_outbox_message(42, {});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == StoreErrorKind::invalid_input);
  CHECK(missing.error().message.find("no outbox message 42") != std::string::npos);
}

TEST_CASE("an alert rule's progress starts unknown and keeps the last value set") {
  TempDir dir;
  auto store = open_store(dir / "tracker.db");
  CHECK(*store->last_change_id() == 0);
  auto unknown = store->alert_progress("rule-1");
  REQUIRE(unknown);
  CHECK_FALSE(unknown->has_value());
  REQUIRE(store->set_alert_progress("rule-1", 7));
  REQUIRE(store->set_alert_progress("rule-1", 9));
  REQUIRE(store->set_alert_progress("rule-2", 1));
  CHECK(**store->alert_progress("rule-1") == 9);
  CHECK(**store->alert_progress("rule-2") == 1);
}

TEST_CASE("a version 1 store is migrated to the outbox schema and keeps its data") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  SourceId source = 0;
  {
    auto store = open_store(path);
    source = *store->upsert_source("AFP", "https://example.org/feed.xml", "rss");
  }
  {  // Make it what a version 1 tracker left behind.
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    SqliteDb db(raw);
    REQUIRE(execute(db.get(),
                    "DROP TABLE story_members; DROP TABLE story_grouping; DROP TABLE story_terms; DROP TABLE ledger_alert_rules; DROP TABLE outbox; DROP TABLE alert_rules; DROP TRIGGER fetch_state_success_on_insert; "
                    "DROP TRIGGER fetch_state_success_on_update; ALTER TABLE fetch_state DROP COLUMN "
                    "last_success; ALTER TABLE fetch_state DROP COLUMN problem; ALTER TABLE snapshots DROP COLUMN headline; ALTER TABLE snapshots DROP COLUMN gone; ALTER TABLE snapshots DROP COLUMN page_fields; "
                    "ALTER TABLE snapshots RENAME COLUMN raw_compressed TO raw_zlib; PRAGMA user_version = 1;"));
  }
  auto store = open_store(path);
  auto kept = store->source(source);
  REQUIRE(kept);
  REQUIRE(kept->has_value());
  CHECK((*kept)->name == "AFP");
  CHECK(store->add_outbox_message(message("<m@x>", 1)));
  CHECK(store->set_alert_progress("rule", 0));
  CHECK(store->check_integrity());
}
