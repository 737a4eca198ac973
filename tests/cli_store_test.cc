#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/text_search.h"
#include "tracker/config/settings.h"

using tracker::test::contains;
using tracker::test::count;
using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::TempDir;
using tracker::test::write_file;

TEST_CASE("history, show and changes read what runs stored") {
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);  // the "broken" source fails
  site.publish("v4-rotation.txt");
  REQUIRE(site.run().exit_code == 6);
  const std::string store = site.store().string();

  SUBCASE("history lists both snapshots, oldest first, by key or URL") {
    auto text = run_tracker({"history", "kursk-1", "--store", store});
    CHECK(text.exit_code == 0);
    CHECK(count(text.out, "\n") == 2);
    CHECK(text.out.find(" 200 ") != std::string::npos);
    CHECK(text.out.find("paragraphs") != std::string::npos);
    auto json = run_tracker({"history", site.base() + "/kursk.html", "--store", store, "--format", "json"});
    CHECK(json.exit_code == 0);
    const auto list = nlohmann::json::parse(json.out);
    REQUIRE(list.size() == 2);
    CHECK(list[0]["id"].get<int>() < list[1]["id"].get<int>());
    CHECK(list[0]["fetched_at"].get<std::string>().ends_with("Z"));
    CHECK(list[1]["paragraphs"].get<int>() > 1);
  }

  SUBCASE("show prints the latest text, the raw page and the metadata") {
    const auto list = nlohmann::json::parse(
        run_tracker({"history", "kursk-1", "--store", store, "--format", "json"}).out);
    REQUIRE(list.size() == 2);
    const std::string id = std::to_string(list[1]["id"].get<int>());
    auto text = run_tracker({"show", id, "--store", store});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("some 12,000 troops") != std::string::npos);
    CHECK(text.out.find("\n\n") != std::string::npos);
    auto raw = run_tracker({"show", id, "--store", store, "--raw"});
    CHECK(raw.exit_code == 0);
    CHECK(raw.out.starts_with("<!DOCTYPE html>"));
    auto json = run_tracker({"show", id, "--store", store, "--format", "json"});
    CHECK(json.exit_code == 0);
    const auto object = nlohmann::json::parse(json.out);
    CHECK(object["http_status"] == 200);
    CHECK(object["text_sha256"].get<std::string>().size() == 64);
    CHECK(object["text"].get<std::string>().find("some 12,000 troops") != std::string::npos);
    CHECK_FALSE(object["claims"].is_null());
  }

  SUBCASE("diff compares two stored snapshots by id as the run did") {
    const auto list = nlohmann::json::parse(
        run_tracker({"history", "kursk-1", "--store", store, "--format", "json"}).out);
    REQUIRE(list.size() == 2);
    const std::string old_id = std::to_string(list[0]["id"].get<int>());
    const std::string new_id = std::to_string(list[1]["id"].get<int>());
    auto json = run_tracker({"diff", "@" + old_id, "@" + new_id, "--store", store, "--format", "json"});
    CHECK(json.exit_code == 1);
    const auto changes = nlohmann::json::parse(json.out)["changes"];
    // The same three changes the run stored (see the next subcase), in the same order.
    REQUIRE(changes.size() == 3);
    CHECK(changes[0]["kind"] == "added");
    CHECK(changes[2]["kind"] == "modified");
    CHECK(changes[1]["new"]["text"].get<std::string>().starts_with("North Korea has rotated fresh troops"));
    CHECK(changes[2]["old"]["numbers"][0]["text"] == "more than 10,000");
    CHECK(changes[2]["new"]["numbers"][0]["text"] == "some 12,000");

    auto text = run_tracker({"diff", old_id, new_id, "--store", store, "--color", "never"});
    CHECK(text.exit_code == 1);
    CHECK(text.out.find("snapshot " + old_id + " (" + site.base() + "/kursk.html") != std::string::npos);

    CHECK(run_tracker({"diff", "@" + new_id, "@" + new_id, "--store", store}).exit_code == 0);
    auto missing = run_tracker({"diff", "@" + old_id, "@9999", "--store", store});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("no snapshot 9999") != std::string::npos);
    auto malformed = run_tracker({"diff", "@x1", "@" + new_id, "--store", store});
    CHECK(malformed.exit_code == 2);
    CHECK(malformed.err.find("'@x1' is not a snapshot id") != std::string::npos);
  }

  SUBCASE("changes lists the stored changes and filters them") {
    auto all = run_tracker({"changes", "--store", store, "--format", "json"});
    CHECK(all.exit_code == 0);
    const auto list = nlohmann::json::parse(all.out);
    REQUIRE(list.size() == 3);
    CHECK(list[0]["kind"] == "added");
    CHECK(list[1]["kind"] == "added");
    CHECK(list[2]["kind"] == "modified");
    CHECK(list[2]["detail"].is_object());
    // Each change names its document, and a changed claim has its words marked as `diff` marks them.
    for (const auto& change : list) {
      CHECK(change["document"]["source"] == "demo");
      CHECK(change["document"]["title"] == "Kursk");
      CHECK(change["document"]["url"] == site.base() + "/kursk.html");
      CHECK(change["document"]["id"] == change["document_id"]);
    }
    CHECK(list[0]["marked"].is_null());  // an added claim: nothing to mark
    CHECK(contains(list[2]["marked"].get<std::string>(), "deployed [-more than 10,000-] {+some 12,000+} troops"));

    auto text = run_tracker({"changes", "--store", store});
    CHECK(text.exit_code == 0);
    // One version's three changes under one heading naming the document, as `run` heads them.
    CHECK(text.out.starts_with("== demo: Kursk\n   " + site.base() + "/kursk.html\n\n["));
    CHECK(count(text.out, "== ") == 1);
    CHECK(count(text.out, "] ") >= 3);
    CHECK(contains(text.out, "\n+ North Korea has rotated fresh troops"));
    CHECK(contains(text.out, "\n~ Western, South Korean and Ukrainian intelligence agencies say Pyongyang deployed "
                             "[-more than 10,000-] {+some 12,000+} troops"));
    CHECK_FALSE(contains(text.out, "\n- "));  // nothing removed, and a changed claim is one line

    auto territory = nlohmann::json::parse(
        run_tracker({"changes", "--store", store, "--format", "json", "--topic", "territory"}).out);
    REQUIRE(territory.size() == 1);
    CHECK(territory[0]["kind"] == "modified");

    CHECK(nlohmann::json::parse(
              run_tracker({"changes", "--store", store, "--format", "json", "--since", "2999-01-01"}).out)
              .empty());
    CHECK(nlohmann::json::parse(
              run_tracker({"changes", "--store", store, "--format", "json", "--since", "2000-01-01T00:00:00Z"}).out)
              .size() == 3);
    CHECK(nlohmann::json::parse(
              run_tracker({"changes", "--store", store, "--format", "json", "--since", "1h"}).out)
              .size() == 3);
    CHECK(run_tracker({"changes", "--store", store, "--since", "yesterday-ish"}).exit_code == 64);
  }

  SUBCASE("an unknown snapshot or document exits 66") {
    auto show = run_tracker({"show", "9999", "--store", store});
    CHECK(show.exit_code == 66);
    CHECK(show.err.find("9999") != std::string::npos);
    auto history = run_tracker({"history", "https://example.org/nope", "--store", store});
    CHECK(history.exit_code == 66);
    CHECK(history.err.find("no document with URL or key 'https://example.org/nope' in " + store) !=
          std::string::npos);
  }
}

TEST_CASE("the reading commands do not create a missing store") {
  TempDir dir;
  const std::string store = (dir / "missing.db").string();
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"history", "x", "--store", store}, {"show", "1", "--store", store}, {"changes", "--store", store}}) {
    auto result = run_tracker(args);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("missing.db") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST_CASE("import-opml writes a watch file that load_settings accepts") {
  TempDir dir;
  write_file(dir / "subs.opml",
             "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Mine</title></head><body>"
             "<outline text=\"News\">"
             "<outline type=\"rss\" text=\"World &quot;News&quot; \\ Daily\" xmlUrl=\"https://a.example/feed.xml\"/>"
             "<outline type=\"rss\" text=\"World News Daily\" xmlUrl=\"https://b.example/rss\"/>"
             "</outline>"
             "<outline type=\"rss\" title=\"Le Monde\" text=\"x\" xmlUrl=\"https://c.example/atom?a=1&amp;b=2\"/>"
             "</body></opml>");
  auto printed = run_tracker({"import-opml", (dir / "subs.opml").string()});
  CHECK(printed.exit_code == 0);
  CHECK(count(printed.out, "[[source]]") == 3);

  auto written = run_tracker({"import-opml", (dir / "subs.opml").string(), "--output",
                              (dir / "watch.toml").string(), "--interval", "1h"});
  REQUIRE(written.exit_code == 0);
  CHECK(written.out.empty());
  auto settings = tracker::config::load_settings(dir / "watch.toml");
  REQUIRE_MESSAGE(settings, (settings ? "" : settings.error()));
  REQUIRE(settings->sources.size() == 3);
  CHECK(settings->sources[0].name == "world-news-daily");
  CHECK(settings->sources[0].url == "https://a.example/feed.xml");
  CHECK(settings->sources[1].name == "world-news-daily-2");
  CHECK(settings->sources[1].url == "https://b.example/rss");
  CHECK(settings->sources[2].name == "le-monde");
  CHECK(settings->sources[2].url == "https://c.example/atom?a=1&b=2");
  CHECK(settings->sources[2].kind == tracker::config::SourceKind::feed);
  CHECK(settings->sources[2].interval == std::chrono::hours(1));

  write_file(dir / "bad.opml", "<rss version=\"2.0\"><channel></channel></rss>");
  auto bad = run_tracker({"import-opml", (dir / "bad.opml").string()});
  CHECK(bad.exit_code == 4);
  CHECK(bad.err.find("bad.opml") != std::string::npos);
  CHECK(bad.err.find("not an OPML document") != std::string::npos);
  CHECK(run_tracker({"import-opml", (dir / "none.opml").string()}).exit_code == 66);
}
