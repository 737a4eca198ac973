#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/text_search.h"
#include "tracker/report/atom_feed.h"
#include "tracker/report/html_report.h"
#include "tracker/report/stored_changes.h"

using nlohmann::json;
using tracker::report::ChangeSet;
using tracker::report::StoredChange;
using tracker::test::contains;
using tracker::test::count;
using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

// A store's change as a run would have written it (detail as `diff --format json` has it).
tracker::store::Change stored_change(tracker::store::ChangeId id, std::string kind,
                                     std::optional<std::string> old_text,
                                     std::optional<std::string> new_text, std::string detail) {
  tracker::store::Change change;
  change.id = id;
  change.document_id = 7;
  change.snapshot_id = 12;
  change.previous_snapshot_id = 11;
  change.kind = std::move(kind);
  change.significance = "high";
  change.topics = {"casualties"};
  change.aspects = {"number"};
  change.old_text = std::move(old_text);
  change.new_text = std::move(new_text);
  change.detail_json = std::move(detail);
  change.created_at = 1'739'436'000;  // 2025-02-13T08:40:00Z
  return change;
}

// One document whose title, URL, source name and claims carry markup and script.
ChangeSet hostile_set() {
  ChangeSet set;
  tracker::report::ChangedDocument document;
  document.document.id = 7;
  document.document.key = "k<1>";
  document.document.url = "javascript:document.title='PWNED'";
  document.document.title = "<script>document.title='PWNED'</script> Kursk & \"co\"";
  document.source_name = "<img src=x onerror=alert(1)>";
  set.documents.emplace(7, document);
  set.changes.push_back(tracker::report::to_stored_change(stored_change(
      1, "modified", "Some <b>1,000</b> troops", "Some <i>2,000</i> troops",
      R"({"words":[{"op":"equal","text":"Some"},{"op":"removed","text":"<b>1,000</b>"},)"
      R"({"op":"added","text":"<i>2,000</i>"},{"op":"equal","text":"troops"}]})")));
  return set;
}

// What tests/tools/read_atom.py (ElementTree and feedparser) reads in the feed file `path`.
json read_atom(const std::filesystem::path& path) {
  const auto script = (tracker::test::source_dir() / "tests/tools/read_atom.py").string();
  const auto result = tracker::test::run_process({"/usr/bin/python3", script, path.string()});
  INFO(result.err);
  REQUIRE_MESSAGE(
      result.exit_code == 0,
      "tests/tools/read_atom.py failed; it needs python3-feedparser (scripts/install-deps.sh)");
  return json::parse(result.out);
}

// The feed is well-formed for libxml2 and ElementTree, breaks no RFC 4287 rule we check, and
// feedparser reads it as Atom 1.0 without complaint.
void check_valid_atom(const std::filesystem::path& path, const json& feed) {
  const auto xmllint = tracker::test::run_process({"/usr/bin/xmllint", "--noout", path.string()});
  CHECK_MESSAGE(xmllint.exit_code == 0, xmllint.err);
  CHECK(feed["xml_error"].is_null());
  CHECK_MESSAGE(feed["problems"].empty(), feed["problems"].dump());
  CHECK_MESSAGE(!feed["feedparser"]["bozo"].get<bool>(),
                feed["feedparser"]["bozo_exception"].dump());
  CHECK(feed["feedparser"]["version"] == "atom10");
}

std::vector<std::string> entry_ids(const json& feed) {
  std::vector<std::string> ids;
  for (const json& entry : feed["feedparser"]["entries"]) {
    ids.push_back(entry["id"].get<std::string>());
  }
  return ids;
}

}  // namespace

TEST_CASE("a stored change's word diff comes from its detail, else from its two texts") {
  const StoredChange from_detail = tracker::report::to_stored_change(stored_change(
      1, "modified", "deployed more than 10,000 troops", "deployed some 12,000 troops",
      R"({"words":[{"op":"equal","text":"deployed"},{"op":"removed","text":"more than 10,000"},)"
      R"({"op":"added","text":"some 12,000"},{"op":"equal","text":"troops"}],"possible_correction":true})"));
  REQUIRE(from_detail.words.size() == 4);
  CHECK(from_detail.words[1].op == tracker::diff::WordEdit::Op::removed);
  CHECK(from_detail.words[1].text == "more than 10,000");
  CHECK(from_detail.words[2].text == "some 12,000");
  CHECK(from_detail.flags.possible_correction);

  // A damaged detail (a hand-edited or older store): the words are diffed again.
  const StoredChange damaged = tracker::report::to_stored_change(
      stored_change(2, "modified", "killed 300 soldiers", "killed 400 soldiers", "{not json"));
  REQUIRE_FALSE(damaged.words.empty());
  CHECK_FALSE(damaged.flags.possible_correction);
  bool removed_300 = false;
  for (const auto& edit : damaged.words) {
    removed_300 =
        removed_300 || (edit.op == tracker::diff::WordEdit::Op::removed && edit.text == "300");
  }
  CHECK(removed_300);

  const StoredChange added = tracker::report::to_stored_change(
      stored_change(3, "added", std::nullopt, "A new claim.", "{}"));
  CHECK(added.words.empty());
}

TEST_CASE("only http and https URLs become links") {
  CHECK(tracker::report::web_link("https://example.org/a?b=1") == "https://example.org/a?b=1");
  CHECK(tracker::report::web_link("HTTP://example.org/") == "HTTP://example.org/");
  CHECK(tracker::report::web_link("javascript:alert(1)").empty());
  CHECK(tracker::report::web_link(" javascript:alert(1)").empty());
  CHECK(tracker::report::web_link("data:text/html,<script>x</script>").empty());
  CHECK(tracker::report::web_link("/relative/path").empty());
  CHECK(tracker::report::web_link("https://example.org/a b").empty());
  CHECK(tracker::report::web_link("https://example.org/\x01").empty());
}

TEST_CASE("the HTML report escapes every stored text and forbids scripts") {
  const std::string page =
      tracker::report::html_report(hostile_set(), {"topic <x>", 1'739'440'000});
  CHECK(page.starts_with("<!DOCTYPE html>"));
  CHECK(
      contains(page, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
  // No markup of the stored texts survives: not one script, image, bold or italic element.
  CHECK_FALSE(contains(page, "<script"));
  CHECK_FALSE(contains(page, "<img"));
  CHECK_FALSE(contains(page, "<b>"));
  CHECK_FALSE(contains(page, "<i>"));
  CHECK_FALSE(contains(page, "href=\"javascript:"));
  CHECK(contains(
      page,
      "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt; Kursk &amp; &quot;co&quot;"));
  CHECK(contains(page, "&lt;img src=x onerror=alert(1)&gt;"));
  CHECK(contains(page, "topic &lt;x&gt;"));
  // The javascript: URL is shown as text, not linked.
  CHECK(contains(page, "javascript:document.title=&#39;PWNED&#39;"));
  // Changed words marked, each side with its own: old with <del>, new with <ins>.
  CHECK(contains(page, "Some <del>&lt;b&gt;1,000&lt;/b&gt;</del> troops"));
  CHECK(contains(page, "Some <ins>&lt;i&gt;2,000&lt;/i&gt;</ins> troops"));
  // Self-contained: nothing is loaded from anywhere.
  for (const char* element : {"<link", "<iframe", "<object", "<embed", "<video", "<audio"}) {
    CHECK_FALSE(contains(page, element));
  }
  CHECK_FALSE(contains(page, "url("));
  CHECK_FALSE(contains(page, "@import"));
}

TEST_CASE("the HTML report of no changes says so") {
  const std::string page = tracker::report::html_report(ChangeSet{}, {"", 0});
  CHECK(contains(page, "0 changes in 0 documents"));
  CHECK(contains(page, "<p>No claim changes.</p>"));
  CHECK(contains(page, "generated <time>1970-01-01T00:00:00Z</time>"));
}

TEST_CASE("Atom entry ids are stable, distinct, and valid UUID URNs") {
  ChangeSet set = hostile_set();
  const auto& document = set.documents.at(7);
  const std::string id = tracker::report::entry_id(set.changes[0].change, document);
  CHECK(id == tracker::report::entry_id(set.changes[0].change, document));
  REQUIRE(id.size() == 45);
  CHECK(id.starts_with("urn:uuid:"));
  CHECK(id[9 + 14] == '8');                                          // version 8
  CHECK(std::string("89ab").find(id[9 + 19]) != std::string::npos);  // RFC 4122 variant
  tracker::store::Change other = set.changes[0].change;
  other.id += 1;
  CHECK(tracker::report::entry_id(other, document) != id);
  tracker::report::ChangedDocument elsewhere = document;
  elsewhere.document.key = "another-key";
  CHECK(tracker::report::entry_id(set.changes[0].change, elsewhere) != id);
}

TEST_CASE("the Atom feed carries hostile and broken text as valid XML") {
  ChangeSet set = hostile_set();
  // Bytes XML 1.0 cannot carry: a C0 control, invalid UTF-8, U+FFFF.
  set.changes.push_back(tracker::report::to_stored_change(stored_change(
      2, "added", std::nullopt, "Bell\x07 and \xff\xfe broken \xef\xbf\xbf end", "{}")));
  const std::string feed = tracker::report::atom_feed(set, {"urn:uuid:feed", "tracker: <test>", 0});
  TempDir dir;
  write_file(dir / "feed.xml", feed);
  const json read = read_atom(dir / "feed.xml");
  check_valid_atom(dir / "feed.xml", read);
  const json& entries = read["feedparser"]["entries"];
  REQUIRE(entries.size() == 2);
  // Newest first; the control character and U+FFFF dropped, the bad bytes replaced.
  CHECK(entries[0]["title"] ==
        "HIGH new claim [casualties]: Bell and \xef\xbf\xbd\xef\xbf\xbd broken  end "
        "(<script>document.title='PWNED'</script> Kursk & \"co\")");
  // The markup of the claims is text: escaped in the XHTML, never elements.
  const std::string content = entries[1]["content"].get<std::string>();
  CHECK(contains(content, "<del>&lt;b&gt;1,000&lt;/b&gt;</del>"));
  CHECK(contains(content, "<ins>&lt;i&gt;2,000&lt;/i&gt;</ins>"));
  CHECK_FALSE(contains(content, "<b>"));
  // A javascript: URL is neither the entry's link nor an anchor (feedparser then takes the id
  // for the link).
  CHECK_FALSE(contains(feed, "<link"));
  CHECK_FALSE(contains(feed, "href=\"javascript:"));
  CHECK(entries[1]["link"] == entries[1]["id"]);
  CHECK(read["feedparser"]["feed"]["title"] == "tracker: <test>");
  CHECK(read["feedparser"]["feed"]["updated"] == "2025-02-13T08:40:00Z");
}

TEST_CASE("tracker report and changes --format atom show what the demo's update changed") {
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);  // the demo's "broken" source fails
  site.publish("v4-rotation.txt");
  REQUIRE(site.run().exit_code == 6);
  const std::string store = site.store().string();
  TempDir out;

  SUBCASE("the HTML report groups the three changes and marks the revised troop number") {
    const auto path = out / "report.html";
    const auto written = run_tracker({"report", "--html", path.string(), "--store", store});
    CHECK_MESSAGE(written.exit_code == 0, written.err);
    CHECK(written.out.empty());
    const std::string page = read_file(path);
    CHECK(contains(page, "3 changes in 1 document"));
    // v4 revised "more than 10,000" troops to "some 12,000": before and after, side by side.
    CHECK(contains(page, "deployed <del>more than 10,000</del> troops to support Russian forces"));
    CHECK(contains(page, "deployed <ins>some 12,000</ins> troops to support Russian forces"));
    // Its two new claims: the casualty estimate and the rotation.
    CHECK(contains(
        page, "<ins>Around 300 North Korean soldiers have been killed and 2,700 wounded in Kursk"));
    CHECK(contains(page, "<ins>North Korea has rotated fresh troops into the Kursk region"));
    CHECK(contains(page, "<span class=\"none\">not in the earlier version</span>"));
    // Grouped by topic: casualties, deployment, territory each have a section.
    CHECK(contains(page, "\">casualties</h3>"));
    CHECK(contains(page, "\">deployment</h3>"));
    CHECK(contains(page, "\">territory</h3>"));
    // One timeline entry (the second snapshot against the first) in the document's article,
    // which links to the page.
    CHECK(count(page, "<ol class=\"timeline\">") == 1);
    CHECK(contains(page, "&middot; 3 changes</h4>"));
    CHECK(
        contains(page, "<a href=\"" + site.base() + "/kursk.html\" rel=\"noopener noreferrer\">"));
    // Each change has one side-by-side block, and the topic lists point at them.
    CHECK(count(page, "<div class=\"sides\">") == 3);
    CHECK(count(page, "<a href=\"#change-") >= 3);
    // Written whole: no temporary file left beside it.
    CHECK(std::distance(std::filesystem::directory_iterator(out.path()), {}) == 1);
  }

  SUBCASE("report filters by topic and time and writes to stdout for -") {
    const auto territory =
        run_tracker({"report", "--html", "-", "--store", store, "--topic", "territory"});
    CHECK(territory.exit_code == 0);
    CHECK(contains(territory.out, "1 change in 1 document &middot; topic territory"));
    CHECK(contains(territory.out, "<del>more than 10,000</del>"));
    CHECK_FALSE(contains(territory.out, "rotated fresh troops"));

    const auto future =
        run_tracker({"report", "--html", "-", "--store", store, "--since", "2999-01-01"});
    CHECK(future.exit_code == 0);
    CHECK(contains(future.out, "0 changes in 0 documents &middot; since 2999-01-01T00:00:00Z"));
    CHECK(contains(future.out, "No claim changes."));

    const auto recent = run_tracker({"report", "--html", "-", "--store", store, "--since", "1h"});
    CHECK(contains(recent.out, "3 changes in 1 document"));
  }

  SUBCASE("report refuses bad options and unwritable paths with a clear message") {
    const auto since =
        run_tracker({"report", "--html", "-", "--store", store, "--since", "soonish"});
    CHECK(since.exit_code == 64);
    CHECK(contains(since.err, "--since 'soonish': not a date"));
    const auto missing =
        run_tracker({"report", "--html", "-", "--store", (out / "none.db").string()});
    CHECK(missing.exit_code != 0);
    CHECK(contains(missing.err, "none.db"));
    CHECK_FALSE(std::filesystem::exists(out / "none.db"));
    const auto no_html = run_tracker({"report", "--store", store});
    CHECK(no_html.exit_code == 64);
    CHECK(contains(no_html.err, "--html"));
    const auto unwritable = run_tracker(
        {"report", "--html", (out / "no-such-dir" / "r.html").string(), "--store", store});
    CHECK(unwritable.exit_code == 2);
    CHECK(contains(unwritable.err, "no-such-dir"));
  }

  SUBCASE("the Atom feed is valid, marks the changed words and keeps its ids across runs") {
    const auto first = run_tracker({"changes", "--format", "atom", "--store", store});
    REQUIRE_MESSAGE(first.exit_code == 0, first.err);
    write_file(out / "first.xml", first.out);
    const json feed = read_atom(out / "first.xml");
    check_valid_atom(out / "first.xml", feed);
    const json& parsed = feed["feedparser"];
    CHECK(parsed["feed"]["title"] == "tracker: claim changes");
    CHECK(parsed["feed"]["author"] == "tracker");
    CHECK(parsed["feed"]["id"].get<std::string>().starts_with("urn:uuid:"));
    REQUIRE(parsed["entries"].size() == 3);
    // Newest first; the store lists them oldest first, so the modified claim (stored last)
    // comes first. All three were stored by the same run, so it is first by id.
    const json& modified = parsed["entries"][0];
    CHECK(modified["title"] ==
          "HIGH claim changed [combat, deployment, territory]: Western, South Korean "
          "and Ukrainian intelligence agencies say Pyongyang deployed some 12,000 troops "
          "to support Russian\u2026 (Kursk)");
    CHECK(modified["link"] == site.base() + "/kursk.html");
    CHECK(modified["content_type"] == "application/xhtml+xml");
    CHECK(contains(modified["content"].get<std::string>(), "<del>more than 10,000</del>"));
    CHECK(contains(modified["content"].get<std::string>(), "<ins>some 12,000</ins>"));
    CHECK(modified["tags"] == json({"combat", "deployment", "territory"}));
    CHECK(parsed["entries"][1]["title"].get<std::string>().starts_with(
        "HIGH new claim [combat, deployment]: North Korea has rotated fresh troops into the Kursk "
        "region"));
    CHECK(parsed["entries"][2]["title"].get<std::string>().starts_with(
        "HIGH new claim [casualties, deployment]: Around 300 North Korean soldiers have been "
        "killed and "
        "2,700 wounded in Kursk"));
    CHECK(contains(
        parsed["entries"][2]["content"].get<std::string>(),
        "<ins>Around 300 North Korean soldiers have been killed and 2,700 wounded in Kursk"));

    // Written again, and after a third version: the same changes keep the same ids.
    const auto again = run_tracker({"changes", "--format", "atom", "--store", store});
    write_file(out / "again.xml", again.out);
    CHECK(entry_ids(read_atom(out / "again.xml")) == entry_ids(feed));
    site.publish("v5-attribution.txt");
    REQUIRE(site.run().exit_code == 6);
    const auto later = run_tracker({"changes", "--format", "atom", "--store", store});
    write_file(out / "later.xml", later.out);
    const json later_feed = read_atom(out / "later.xml");
    check_valid_atom(out / "later.xml", later_feed);
    const std::vector<std::string> later_ids = entry_ids(later_feed);
    REQUIRE(later_ids.size() > 3);
    const std::vector<std::string> old_ids = entry_ids(feed);
    CHECK(std::vector<std::string>(later_ids.end() - 3, later_ids.end()) == old_ids);
    CHECK(later_feed["feedparser"]["feed"]["id"] == parsed["feed"]["id"]);
    // The new change: the rotation claim now attributed to Ukraine's military.
    CHECK(contains(later_feed["feedparser"]["entries"][0]["content"].get<std::string>(),
                   "<ins>Ukraine's military</ins>"));

    // A topic is another feed, with another id.
    const auto territory =
        run_tracker({"changes", "--format", "atom", "--store", store, "--topic", "territory"});
    write_file(out / "territory.xml", territory.out);
    const json territory_feed = read_atom(out / "territory.xml");
    CHECK(territory_feed["feedparser"]["feed"]["id"] != parsed["feed"]["id"]);
    CHECK(territory_feed["feedparser"]["feed"]["title"] == "tracker: claim changes (territory)");
  }
}
