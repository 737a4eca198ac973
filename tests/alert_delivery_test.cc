// Alert rules and the outbox's delivery policy, with a real store and a scripted sender.
#include <doctest/doctest.h>

#include "support/temp_dir.h"
#include "tracker/alert/delivery.h"
#include "tracker/alert/rules.h"
#include "tracker/store/sqlite_store.h"

using namespace tracker;
using tracker::test::TempDir;

namespace {

store::Change change(std::string significance, std::vector<std::string> topics) {
  store::Change c;
  c.kind = "added";
  c.significance = std::move(significance);
  c.topics = std::move(topics);
  c.new_text = "Around 300 North Korean soldiers have been killed.";
  return c;
}

store::OutboxMessage queued(const std::string& id, store::UnixSeconds created) {
  store::OutboxMessage m;
  m.message_id = id;
  m.rule_key = "r";
  m.recipients = {"desk@example.org"};
  m.subject = "casualties: new claim";
  m.message = "Subject: x\r\n\r\nbody\r\n";
  m.next_attempt = created;
  m.created_at = created;
  return m;
}

// Answers each send with the next scripted result and counts the calls.
struct ScriptedSender {
  std::vector<alert::SendResult> results;
  std::size_t calls = 0;
  alert::MailSender sender() {
    return [this](const alert::SmtpSettings&, const std::vector<std::string>&, std::string_view) {
      return results.at(calls++);
    };
  }
};

}  // namespace

TEST_CASE("a rule matches by significance, topic and source") {
  alert::AlertRule rule;
  rule.to = {"desk@example.org"};
  rule.topics = {"casualties"};
  rule.min_significance = diff::Significance::medium;
  CHECK(alert::rule_matches(rule, change("high", {"casualties", "combat"}), "afp"));
  CHECK(alert::rule_matches(rule, change("medium", {"casualties"}), "afp"));
  CHECK_FALSE(alert::rule_matches(rule, change("low", {"casualties"}), "afp"));
  CHECK_FALSE(alert::rule_matches(rule, change("high", {"territory"}), "afp"));
  CHECK_FALSE(alert::rule_matches(rule, change("high", {}), "afp"));
  rule.sources = {"wires"};  // a tag, resolved by load_settings to the sources that carry it
  rule.matched_sources = {"reuters"};
  CHECK_FALSE(alert::rule_matches(rule, change("high", {"casualties"}), "afp"));
  CHECK(alert::rule_matches(rule, change("high", {"casualties"}), "reuters"));
  rule.topics.clear();
  CHECK(alert::rule_matches(rule, change("high", {}), "reuters"));  // no topics: every change
}

TEST_CASE("a rule's key ignores the order of its lists and changes with what it selects") {
  alert::AlertRule a;
  a.to = {"a@example.org", "b@example.org"};
  a.topics = {"casualties", "deployment"};
  alert::AlertRule b = a;
  std::swap(b.to[0], b.to[1]);
  std::swap(b.topics[0], b.topics[1]);
  b.origin = "elsewhere.toml:3";
  CHECK(alert::rule_key(a) == alert::rule_key(b));
  CHECK(alert::rule_key(a).size() == 16);
  b.digest = true;
  CHECK(alert::rule_key(a) != alert::rule_key(b));
  b = a;
  b.min_significance = diff::Significance::low;
  CHECK(alert::rule_key(a) != alert::rule_key(b));
  b = a;
  b.to.push_back("c@example.org");
  CHECK(alert::rule_key(a) != alert::rule_key(b));
}

TEST_CASE("retries back off from a minute, doubling, to at most six hours") {
  CHECK(alert::retry_delay(1) == std::chrono::minutes(1));
  CHECK(alert::retry_delay(2) == std::chrono::minutes(2));
  CHECK(alert::retry_delay(4) == std::chrono::minutes(8));
  CHECK(alert::retry_delay(9) == std::chrono::hours(4) + std::chrono::minutes(16));
  CHECK(alert::retry_delay(10) == std::chrono::hours(6));
  CHECK(alert::retry_delay(1000) == std::chrono::hours(6));
}

TEST_CASE("delivery records sent, deferred and refused messages as the server answers") {
  TempDir dir;
  auto store = std::move(*store::SqliteStore::open(dir / "tracker.db"));
  const auto first = **store->add_outbox_message(queued("<1@x>", 100));
  const auto second = **store->add_outbox_message(queued("<2@x>", 100));
  const auto third = **store->add_outbox_message(queued("<3@x>", 100));
  ScriptedSender script{{{alert::SendOutcome::sent, 250, ""},
                         {alert::SendOutcome::transient, 451, "451 4.3.0 try again later"},
                         {alert::SendOutcome::permanent, 550, "550 5.1.1 no such user"}}};
  auto report = alert::deliver_due(*store, {}, 1000, script.sender());
  REQUIRE(report);
  CHECK(report->sent == 1);
  CHECK(report->deferred == 1);
  CHECK(report->failed == 1);
  REQUIRE(report->problems.size() == 2);
  CHECK(report->problems[0].find("will retry: 451 4.3.0 try again later") != std::string::npos);
  CHECK(report->problems[1].find("refused, not retried: 550 5.1.1 no such user") != std::string::npos);

  const auto all = *store->outbox({});
  CHECK(all[0].id == first);
  CHECK(all[0].status == store::OutboxStatus::sent);
  CHECK(all[0].sent_at == 1000);
  CHECK(all[1].id == second);
  CHECK(all[1].status == store::OutboxStatus::pending);
  CHECK(all[1].attempts == 1);
  CHECK(all[1].next_attempt == 1060);
  CHECK(all[2].id == third);
  CHECK(all[2].status == store::OutboxStatus::failed);
  CHECK(all[2].last_error == "550 5.1.1 no such user");

  // Before the backoff has passed nothing is sent; after it, the deferred one goes.
  ScriptedSender later{{{alert::SendOutcome::sent, 250, ""}}};
  CHECK(alert::deliver_due(*store, {}, 1059, later.sender())->sent == 0);
  CHECK(later.calls == 0);
  CHECK(alert::deliver_due(*store, {}, 1060, later.sender())->sent == 1);
  CHECK(store->outbox({.status = store::OutboxStatus::sent, .due_at = std::nullopt})->size() == 2);
}

TEST_CASE("an unreachable server is tried once per run, and a message is given up after 3 days") {
  TempDir dir;
  auto store = std::move(*store::SqliteStore::open(dir / "tracker.db"));
  for (int i = 0; i < 3; ++i) {
    REQUIRE(store->add_outbox_message(queued("<" + std::to_string(i) + "@x>", 0)));
  }
  ScriptedSender down{{{alert::SendOutcome::transient, 0, "cannot connect"}}};
  auto report = alert::deliver_due(*store, {}, 10, down.sender());
  REQUIRE(report);
  CHECK(down.calls == 1);
  CHECK(report->deferred == 3);
  CHECK(store->outbox({.status = std::nullopt, .due_at = 10})->size() == 2);  // untried, still due

  const store::UnixSeconds three_days = 72 * 3600;
  ScriptedSender still_down{{{alert::SendOutcome::transient, 0, "cannot connect"}}};
  auto late = alert::deliver_due(*store, {}, three_days, still_down.sender());
  REQUIRE(late);
  CHECK(late->failed == 1);
  const auto failed = *store->outbox({.status = store::OutboxStatus::failed, .due_at = std::nullopt});
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].last_error == "gave up after 2 attempts: cannot connect");
}
