// Figure-ledger alerts end to end (#18): `[[alert]] events = [...]` mails what each newly
// reported figure did to its measure's timeline, from tracker run against two loopback outlets
// and a real SMTP server.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/alert_site.h"
#include "support/process.h"
#include "support/smtp_server.h"

using tracker::test::AlertSite;
using tracker::test::all_text;
using tracker::test::header;
using tracker::test::parse_mail;
using tracker::test::ReceivedMail;
using tracker::test::TestSmtpServer;

namespace {

// A second outlet on the site: a wire story giving the same troop figure from the same
// intelligence agencies as the demo's report.
std::string add_wire_outlet(AlertSite& alerts) {
  tracker::test::DemoSite& site = alerts.site;
  tracker::test::write_file(
      site.site_dir() / "feed-b.xml",
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><link>" +
          site.base() +
          "/</link><description>w</description><item><title>Kursk wire</title>"
          "<link>" +
          site.base() +
          "/kursk-b.html</link><guid isPermaLink=\"false\">wire-1"
          "</guid></item></channel></rss>");
  auto rendered = tracker::test::run_process(
      {"/usr/bin/python3", (tracker::test::source_dir() / "feeds/demo/render_version.py").string(),
       (tracker::test::source_dir() / "snapshots/kursk/v1-wire.txt").string(),
       (site.site_dir() / "kursk-b.html").string()});
  REQUIRE(rendered.exit_code == 0);
  return "[[source]]\nname = \"wire\"\nurl = \"" + site.base() + "/feed-b.xml\"\n";
}

const std::string k_claims_rule =
    "[[alert]]\nto = [\"desk@example.org\"]\nmin_significance = \"high\"\n";
const std::string k_troops_rule =
    "[[alert]]\nto = [\"figures@example.org\"]\nevents = [\"corroborated\", \"revised\", "
    "\"contradicted\"]\n"
    "measures = [\"troops\"]\n";

std::vector<ReceivedMail> mail_to(const std::vector<ReceivedMail>& mail,
                                  const std::string& address) {
  std::vector<ReceivedMail> out;
  for (const ReceivedMail& message : mail) {
    if (message.rcpt_tos == std::vector<std::string>{address}) {
      out.push_back(message);
    }
  }
  return out;
}

}  // namespace

TEST_CASE(
    "a ledger rule mails a figure corroborated by a second outlet, then revised by its speaker, "
    "once each") {
  TestSmtpServer smtp;
  AlertSite alerts;
  const std::string wire = add_wire_outlet(alerts);
  alerts.configure(smtp.url(), k_claims_rule + k_troops_rule, wire);

  // First run: both outlets' first versions. The claims rule has no change to send; the ledger
  // rule sees the wire repeat the demo's "more than 10,000 troops" (or the other way round).
  alerts.site.publish("v3-full.txt");
  auto first = alerts.run();
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);
  const std::vector<ReceivedMail> after_first = smtp.wait_for(1);
  REQUIRE(after_first.size() == 1);
  CHECK(after_first[0].rcpt_tos == std::vector<std::string>{"figures@example.org"});
  const nlohmann::json corroborated = parse_mail(after_first[0].data);
  CHECK(corroborated["strict_error"].is_null());
  CHECK(corroborated["defects"].empty());
  CHECK(header(corroborated, "Subject")
            .starts_with("[tracker] troops corroborated \"more than 10,000\""));
  const std::string first_text = all_text(corroborated);
  CHECK(first_text.find("CORROBORATED \u00b7 troops") != std::string::npos);
  CHECK(first_text.find("first: more than 10,000 \u2014 Western, South Korean and Ukrainian "
                        "intelligence agencies") != std::string::npos);
  CHECK(first_text.find("carried by: demo, wire") != std::string::npos);
  CHECK(first_text.find("NEW FIGURE") == std::string::npos);  // not asked for

  // Second run: the demo's update says "some 12,000 troops", from the same agencies.
  alerts.site.publish("v4-rotation.txt");
  REQUIRE(alerts.run().exit_code == 0);
  const std::vector<ReceivedMail> all = smtp.wait_for(3);
  REQUIRE(all.size() == 3);
  const std::vector<ReceivedMail> figures = mail_to(all, "figures@example.org");
  const std::vector<ReceivedMail> desk = mail_to(all, "desk@example.org");
  REQUIRE(figures.size() == 2);
  REQUIRE(desk.size() == 1);  // the claim change alert goes on as before, to its own rule
  const nlohmann::json revised = parse_mail(figures[1].data);
  CHECK(header(revised, "Subject")
            .starts_with("[tracker] troops revised up \"more than 10,000\" \u2192 \"some 12,000\" "
                         "(Western, South"));
  CHECK(header(revised, "Subject").find("(demo)") != std::string::npos);
  const std::string text = all_text(revised);
  CHECK(text.find("REVISED UP \u00b7 troops") != std::string::npos);
  CHECK(text.find(
            "now: some 12,000 \u2014 Western, South Korean and Ukrainian intelligence agencies") !=
        std::string::npos);
  CHECK(text.find("was: more than 10,000 \u2014 Western, South Korean and Ukrainian intelligence "
                  "agencies") != std::string::npos);
  CHECK(text.find("CORROBORATED") == std::string::npos);  // the first run's event is not sent again
  // The figure alert threads with the claim alert about the same document.
  const nlohmann::json claims = parse_mail(desk[0].data);
  CHECK(header(revised, "References") == header(claims, "References"));
  CHECK(header(revised, "Message-ID") != header(claims, "Message-ID"));

  // Nothing new: nothing more is sent.
  REQUIRE(alerts.run().exit_code == 0);
  CHECK(smtp.received().size() == 3);
  const nlohmann::json outbox = alerts.alerts();
  REQUIRE(outbox.size() == 3);
  for (const nlohmann::json& message : outbox) {
    CHECK(message["status"] == "sent");
  }
}

TEST_CASE(
    "a ledger rule added to a store mails only figures reported after it, and --no-alerts passes "
    "them over") {
  TestSmtpServer smtp;
  AlertSite alerts;
  const std::string wire = add_wire_outlet(alerts);
  alerts.configure(smtp.url(), "", wire);
  alerts.site.publish("v3-full.txt");
  REQUIRE(alerts.run().exit_code == 0);  // no rule yet: the corroboration is history

  const std::string every_event =
      "[[alert]]\nto = [\"figures@example.org\"]\n"
      "events = [\"new-figure\", \"corroborated\", \"repeated\", \"revised\", \"contradicted\"]\n";
  alerts.configure(smtp.url(), every_event, wire);
  REQUIRE(alerts.run().exit_code == 0);
  CHECK(smtp.received().empty());

  alerts.site.publish("v4-rotation.txt");
  REQUIRE(alerts.run({"--no-alerts"}).exit_code == 0);
  REQUIRE(alerts.run().exit_code == 0);
  CHECK(smtp.received().empty());  // v4's figures were passed over for good

  // A rule that searches for another story's words sees none of this one's figures; the same
  // rule searching for this story's words (the demo and wire titles both say "Kursk") does.
  const std::string searching =
      "[[alert]]\nto = [\"gaza@example.org\"]\nevents = [\"new-figure\", \"revised\"]\n"
      "search = \"gaza ceasefire\"\n"
      "[[alert]]\nto = [\"kursk@example.org\"]\nevents = [\"new-figure\", \"revised\"]\n"
      "search = \"kursk\"\n";
  alerts.configure(smtp.url(), searching, wire);
  REQUIRE(alerts.run().exit_code == 0);
  alerts.site.publish("v3-full.txt");  // back to "more than 10,000 troops": revised down
  REQUIRE(alerts.run().exit_code == 0);
  const std::vector<ReceivedMail> mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].rcpt_tos == std::vector<std::string>{"kursk@example.org"});
  CHECK(all_text(parse_mail(mail[0].data)).find("REVISED DOWN \u00b7 troops") != std::string::npos);
}

TEST_CASE("a ledger rule with a story reads only that story's documents") {
  TestSmtpServer smtp;
  AlertSite alerts;
  const std::string wire = add_wire_outlet(alerts);
  // The troops rule of the test above, held to a pinned story that holds neither outlet.
  alerts.configure(smtp.url(),
                   k_claims_rule + "[[story]]\nname = \"elsewhere\"\nsearch = \"nothing-is-called-this\"\n" +
                       k_troops_rule + "story = \"elsewhere\"\n",
                   wire);
  alerts.site.publish("v3-full.txt");
  REQUIRE(alerts.run().exit_code == 0);
  alerts.site.publish("v4-rotation.txt");
  REQUIRE(alerts.run().exit_code == 0);
  REQUIRE(smtp.wait_for(1).size() == 1);
  const nlohmann::json outbox = alerts.alerts();
  REQUIRE(outbox.size() == 1);  // the claim change alone: no corroboration, no revision
  CHECK(outbox[0].dump().find("desk@example.org") != std::string::npos);
}

TEST_CASE("a ledger rule without a story judges each stored story's figures apart") {
  TestSmtpServer smtp;
  AlertSite alerts;
  const std::string wire = add_wire_outlet(alerts);
  // A third outlet with a story of its own (other places, other actors) whose troop count is near
  // Kursk's and given by other intelligence agencies: read in one ledger with Kursk's, it is a
  // contradiction of "more than 10,000 troops".
  tracker::test::DemoSite& site = alerts.site;
  const auto border_feed = [&](bool with_item) {
    tracker::test::write_file(
        site.site_dir() / "feed-c.xml",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Border</title><link>" +
            site.base() + "/</link><description>b</description>" +
            (with_item ? "<item><title>Verland masses troops on the Ostrava border</title><link>" +
                             site.base() +
                             "/border.html</link><guid isPermaLink=\"false\">border-1</guid></item>"
                       : std::string()) +
            "</channel></rss>");
  };
  tracker::test::write_file(
      site.site_dir() / "border.html",
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>Verland masses troops on the Ostrava border</title></head><body><article>"
      "<h1>Verland masses troops on the Ostrava border</h1>"
      "<p>VELGRAD: More than 11,000 troops have been massed on Verland's border with Ostrava, "
      "Baltic intelligence agencies said on Thursday, as talks between the two governments "
      "stalled.</p>"
      "<p>The Ostravan foreign ministry summoned Verland's ambassador and called the build-up a "
      "threat to the region's stability.</p>"
      "<p>Verland's defence ministry said the exercises were planned months ago and would end "
      "within two weeks.</p></article></body></html>");
  border_feed(false);
  alerts.configure(
      smtp.url(), k_troops_rule,
      wire + "[[source]]\nname = \"border\"\nurl = \"" + site.base() + "/feed-c.xml\"\n");
  alerts.site.publish("v3-full.txt");
  REQUIRE(alerts.run().exit_code == 0);
  REQUIRE(smtp.wait_for(1).size() == 1);  // Kursk's troop figure corroborated by the wire

  border_feed(true);
  auto second = alerts.run();
  REQUIRE_MESSAGE(second.exit_code == 0, second.err);
  // Read as one ledger with Kursk's, the border's figure would contradict it; `figures --ledger`
  // reads each story apart too, as the alert does: a new figure of a story of its own.
  auto listed = tracker::test::run_tracker({"figures", "--store", site.store().string(), "--ledger",
                                            "--measure", "troops", "--format", "json"});
  REQUIRE(listed.exit_code == 0);
  const nlohmann::json ledger = nlohmann::json::parse(listed.out);
  std::string border_event;
  std::set<int> border_stories;
  std::set<int> kursk_stories;
  for (const nlohmann::json& measure : ledger["measures"]) {
    for (const nlohmann::json& entry : measure["timeline"]) {
      (entry["source"] == "border" ? border_stories : kursk_stories)
          .insert(measure["story"]["id"].get<int>());
      if (entry["source"] == "border") {
        border_event = entry["event"].get<std::string>();
      }
    }
  }
  CHECK(border_event == "new-figure");
  CHECK(border_stories.size() == 1);
  CHECK(kursk_stories.size() == 1);
  CHECK(border_stories != kursk_stories);
  // Read across stories as one ledger, the border's figure contradicts Kursk's.
  auto across =
      tracker::test::run_tracker({"figures", "--store", site.store().string(), "--ledger",
                                  "--across-stories", "--measure", "troops", "--format", "json"});
  REQUIRE(across.exit_code == 0);
  std::string border_across;
  const nlohmann::json across_ledger = nlohmann::json::parse(across.out);
  for (const nlohmann::json& measure : across_ledger["measures"]) {
    CHECK(measure["story"].is_null());
    for (const nlohmann::json& entry : measure["timeline"]) {
      if (entry["source"] == "border") {
        border_across = entry["event"].get<std::string>();
      }
    }
  }
  CHECK(border_across == "contradicted");
  CHECK(smtp.received().size() == 1);
  const nlohmann::json outbox = alerts.alerts();
  REQUIRE(outbox.size() == 1);
  CHECK(outbox[0].dump().find("11,000") == std::string::npos);
}
