// Alerts end to end: tracker run against a loopback news site and a real SMTP server.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/alert_site.h"
#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/smtp_server.h"

using tracker::test::AlertSite;
using tracker::test::all_text;
using tracker::test::DemoSite;
using tracker::test::header;
using tracker::test::parse_mail;
using tracker::test::read_file;
using tracker::test::ReceivedMail;
using tracker::test::run_process;
using tracker::test::run_tracker;
using tracker::test::SmtpServerOptions;
using tracker::test::TestSmtpServer;
using tracker::test::write_file;

namespace {

const std::string k_desk_rule = "[[alert]]\nto = [\"desk@example.org\"]\nmin_significance = \"high\"\n";

}  // namespace

TEST_CASE("a run mails the update's significant claim changes once, threaded by document") {
  TestSmtpServer smtp;
  AlertSite alerts;
  alerts.configure(smtp.url(), k_desk_rule);
  alerts.site.publish("v3-full.txt");
  REQUIRE(alerts.run().exit_code == 0);
  CHECK(smtp.received().empty());  // a first version has no changes to alert

  alerts.site.publish("v4-rotation.txt");
  auto update = alerts.run();
  REQUIRE_MESSAGE(update.exit_code == 0, update.err);
  const std::vector<ReceivedMail> mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].mail_from == "tracker@example.org");
  CHECK(mail[0].rcpt_tos == std::vector<std::string>{"desk@example.org"});
  const nlohmann::json parsed = parse_mail(mail[0].data);
  CHECK(parsed["strict_error"].is_null());
  CHECK(parsed["defects"].empty());
  CHECK(header(parsed, "To") == "desk@example.org");
  CHECK(header(parsed, "Message-ID").starts_with("<tracker."));
  CHECK(header(parsed, "References").find("<tracker.document.") != std::string::npos);
  CHECK(header(parsed, "Subject").starts_with("[tracker] "));
  CHECK(header(parsed, "Subject").find("(demo)") != std::string::npos);
  const std::string text = all_text(parsed);
  CHECK(text.find("some 12,000") != std::string::npos);
  CHECK(text.find("more than 10,000") != std::string::npos);
  CHECK(text.find("North Korea has rotated fresh troops") != std::string::npos);

  const nlohmann::json outbox = alerts.alerts();
  REQUIRE(outbox.size() == 1);
  CHECK(outbox[0]["status"] == "sent");
  CHECK(outbox[0]["message_id"] == header(parsed, "Message-ID"));
  CHECK(outbox[0]["changes"].size() >= 2);

  // Nothing new: nothing more is sent, and the same page again changes nothing.
  REQUIRE(alerts.run().exit_code == 0);
  alerts.site.publish("v4-rotation.txt");
  REQUIRE(alerts.run().exit_code == 0);
  CHECK(smtp.received().size() == 1);

  // The next update of the same document threads with the first alert.
  alerts.site.publish("v5-attribution.txt");
  REQUIRE(alerts.run().exit_code == 0);
  const auto both = smtp.wait_for(2);
  REQUIRE(both.size() == 2);
  const nlohmann::json second = parse_mail(both[1].data);
  CHECK(header(second, "References") == header(parsed, "References"));
  CHECK(header(second, "In-Reply-To") == header(parsed, "In-Reply-To"));
  CHECK(header(second, "Message-ID") != header(parsed, "Message-ID"));
}

TEST_CASE("alerts queued while the mail server is down are each sent once when it is back") {
  AlertSite alerts;
  alerts.configure("smtp://127.0.0.1:1", k_desk_rule);  // nothing listens on port 1
  alerts.site.publish("v3-full.txt");
  REQUIRE(alerts.run().exit_code == 0);
  alerts.site.publish("v4-rotation.txt");
  auto down = alerts.run();
  CHECK(down.exit_code == 7);
  CHECK(down.err.find("will retry") != std::string::npos);
  nlohmann::json pending = alerts.alerts("--pending");
  REQUIRE(pending.size() == 1);
  CHECK(pending[0]["attempts"] == 1);
  CHECK_FALSE(pending[0]["last_error"].get<std::string>().empty());

  // Still down, and the retry is not yet due: nothing is tried, the message waits.
  CHECK(alerts.run().exit_code == 0);
  CHECK(alerts.alerts("--pending")[0]["attempts"] == 1);

  TestSmtpServer smtp;
  alerts.configure(smtp.url(), k_desk_rule);
  // Make the retry due now, as if its backoff had passed.
  auto store = tracker::test::run_process(
      {"/usr/bin/python3", "-c",
       "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE outbox SET next_attempt=0'); c.commit()",
       alerts.site.store().string()});
  REQUIRE(store.exit_code == 0);
  REQUIRE(alerts.run().exit_code == 0);
  REQUIRE(smtp.wait_for(1).size() == 1);
  REQUIRE(alerts.run().exit_code == 0);
  CHECK(smtp.received().size() == 1);
  const nlohmann::json sent = alerts.alerts("--sent");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0]["attempts"] == 2);
  CHECK(alerts.alerts("--pending").empty());
}

TEST_CASE("a message the server refuses for good is failed with its reply and can be retried") {
  SmtpServerOptions refusing;
  refusing.reject_rcpt = 550;
  TestSmtpServer smtp(refusing);
  AlertSite alerts;
  alerts.configure(smtp.url(), k_desk_rule);
  alerts.site.publish("v3-full.txt");
  REQUIRE(alerts.run().exit_code == 0);
  alerts.site.publish("v4-rotation.txt");
  auto refused = alerts.run();
  CHECK(refused.exit_code == 7);
  CHECK(refused.err.find("550") != std::string::npos);
  const nlohmann::json failed = alerts.alerts("--failed");
  REQUIRE(failed.size() == 1);
  CHECK(failed[0]["last_error"].get<std::string>().find("550") != std::string::npos);
  CHECK(alerts.run().exit_code == 0);  // a failed message is not retried by itself
  CHECK(alerts.alerts("--failed").size() == 1);

  TestSmtpServer accepting;
  alerts.configure(accepting.url(), k_desk_rule);
  const std::string id = std::to_string(failed[0]["id"].get<int>());
  REQUIRE(run_tracker({"alerts", "--store", alerts.site.store().string(), "--retry", id}).exit_code == 0);
  REQUIRE(alerts.run().exit_code == 0);
  CHECK(accepting.wait_for(1).size() == 1);
  CHECK(run_tracker({"alerts", "--store", alerts.site.store().string(), "--retry", "999"}).exit_code == 66);
}

TEST_CASE("rules choose changes by topic, significance and source - a digest gathers them") {
  TestSmtpServer smtp;
  AlertSite alerts;
  alerts.configure(smtp.url(),
                   "[[alert]]\nto = \"territory@example.org\"\ntopics = [\"territory\"]\nmin_significance = \"low\"\n"
                   "[[alert]]\nto = \"nobody@example.org\"\nsources = [\"quiet\"]\n"
                   "[[alert]]\nto = [\"digest@example.org\", \"chief@example.org\"]\ndigest = true\n"
                   "min_significance = \"low\"\n");
  alerts.site.publish("v3-full.txt");
  REQUIRE(alerts.run().exit_code == 0);
  alerts.site.publish("v4-rotation.txt");
  REQUIRE(alerts.run().exit_code == 0);
  const auto mail = smtp.wait_for(2);
  REQUIRE(mail.size() == 2);
  std::set<std::string> first_recipients;
  for (const ReceivedMail& message : mail) {
    first_recipients.insert(message.rcpt_tos.front());
  }
  CHECK(first_recipients == std::set<std::string>{"territory@example.org", "digest@example.org"});
  for (const ReceivedMail& message : mail) {
    const nlohmann::json parsed = parse_mail(message.data);
    const std::string text = all_text(parsed);
    if (message.rcpt_tos.front() == "territory@example.org") {
      // Only the territory change (the revised troop figure), not the rotation or casualties.
      CHECK(text.find("some 12,000") != std::string::npos);
      CHECK(text.find("North Korea has rotated fresh troops") == std::string::npos);
      CHECK(text.find("Around 300") == std::string::npos);
    } else {
      CHECK(message.rcpt_tos == std::vector<std::string>{"digest@example.org", "chief@example.org"});
      CHECK(text.find("North Korea has rotated fresh troops") != std::string::npos);
      CHECK(text.find("some 12,000") != std::string::npos);
    }
  }
}

TEST_CASE("a rule with a story mails only the changes of that story's documents") {
  TestSmtpServer smtp;
  AlertSite alerts;
  alerts.configure(smtp.url(),
                   "[[story]]\nname = \"kursk\"\nsearch = \"kursk\"\n"
                   "[[story]]\nname = \"elsewhere\"\nsearch = \"nothing-is-called-this\"\n"
                   "[[alert]]\nto = \"kursk@example.org\"\nstory = \"kursk\"\n"
                   "[[alert]]\nto = \"elsewhere@example.org\"\nstory = \"elsewhere\"\n");
  alerts.site.publish("v3-full.txt");
  REQUIRE(alerts.run().exit_code == 0);
  alerts.site.publish("v4-rotation.txt");
  REQUIRE(alerts.run().exit_code == 0);
  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].rcpt_tos == std::vector<std::string>{"kursk@example.org"});
  CHECK(all_text(parse_mail(mail[0].data)).find("North Korea has rotated fresh troops") != std::string::npos);
  // The other story's rule saw the changes go by and sent nothing: nothing is left to send.
  auto queued = run_tracker({"alerts", "--store", alerts.site.store().string(), "--format", "json"});
  CAPTURE(queued.err);
  REQUIRE(queued.exit_code == 0);
  CHECK(queued.out.find("kursk@example.org") != std::string::npos);
  CHECK(queued.out.find("elsewhere@example.org") == std::string::npos);
}

// Every file in `dir` (recursively) with its bytes: what a dry run must leave as it was. The
// run lock's file is left out: it names the PID of the last run that held it.
std::map<std::string, std::string> files_in(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() != ".lock") {
      files[entry.path().lexically_relative(dir).string()] = read_file(entry.path());
    }
  }
  return files;
}

std::vector<std::filesystem::path> eml_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    files.push_back(entry.path());
  }
  return files;
}

TEST_CASE(
    "a dry run stores nothing and marks nothing alerted: the next run stores and mails the "
    "change") {
  TestSmtpServer smtp;
  AlertSite alerts;
  alerts.configure(smtp.url(), k_desk_rule);
  alerts.stored_then_updated();
  const auto store_dir = alerts.site.store().parent_path();
  const auto before = files_in(store_dir);
  REQUIRE(before.count("tracker.db") == 1);

  const auto eml_dir = alerts.config.parent_path() / "would-send";
  auto dry = alerts.run({"--dry-run", "--alerts-to-eml", eml_dir.string()});
  REQUIRE_MESSAGE(dry.exit_code == 0, dry.err);
  CHECK(dry.out.find("some 12,000") != std::string::npos);  // the changes are printed as usual
  const auto written = eml_files(eml_dir);
  REQUIRE(written.size() == 1);
  CHECK(all_text(parse_mail(read_file(written[0]))).find("some 12,000") != std::string::npos);
  // Byte for byte: no snapshot, change, fetch state or alert progress.
  CHECK(files_in(store_dir) == before);
  CHECK(smtp.received().empty());
  CHECK(alerts.alerts().empty());

  auto again = alerts.run({"--dry-run"});  // a second dry run finds the same changes
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.find("some 12,000") != std::string::npos);
  CHECK(files_in(store_dir) == before);

  auto real = alerts.run();
  REQUIRE_MESSAGE(real.exit_code == 0, real.err);
  CHECK(real.out.find("some 12,000") != std::string::npos);
  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(all_text(parse_mail(mail[0].data)).find("some 12,000") != std::string::npos);
  const nlohmann::json outbox = alerts.alerts();
  REQUIRE(outbox.size() == 1);
  CHECK(outbox[0]["status"] == "sent");
}

TEST_CASE("a dry run on a store not made yet creates nothing") {
  TestSmtpServer smtp;
  AlertSite alerts;
  alerts.configure(smtp.url(), k_desk_rule);
  alerts.site.publish("v3-full.txt");
  auto dry = alerts.run({"--dry-run"});
  REQUIRE_MESSAGE(dry.exit_code == 0, dry.err);
  CHECK_FALSE(std::filesystem::exists(alerts.site.store().parent_path()));
  REQUIRE(alerts.run().exit_code == 0);
  CHECK(std::filesystem::exists(alerts.site.store()));
}

TEST_CASE(
    "--alerts-to-eml stores the run and writes its alerts as .eml files, sending nothing - "
    "--no-alerts passes over") {
  TestSmtpServer smtp;
  AlertSite alerts;
  alerts.configure(smtp.url(), k_desk_rule);
  alerts.stored_then_updated();
  const auto eml_dir = alerts.config.parent_path() / "eml";
  REQUIRE(alerts.run({"--alerts-to-eml", eml_dir.string()}).exit_code == 0);
  const auto files = eml_files(eml_dir);
  REQUIRE(files.size() == 1);
  CHECK(files[0].extension() == ".eml");
  const nlohmann::json parsed = parse_mail(read_file(files[0]));
  CHECK(parsed["strict_error"].is_null());
  CHECK(all_text(parsed).find("some 12,000") != std::string::npos);
  CHECK(alerts.alerts().empty());
  REQUIRE(alerts.run().exit_code == 0);
  CHECK(smtp.received().empty());  // those changes were alerted, to the file

  alerts.site.publish("v5-attribution.txt");
  REQUIRE(alerts.run({"--no-alerts"}).exit_code == 0);
  REQUIRE(alerts.run().exit_code == 0);
  CHECK(smtp.received().empty());
  CHECK(alerts.alerts().empty());
}

TEST_CASE("a new rule alerts only changes found after it was added") {
  TestSmtpServer smtp;
  AlertSite alerts;
  alerts.configure(smtp.url(), "");
  alerts.site.publish("v3-full.txt");
  REQUIRE(alerts.run().exit_code == 0);
  alerts.site.publish("v4-rotation.txt");
  REQUIRE(alerts.run().exit_code == 0);  // changes stored, no rule yet
  alerts.configure(smtp.url(), k_desk_rule);
  REQUIRE(alerts.run().exit_code == 0);
  CHECK(smtp.received().empty());
  alerts.site.publish("v5-attribution.txt");
  REQUIRE(alerts.run().exit_code == 0);
  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  // Only the v4 -> v5 change (the rotation's new attribution), none of v3 -> v4's.
  const std::string text = all_text(parse_mail(mail[0].data));
  CHECK(text.find("rotated fresh troops") != std::string::npos);
  CHECK(text.find("Around 300") == std::string::npos);
  CHECK(text.find("some 12,000") == std::string::npos);
  CHECK(alerts.alerts()[0]["changes"].size() == 1);
}

TEST_CASE("alert-test sends a sample through the settings and reports the server's refusal") {
  TestSmtpServer smtp;
  AlertSite alerts;
  alerts.configure(smtp.url(), k_desk_rule);
  auto sent = run_tracker({"alert-test", "--config", alerts.config.string()});
  CHECK(sent.exit_code == 0);
  CHECK(sent.out.find("desk@example.org") != std::string::npos);
  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].rcpt_tos == std::vector<std::string>{"desk@example.org"});
  const nlohmann::json parsed = parse_mail(mail[0].data);
  CHECK(parsed["strict_error"].is_null());
  // A test says so where a person and a mail filter look first; real alerts say "[tracker] ".
  CHECK(header(parsed, "Subject").starts_with("[tracker test] deployment: "));

  auto other = run_tracker({"alert-test", "--config", alerts.config.string(), "--to", "me@example.org"});
  CHECK(other.exit_code == 0);
  REQUIRE(smtp.wait_for(2).size() == 2);
  CHECK(smtp.received()[1].rcpt_tos == std::vector<std::string>{"me@example.org"});

  SmtpServerOptions refusing;
  refusing.reject_data = 554;
  TestSmtpServer refuser(refusing);
  alerts.configure(refuser.url(), k_desk_rule);
  auto refused = run_tracker({"alert-test", "--config", alerts.config.string()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("554") != std::string::npos);
}

TEST_CASE("two stores fed the same run make different Message-IDs, a retry keeps its own, threads hold") {
  TestSmtpServer smtp;
  AlertSite first;
  AlertSite second;
  first.configure("smtp://127.0.0.1:1", k_desk_rule);  // down at first: its alert is retried
  second.configure(smtp.url(), k_desk_rule);
  for (AlertSite* site : {&first, &second}) {
    site->site.publish("v3-full.txt");
    REQUIRE(site->run().exit_code == 0);
    site->site.publish("v4-rotation.txt");
  }
  CHECK(first.run().exit_code == 7);
  const nlohmann::json pending = first.alerts("--pending");
  REQUIRE(pending.size() == 1);
  REQUIRE(second.run().exit_code == 0);
  REQUIRE(smtp.wait_for(1).size() == 1);

  first.configure(smtp.url(), k_desk_rule);
  REQUIRE(tracker::test::run_process(
              {"/usr/bin/python3", "-c",
               "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE outbox SET next_attempt=0'); "
               "c.commit()",
               first.site.store().string()})
              .exit_code == 0);
  REQUIRE(first.run().exit_code == 0);
  const auto mail = smtp.wait_for(2);
  REQUIRE(mail.size() == 2);
  const nlohmann::json from_second = parse_mail(mail[0].data);
  const nlohmann::json retried = parse_mail(mail[1].data);
  // The same rule, the same snapshot and change ids in both stores, and still two messages.
  CHECK(first.alerts("--sent")[0]["changes"] == second.alerts("--sent")[0]["changes"]);
  CHECK(header(retried, "Message-ID") != header(from_second, "Message-ID"));
  CHECK(header(retried, "References") != header(from_second, "References"));
  // Queued once, sent on the second attempt under the id it was queued with.
  CHECK(header(retried, "Message-ID") == pending[0]["message_id"]);
  CHECK(first.alerts("--sent")[0]["attempts"] == 2);

  // The next version of the document joins the same thread in its own store.
  first.site.publish("v5-attribution.txt");
  REQUIRE(first.run().exit_code == 0);
  const auto three = smtp.wait_for(3);
  REQUIRE(three.size() == 3);
  const nlohmann::json next = parse_mail(three[2].data);
  CHECK(header(next, "References") == header(retried, "References"));
  CHECK(header(next, "In-Reply-To") == header(retried, "In-Reply-To"));
  CHECK(header(next, "Message-ID") != header(retried, "Message-ID"));
}

TEST_CASE("a story taken down is mailed once, saying so in both parts") {
  TestSmtpServer smtp;
  AlertSite alerts;
  alerts.configure(smtp.url(), k_desk_rule);
  alerts.site.publish("v3-full.txt");
  REQUIRE(alerts.run().exit_code == 0);
  std::filesystem::remove(alerts.site.site_dir() / "kursk.html");  // the outlet pulls it: 404
  auto pulled = alerts.run();
  REQUIRE_MESSAGE(pulled.exit_code == 0, pulled.err);
  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  const nlohmann::json parsed = parse_mail(mail[0].data);
  const std::string text = all_text(parsed);
  CHECK(text.find("story taken down") != std::string::npos);
  REQUIRE(parsed["parts"].size() == 2);
  for (const auto& part : parsed["parts"]) {  // the text and the HTML part alike
    CHECK(part["text"].get<std::string>().find("The story was taken down: the page answers 404 Not Found.") !=
          std::string::npos);
  }
  CHECK(text.find("North Korea troops not in combat") != std::string::npos);  // the headline that went
  REQUIRE(alerts.run().exit_code == 0);  // still gone: no second mail
  CHECK(smtp.received().size() == 1);
}

TEST_CASE("an address that two rules name gets each change once, from the first rule that matches") {
  TestSmtpServer smtp;
  AlertSite alerts;
  // The desk has a rule of its own and is also on the wider list of the second rule.
  alerts.configure(smtp.url(), k_desk_rule +
                                   "[[alert]]\nto = [\"Desk@example.org\", \"editor@example.org\"]\n"
                                   "min_significance = \"low\"\n");
  alerts.stored_then_updated();
  REQUIRE(alerts.run().exit_code == 0);
  const auto mail = smtp.wait_for(2);
  REQUIRE(mail.size() == 2);
  std::map<std::string, std::string> text_for;
  for (const auto& message : mail) {
    REQUIRE(message.rcpt_tos.size() == 1);
    text_for[message.rcpt_tos.front()] = all_text(parse_mail(message.data));
  }
  // The desk's rule gave it the high changes; the second rule gives the editor those and the
  // rest, and the desk (however its address is spelt) only what its own rule did not send.
  REQUIRE(text_for.count("desk@example.org") == 1);
  REQUIRE(text_for.count("editor@example.org") == 1);
  CHECK(text_for["desk@example.org"].find("some 12,000") != std::string::npos);
  CHECK(text_for["editor@example.org"].find("some 12,000") != std::string::npos);
  const nlohmann::json outbox = alerts.alerts();
  std::size_t desk_messages = 0;
  for (const auto& message : outbox) {
    for (const auto& to : message["recipients"]) {
      desk_messages += to.get<std::string>() == "desk@example.org" || to.get<std::string>() == "Desk@example.org";
    }
  }
  CHECK(desk_messages == 1);  // v3 -> v4 has high changes only: nothing left for the desk's second rule
}
