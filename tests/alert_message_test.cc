#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/paths.h"
#include "support/process.h"
#include "tracker/alert/ledger_message.h"
#include "tracker/alert/message.h"
#include "tracker/alert/mime.h"

using nlohmann::json;
using tracker::alert::alert_subject;
using tracker::alert::AlertedChange;
using tracker::alert::compose_alert;
using tracker::alert::Envelope;
namespace mime = tracker::alert::mime;

namespace {

const std::string k_old_troops =
    "North Korea has deployed more than 10,000 troops to Russia's Kursk region, officials said.";
const std::string k_new_troops =
    "North Korea has deployed around 11,000 troops to Russia's Kursk region, officials said.";
const std::string k_casualties =
    "Around 300 North Korean soldiers have been killed and 2,700 wounded, lawmakers said.";

AlertedChange make_change(std::string kind, std::string significance,
                          std::vector<std::string> topics, std::optional<std::string> old_text,
                          std::optional<std::string> new_text,
                          std::string title = "North Korea troops not in combat in Kursk for weeks",
                          std::string url = "https://example.org/kursk",
                          tracker::store::DocumentId document = 1) {
  AlertedChange out;
  out.source_name = "afp-asia";
  out.document_title = std::move(title);
  out.document_url = std::move(url);
  out.change.document_id = document;
  out.change.kind = std::move(kind);
  out.change.significance = std::move(significance);
  out.change.topics = std::move(topics);
  out.change.old_text = std::move(old_text);
  out.change.new_text = std::move(new_text);
  return out;
}

AlertedChange troops_modified() {
  AlertedChange out = make_change("modified", "high", {"deployment"}, k_old_troops, k_new_troops);
  out.change.aspects = {"number"};
  return out;
}

AlertedChange casualties_added() {
  return make_change("added", "high", {"casualties"}, std::nullopt, k_casualties);
}

Envelope envelope() {
  Envelope out;
  out.from = "tracker@example.org";
  out.to = {"desk@example.org", "editor@example.org"};
  out.message_id = "<alert-42@tracker.example.org>";
  out.date = 1739439000;  // Thu, 13 Feb 2025 09:30:00 UTC
  return out;
}

// What Python's email package reads in `message` (tests/tools/parse_mail.py).
json parse(const std::string& message) {
  const auto script = (tracker::test::source_dir() / "tests/tools/parse_mail.py").string();
  const tracker::test::ProcessResult result =
      tracker::test::run_process({"/usr/bin/python3", script}, message);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

// The message is well-formed: strict parse, no defects, CRLF only, headers folded to 78.
void check_well_formed(const json& mail) {
  CHECK(mail["strict_error"].is_null());
  CHECK_MESSAGE(mail["defects"].empty(), mail["defects"].dump());
  CHECK_FALSE(mail["bare_lf"].get<bool>());
  CHECK_FALSE(mail["bare_cr"].get<bool>());
  CHECK(mail["max_line"].get<int>() <= 998);
  for (const auto& line : mail["header_lines"]) {
    CHECK_MESSAGE(line.get<std::string>().size() <= 78, line.get<std::string>());
  }
}

std::string header(const json& mail, const std::string& name) {
  REQUIRE_MESSAGE(mail["headers"].contains(name), name);
  REQUIRE(mail["headers"][name].size() == 1);
  return mail["headers"][name][0].get<std::string>();
}

std::string part_text(const json& mail, const std::string& type) {
  for (const auto& part : mail["parts"]) {
    if (part["content_type"] == type) {
      return part["text"].get<std::string>();
    }
  }
  FAIL("no " << type << " part");
  return {};
}

std::string base64_decode(std::string_view text) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') {
      break;
    }
    bits = (bits << 6) | static_cast<unsigned>(alphabet.find(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("an alert is a multipart/alternative message with a UTF-8 text and HTML part") {
  const json mail = parse(compose_alert(envelope(), {troops_modified(), casualties_added()}));
  check_well_formed(mail);
  CHECK(mail["content_type"] == "multipart/alternative");
  REQUIRE(mail["parts"].size() == 2);
  CHECK(mail["parts"][0]["content_type"] == "text/plain");
  CHECK(mail["parts"][1]["content_type"] == "text/html");
  for (const auto& part : mail["parts"]) {
    CHECK(part["charset"] == "utf-8");
  }
  const std::vector<std::string> tags = mail["html"][0]["tags"];
  for (const char* forbidden : {"style", "script", "link", "img", "table"}) {
    CHECK_MESSAGE(std::find(tags.begin(), tags.end(), forbidden) == tags.end(), forbidden);
  }
}

TEST_CASE("alert headers decode back to the intended values") {
  AlertedChange change = casualties_added();
  change.document_title = "Северная Корея — войска в Курской области…";
  const std::string message = compose_alert(envelope(), {change});
  const json mail = parse(message);
  check_well_formed(mail);
  CHECK(header(mail, "From") == "tracker@example.org");
  CHECK(header(mail, "To") == "desk@example.org, editor@example.org");
  CHECK(header(mail, "Date") == "Thu, 13 Feb 2025 09:30:00 +0000");
  CHECK(header(mail, "Message-ID") == "<alert-42@tracker.example.org>");
  CHECK(header(mail, "MIME-Version") == "1.0");
  CHECK(header(mail, "Subject") == alert_subject({change}));
  CHECK(header(mail, "Subject").find("Северная Корея — войска") != std::string::npos);
  CHECK(message.find("Северная") == std::string::npos);  // encoded on the wire, not raw UTF-8
  CHECK_FALSE(mail["headers"].contains("In-Reply-To"));
  CHECK_FALSE(mail["headers"].contains("References"));
}

TEST_CASE("an alert in a thread names the last reference in In-Reply-To and all in References") {
  Envelope in_thread = envelope();
  in_thread.references = {"<alert-40@tracker.example.org>", "<alert-41@tracker.example.org>"};
  const json mail = parse(compose_alert(in_thread, {casualties_added()}));
  check_well_formed(mail);
  CHECK(header(mail, "In-Reply-To") == "<alert-41@tracker.example.org>");
  CHECK(header(mail, "References") ==
        "<alert-40@tracker.example.org> <alert-41@tracker.example.org>");
}

TEST_CASE("the text part shows the old and new claim with the changed words marked") {
  const std::string text =
      part_text(parse(compose_alert(envelope(), {troops_modified()})), "text/plain");
  CHECK(text.find("HIGH modified [deployment] number") != std::string::npos);
  CHECK(text.find("was: North Korea has deployed [-more than 10,000-] troops") !=
        std::string::npos);
  CHECK(text.find("now: North Korea has deployed {+around 11,000+} troops") != std::string::npos);
  CHECK(text.find("North Korea troops not in combat in Kursk for weeks") != std::string::npos);
  CHECK(text.find("Source: afp-asia") != std::string::npos);
  CHECK(text.find("Link: https://example.org/kursk") != std::string::npos);
}

TEST_CASE("the HTML part marks changed words with del and ins and escapes web text") {
  AlertedChange change = troops_modified();
  change.document_title = "<script>alert(1)</script> Kursk";
  change.change.new_text = "North Korea has deployed <b>around 11,000</b> troops & more.";
  const json mail = parse(compose_alert(envelope(), {change}));
  check_well_formed(mail);
  const std::string html = part_text(mail, "text/html");
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; Kursk") != std::string::npos);
  CHECK(html.find("&lt;b&gt;around") != std::string::npos);
  CHECK(html.find("&amp; more.") != std::string::npos);
  CHECK(html.find("<del style=") != std::string::npos);
  CHECK(html.find("<ins style=") != std::string::npos);
  const std::vector<std::string> tags = mail["html"][0]["tags"];
  CHECK(std::find(tags.begin(), tags.end(), "script") == tags.end());
  CHECK(std::find(tags.begin(), tags.end(), "b") == tags.end());
}

TEST_CASE("a title with CR/LF and a Bcc line cannot add a header") {
  AlertedChange change = casualties_added();
  change.document_title = "Kursk update\r\nBcc: x@evil.example\r\n\r\nbody";
  change.source_name = "afp\nX-Injected: yes";
  Envelope evil = envelope();
  evil.to = {"desk@example.org\r\nBcc: y@evil.example", "<a@evil.example>", "editor@example.org"};
  evil.references = {"<a@b>\r\nBcc: z@evil.example"};
  const json mail = parse(compose_alert(evil, {change}));
  check_well_formed(mail);
  CHECK_FALSE(mail["headers"].contains("Bcc"));
  CHECK_FALSE(mail["headers"].contains("X-Injected"));
  CHECK(header(mail, "To") == "editor@example.org");
  CHECK_FALSE(mail["headers"].contains("References"));
  const std::string subject = header(mail, "Subject");
  CHECK(subject.find('\r') == std::string::npos);
  CHECK(subject.find('\n') == std::string::npos);
  CHECK(subject.find("Kursk update Bcc: x@evil.example body") != std::string::npos);
  CHECK(mail["parts"].size() == 2);
}

TEST_CASE("an alert without a plain From or any plain To address is refused") {
  Envelope bad_from = envelope();
  bad_from.from = "Tracker <tracker@example.org>";
  CHECK_THROWS_AS(compose_alert(bad_from, {casualties_added()}), std::invalid_argument);
  Envelope no_to = envelope();
  no_to.to = {"desk@example.org\nBcc: x@evil.example"};
  CHECK_THROWS_AS(compose_alert(no_to, {casualties_added()}), std::invalid_argument);
  CHECK_THROWS_AS(compose_alert(envelope(), {}), std::invalid_argument);
  CHECK(mime::is_plain_address("desk@example.org"));
  CHECK_FALSE(mime::is_plain_address("desk@example.org, x@evil.example"));
  CHECK(mime::is_message_id("<a.1@example.org>"));
  CHECK_FALSE(mime::is_message_id("<a@b>\r\nBcc: z@evil.example"));
}

TEST_CASE("a javascript: URL is shown as text, not as a link") {
  AlertedChange bad = casualties_added();
  bad.document_url = "javascript:alert(document.cookie)";
  AlertedChange good =
      make_change("removed", "medium", {"combat"}, "Fighting continued.", std::nullopt,
                  "Second story", "HTTPS://example.org/a?x=1&y=\"2\"", 2);
  const json mail = parse(compose_alert(envelope(), {bad, good}));
  check_well_formed(mail);
  CHECK(mail["html"][0]["links"] == json::array({"HTTPS://example.org/a?x=1&y=\"2\""}));
  CHECK(part_text(mail, "text/html").find("javascript:alert(document.cookie)") !=
        std::string::npos);
}

TEST_CASE("a title with NUL and invalid UTF-8 comes out as U+FFFD and spaces") {
  AlertedChange change = casualties_added();
  change.document_title = std::string("Kursk\0report \xff\xfe end", 20);
  const json mail = parse(compose_alert(envelope(), {change}));
  check_well_formed(mail);
  CHECK(part_text(mail, "text/plain").find("Kursk report \uFFFD\uFFFD end") != std::string::npos);
  CHECK(header(mail, "Subject").find("Kursk report \uFFFD\uFFFD end") != std::string::npos);
}

TEST_CASE("long subjects are folded legally and decode to alert_subject") {
  AlertedChange change = casualties_added();
  change.document_title = std::string(150, 'x') + " " + "Курская область " + std::string(40, 'y');
  const std::string message = compose_alert(envelope(), {change});
  const json mail = parse(message);
  check_well_formed(mail);
  CHECK(header(mail, "Subject") == alert_subject({change}));
  AlertedChange ascii = casualties_added();
  ascii.change.new_text = "A claim with a very long word " + std::string(120, 'w') + " in it.";
  const json ascii_mail = parse(compose_alert(envelope(), {ascii}));
  check_well_formed(ascii_mail);
  CHECK(header(ascii_mail, "Subject") == alert_subject({ascii}));
}

TEST_CASE("the subject puts the most significant change and its topics first") {
  AlertedChange low =
      make_change("modified", "low", {}, "The army said so.", "The army said this.");
  low.change.aspects = {"wording"};
  const std::string subject = alert_subject({low, troops_modified(), casualties_added()});
  CHECK(subject.rfind("[tracker] deployment: number changed \"more than 10,000 troops\" \u2192 "
                      "\"around 11,000 troops\"",
                      0) == 0);
  CHECK(subject.find("(afp-asia) +2 more") != std::string::npos);
  AlertedChange huge = make_change("added", "high", {std::string(100, 't'), "casualties"},
                                   std::nullopt, std::string(500, 'c'), std::string(500, 'x'));
  huge.source_name = std::string(100, 's');
  const std::string capped = alert_subject({huge, casualties_added()});
  const auto code_points = std::count_if(capped.begin(), capped.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  CHECK(code_points <= 200);
  CHECK(capped.ends_with("\u2026) +1 more"));  // the title gave way, not the source or the count
  const std::string added = alert_subject({casualties_added()});
  CHECK(added.rfind("[tracker] casualties: new claim \"Around 300", 0) == 0);
  CHECK(added.find("\u2014 North Korea troops not in combat in Kursk for weeks (afp-asia)") !=
        std::string::npos);
}

TEST_CASE("changes are grouped by document, most significant document first") {
  AlertedChange other =
      make_change("added", "medium", {"territory"}, std::nullopt, "Russia retook two villages.",
                  "Other story", "https://example.org/other", 2);
  AlertedChange low = make_change("removed", "low", {}, "It was cold.", std::nullopt);
  const std::string text =
      part_text(parse(compose_alert(envelope(), {low, other, casualties_added()})), "text/plain");
  const std::size_t kursk = text.find("North Korea troops not in combat");
  const std::size_t first = text.find("Around 300");
  const std::size_t second = text.find("It was cold.");
  const std::size_t other_story = text.find("Other story");
  REQUIRE(other_story != std::string::npos);
  CHECK(kursk < first);
  CHECK(first < second);
  CHECK(second < other_story);
  CHECK(text.find("3 changed claims in 2 documents") != std::string::npos);
}

TEST_CASE("encoded words never cut a UTF-8 character and stay within 75 characters") {
  const std::string text = "Курская область — \u2026 \U0001F600 " + std::string(30, 'a') + "Ж€";
  for (std::size_t first = 20; first <= 75; ++first) {
    std::string joined;
    const std::vector<std::string> words = mime::encoded_words(text, first);
    for (std::size_t i = 0; i < words.size(); ++i) {
      CHECK(words[i].size() <= (i == 0 ? first : 75));
      REQUIRE(words[i].rfind("=?utf-8?B?", 0) == 0);
      const std::string bytes =
          base64_decode(std::string_view(words[i]).substr(10, words[i].size() - 12));
      CHECK((static_cast<unsigned char>(bytes.front()) & 0xC0) != 0x80);  // starts a character
      joined += bytes;
    }
    CHECK(joined == text);
  }
}

TEST_CASE("quoted-printable lines are at most 76 characters and keep characters whole") {
  const std::string text = std::string(200, '=') + "\n" + std::string(100, 'a') +
                           " \n.leading dot\n" + "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ\n";
  const std::string encoded = mime::quoted_printable(text);
  std::size_t start = 0;
  while (start < encoded.size()) {
    const std::size_t end = encoded.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    const std::string line = encoded.substr(start, end - start);
    CHECK(line.size() <= 76);
    CHECK_FALSE(line.ends_with("=D0="));  // a soft break never falls between =D0 and =96
    start = end + 2;
  }
  CHECK(encoded.find("a=20\r\n") != std::string::npos);              // trailing space made visible
  CHECK(encoded.find("\r\n.leading dot\r\n") != std::string::npos);  // libcurl dot-stuffs it
}

TEST_CASE("alerts say what the report says: a possible correction and a correction note, in both parts") {
  AlertedChange fewer = make_change("modified", "high", {"casualties"}, k_casualties,
                                    "Around 200 North Korean soldiers have been killed and 2,700 wounded, "
                                    "lawmakers said.");
  fewer.change.aspects = {"number"};
  fewer.change.detail_json = R"({"kind":"modified","possible_correction":true,"correction_note":false})";
  AlertedChange note = make_change("added", "medium", {}, std::nullopt,
                                   "Correction: An earlier version of this story misstated the region.");
  note.change.detail_json = R"({"kind":"added","possible_correction":false,"correction_note":true})";
  AlertedChange plain = troops_modified();
  plain.change.detail_json = R"({"kind":"modified","possible_correction":false})";
  const json mail = parse(compose_alert(envelope(), {fewer, note, plain}));
  check_well_formed(mail);
  for (const std::string type : {"text/plain", "text/html"}) {
    const std::string part = part_text(mail, type);
    INFO(type);
    const std::size_t count_note = part.find("A count went down: possible correction.");
    const std::size_t outlet_note = part.find("The outlet added a correction or editor");
    REQUIRE(count_note != std::string::npos);
    REQUIRE(outlet_note != std::string::npos);
    // Each note once, beside its own change.
    CHECK(part.find("A count went down: possible correction.", count_note + 1) == std::string::npos);
    CHECK(part.find("The outlet added a correction or editor", outlet_note + 1) == std::string::npos);
    CHECK(count_note < part.find("Around 200"));
  }
}

TEST_CASE("the subject names a page field that changed: headline, standfirst, byline") {
  AlertedChange byline = make_change("byline", "medium", {}, "Jane Roe", "Jane Roe and John Doe");
  byline.change.aspects = {"attribution"};
  // Words only added: the subject shows them with a '+'.
  CHECK(alert_subject({byline}).rfind("[tracker] byline attribution changed +\"and John Doe\"", 0) == 0);
  AlertedChange standfirst = make_change("standfirst", "high", {"casualties"}, "Three dead as bridge collapses",
                                         "Five dead as bridge collapses");
  standfirst.change.aspects = {"number"};
  CHECK(alert_subject({standfirst}).rfind("[tracker] casualties: standfirst number changed \"Three", 0) == 0);
  AlertedChange headline = make_change("headline", "medium", {}, "Talks begin", "Talks stall");
  CHECK(alert_subject({headline}).rfind("[tracker] headline changed", 0) == 0);
}

namespace {

// A figure the ledger read from a stored claim: `text` of `measure`, said by `who`.
tracker::report::Figure ledger_figure(std::string text, double value, std::string who, std::string source,
                                      tracker::store::SnapshotId snapshot) {
  tracker::report::Figure figure;
  figure.measure = "soldiers killed";
  figure.text = std::move(text);
  figure.value = value;
  figure.qualifier = "about";
  figure.attribution = std::move(who);
  figure.certainty = "asserted";
  figure.claim = k_casualties;
  figure.document_id = 1;
  figure.title = "North Korea troops not in combat in Kursk for weeks";
  figure.url = "https://example.org/kursk";
  figure.source = std::move(source);
  figure.first_snapshot = snapshot;
  figure.first_seen = 1739260000 + snapshot * 3600;
  return figure;
}

}  // namespace

TEST_CASE("a ledger alert says what each figure did and what it answers, most telling event in the subject") {
  tracker::report::LedgerEntry corroborated;
  corroborated.figure = ledger_figure("Around 300", 300, "lawmakers", "wire", 2);
  corroborated.event = tracker::report::LedgerEvent::corroborated;
  corroborated.relates_to = ledger_figure("Around 300", 300, "lawmakers", "afp-asia", 1);
  corroborated.carried_by = {"afp-asia", "wire"};
  tracker::report::LedgerEntry contradicted;
  contradicted.figure = ledger_figure("4,000", 4000, "Ukraine's military", "wire", 2);
  contradicted.event = tracker::report::LedgerEvent::contradicted;
  contradicted.relates_to = corroborated.figure;
  contradicted.carried_by = {"wire"};

  const json mail = parse(tracker::alert::compose_ledger_alert(envelope(), {corroborated, contradicted}));
  check_well_formed(mail);
  CHECK(header(mail, "Subject") ==
        "[tracker] soldiers killed contradicted \"4,000\" (Ukraine's military) vs \"Around 300\" (lawmakers) "
        "\u2014 North Korea troops not in combat in Kursk for weeks (wire) +1 more");
  const std::string text = part_text(mail, "text/plain");
  CHECK(text.find("tracker: 2 figure events in 1 document.") != std::string::npos);
  CHECK(text.find("CORROBORATED \u00b7 soldiers killed\r\n  now: Around 300 \u2014 lawmakers (asserted), wire, ") !=
        std::string::npos);
  CHECK(text.find("  first: Around 300 \u2014 lawmakers (asserted), afp-asia, ") != std::string::npos);
  CHECK(text.find("  carried by: afp-asia, wire") != std::string::npos);
  CHECK(text.find("CONTRADICTED \u00b7 soldiers killed\r\n  now: 4,000 \u2014 Ukraine's military") != std::string::npos);
  CHECK(text.find("  against: Around 300 \u2014 lawmakers (asserted), wire, ") != std::string::npos);
  CHECK(mail["html"][0]["links"] == json::array({"https://example.org/kursk"}));
  CHECK_THROWS_AS(tracker::alert::compose_ledger_alert(envelope(), {}), std::invalid_argument);
}

TEST_CASE("a ledger alert keeps web text out of its headers and markup") {
  tracker::report::LedgerEntry entry;
  entry.figure = ledger_figure("300", 300, "lawmakers\r\nBcc: x@evil.example", "afp\nX-Injected: yes", 1);
  entry.figure.title = "Kursk <b>update</b>\r\nBcc: y@evil.example";
  entry.figure.url = "javascript:alert(document.cookie)";
  entry.figure.claim = "<script>alert(1)</script> 300 soldiers were killed.";
  const json mail = parse(tracker::alert::compose_ledger_alert(envelope(), {entry}));
  check_well_formed(mail);
  CHECK_FALSE(mail["headers"].contains("Bcc"));
  CHECK_FALSE(mail["headers"].contains("X-Injected"));
  CHECK(header(mail, "Subject").find('\n') == std::string::npos);
  CHECK(mail["html"][0]["links"] == json::array());
  const std::string html = part_text(mail, "text/html");
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  CHECK(html.find("<b>update</b>") == std::string::npos);
}
