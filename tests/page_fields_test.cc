// What a page says about itself besides its headline (store::PageFields): the standfirst and
// byline as tracked fields with changes of their own kinds, the published and modified dates
// kept with each version and recorded, never alerted, when they move alone.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

#include "support/demo_site.h"
#include "support/listed_changes.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/seeded_store.h"
#include "support/temp_dir.h"
#include "tracker/extract/byline.h"
#include "tracker/extract/html_document.h"
#include "tracker/extract/metadata.h"
#include "tracker/store/sqlite_handle.h"
#include "tracker/store/sqlite_store.h"

using tracker::extract::clean_byline;
using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

tracker::extract::PageMetadata metadata_of(const std::string& html) {
  auto document = tracker::extract::HtmlDocument::parse(html, {"", "", {}});
  REQUIRE(document);
  return tracker::extract::read_metadata(document->doc(), "");
}

// A news page whose body is long enough to be an article and does not open with `standfirst`.
std::string news_page(const std::string& standfirst, const std::string& byline, const std::string& modified,
                      const std::string& body_figure = "three") {
  std::string page = "<html><head><title>Bridge collapse</title>"
                     "<meta name=\"description\" content=\"" + standfirst + "\">"
                     "<meta name=\"author\" content=\"" + byline + "\">"
                     "<meta property=\"article:published_time\" content=\"2025-02-04T08:41:00Z\">"
                     "<meta property=\"article:modified_time\" content=\"" + modified + "\">"
                     "</head><body><article><h1>Bridge collapse</h1>";
  page += "<p>Police said " + body_figure + " people were killed when the old bridge over the river collapsed on "
          "Tuesday morning during the rush hour.</p>";
  for (int i = 0; i < 4; ++i) {
    page += "<p>Rescue teams worked through the night at the site, and the regional governor said an inquiry "
            "into the state of the bridge would begin next week.</p>";
  }
  return page + "</article></body></html>";
}

// The changes `tracker diff --format json` finds between two pages.
nlohmann::json diff_changes(const TempDir& dir, const std::string& old_page, const std::string& new_page) {
  write_file(dir / "old.html", old_page);
  write_file(dir / "new.html", new_page);
  auto result = run_tracker({"diff", "--format", "json", (dir / "old.html").string(), (dir / "new.html").string()});
  REQUIRE(result.exit_code <= 1);
  return nlohmann::json::parse(result.out)["changes"];
}

}  // namespace

TEST_CASE("a byline is reduced to the names it credits") {
  CHECK(clean_byline("By Steven Musil January 18, 2017 11:00 pm PST @stevenmusil") == "Steven Musil");
  CHECK(clean_byline("Dan Goodin - Apr 16, 2015 8:02 pm UTC") == "Dan Goodin");
  CHECK(clean_byline("Por César Salza") == "César Salza");
  CHECK(clean_byline("BY: Jane Roe") == "Jane Roe");
  CHECK(clean_byline("Nicolas Perriault \xe2\x80\x94") == "Nicolas Perriault");
  CHECK(clean_byline("By Lucas Nolan22 Dec 2016651") == "Lucas Nolan");
  CHECK(clean_byline("James Akinaka \xe2\x80\xa2 8h") == "James Akinaka");
  CHECK(clean_byline("Jane Roe, John Doe") == "Jane Roe, John Doe");
  CHECK(clean_byline("Kim Min-ji and Park Ji-hoon in Seoul") == "Kim Min-ji and Park Ji-hoon in Seoul");
  // A month's name is a date only before a number: May and June are people too.
  CHECK(clean_byline("May Bulman and June Kelly") == "May Bulman and June Kelly");
  // Nothing that reads as a name: no byline.
  CHECK(clean_byline("j j").empty());
  CHECK(clean_byline("Last updated: January 7, 2025").empty());
  CHECK(clean_byline("Updated 3 hours ago").empty());
  CHECK(clean_byline("").empty());
}

TEST_CASE("the standfirst is the page's own description, JSON-LD first, references decoded once more") {
  const auto meta = metadata_of(R"(<html><head>
    <meta name="description" content="From the meta tag">
    <meta property="og:description" content="From Open Graph">
    <script type="application/ld+json">
    <![CDATA[
    {"@type": "NewsArticle", "description": "From JSON-LD", "author": {"name": "By Jane Roe"}}
    ]]>
    </script></head><body></body></html>)");
  CHECK(meta.standfirst == "From JSON-LD");  // the JSON-LD was read through its CDATA wrapper
  CHECK(meta.byline == "Jane Roe");
  CHECK(metadata_of(R"(<meta name="description" content="From the meta tag">
                       <meta property="og:description" content="From Open Graph">)")
            .standfirst == "From Open Graph");
  CHECK(metadata_of(R"(<meta name="twitter:description" content="Five dead">)").standfirst == "Five dead");
  // Escaped twice by its CMS: what the page means is the text with the references decoded.
  CHECK(metadata_of(R"(<meta name="description" content="Police say &amp;quot;five&amp;quot; died">)")
            .standfirst == "Police say \"five\" died");
  CHECK(metadata_of("<p>No metadata</p>").standfirst.empty());
}

TEST_CASE("diff reports a changed standfirst and byline as changes of their own kinds") {
  TempDir dir;
  const auto changes =
      diff_changes(dir, news_page("Three dead as bridge collapses in the capital", "By Jane Roe", "2025-02-04T09:00:00Z"),
                   news_page("Five dead as bridge collapses in the capital", "By Jane Roe and John Doe",
                             "2025-02-04T10:00:00Z"));
  REQUIRE(changes.size() == 2);  // the body and the dates did not change
  CHECK(changes[0]["kind"] == "standfirst");
  CHECK(changes[0]["old"]["text"] == "Three dead as bridge collapses in the capital");
  CHECK(changes[0]["new"]["text"] == "Five dead as bridge collapses in the capital");
  CHECK(changes[0]["aspects"] == nlohmann::json::array({"number"}));
  CHECK(changes[0]["significance"] != "low");
  CHECK(changes[1]["kind"] == "byline");
  CHECK(changes[1]["old"]["text"] == "Jane Roe");
  CHECK(changes[1]["new"]["text"] == "Jane Roe and John Doe");
  CHECK(changes[1]["aspects"] == nlohmann::json::array({"attribution"}));
  CHECK(changes[1]["significance"] == "medium");
}

TEST_CASE("a standfirst that repeats the body's opening is no change of its own") {
  TempDir dir;
  // Many pages' description is their first sentence: the body's change is the one to report.
  const std::string old_opening = "Police said three people were killed when the old bridge over the river collapsed";
  const std::string new_opening = "Police said five people were killed when the old bridge over the river collapsed";
  const auto changes = diff_changes(dir, news_page(old_opening, "Jane Roe", "2025-02-04T09:00:00Z", "three"),
                                    news_page(new_opening, "Jane Roe", "2025-02-04T09:00:00Z", "five"));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["kind"] == "modified");
  // A byline and standfirst written differently but saying the same are no change either.
  const auto same = diff_changes(dir, news_page("Three dead", "By Jane Roe", "2025-02-04T09:00:00Z"),
                                 news_page("Three  dead", "JANE ROE", "2025-02-04T09:00:00Z"));
  CHECK(same.empty());
}

TEST_CASE("the store keeps page fields with each version: dates that move alone are recorded, not a version") {
  TempDir dir;
  auto seeded = tracker::test::open_store_with_document(dir / "tracker.db");
  auto& store = *seeded.store;
  const auto document = std::optional(seeded.document);
  const auto add = [&](const tracker::store::PageFields& fields) {
    tracker::store::SnapshotInput input{1, 200, "", "", "<p>x</p>", "Three people were killed.", "[]", "Three killed",
                                        fields, "", 0, "", {}};
    auto added = store.add_snapshot(*document, input);
    REQUIRE(added);
    return *added;
  };
  const auto latest_fields = [&] {
    auto latest = store.latest_snapshot(*document);
    REQUIRE(latest);
    REQUIRE(latest->has_value());
    return (*latest)->fields;
  };
  tracker::store::PageFields fields{"Three dead in collapse", "Jane Roe", "2025-02-04T08:41:00Z",
                                    "2025-02-04T09:00:00Z"};
  const auto first = add(fields);
  REQUIRE(first.has_value());
  CHECK(latest_fields() == fields);

  fields.modified = "2025-02-04T10:00:00Z";  // the page was touched, its words were not
  CHECK_FALSE(add(fields).has_value());
  CHECK(latest_fields() == fields);

  fields.byline = "Jane Roe and John Doe";  // the byline is part of the version
  const auto second = add(fields);
  REQUIRE(second.has_value());
  fields.standfirst = "Five dead in collapse";  // and so is the standfirst
  const auto third = add(fields);
  REQUIRE(third.has_value());
  CHECK(*third > *second);
  auto history = store.document_snapshots(*document);
  REQUIRE(history);
  REQUIRE(history->size() == 3);
  CHECK((*history)[0].fields->modified == "2025-02-04T10:00:00Z");
  CHECK((*history)[1].fields->byline == "Jane Roe and John Doe");
  CHECK((*history)[2].fields->standfirst == "Five dead in collapse");
}

TEST_CASE("a version stored before page fields were kept takes them instead of a new snapshot") {
  TempDir dir;
  const auto path = dir / "tracker.db";
  tracker::store::DocumentId document = 0;
  const tracker::store::PageFields fields{"Three dead", "Jane Roe", "2025-02-04T08:41:00Z", ""};
  const auto input = [&] {
    return tracker::store::SnapshotInput{1, 200, "", "", "<p>x</p>", "Three people were killed.", "[]", "Three killed",
                                         fields, "", 0, "", {}};
  };
  {
    auto seeded = tracker::test::open_store_with_document(path);
    document = seeded.document;
    REQUIRE(seeded.store->add_snapshot(document, input())->has_value());
  }
  {  // As a tracker before page fields stored it: the column's default.
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    tracker::store::SqliteDb db(raw);
    REQUIRE(tracker::store::execute(db.get(), "UPDATE snapshots SET page_fields = ''"));
  }
  {
    auto opened = tracker::store::SqliteStore::open(path, {});
    REQUIRE(opened);
    auto before = (*opened)->latest_snapshot(document);
    REQUIRE(before->has_value());
    CHECK_FALSE((*before)->fields.has_value());
    tracker::store::SnapshotInput changed = input();
    changed.fields.standfirst = "Five dead";  // unknowable whether it moved: taken, not a version
    CHECK_FALSE((*opened)->add_snapshot(document, changed)->has_value());
    auto after = (*opened)->latest_snapshot(document);
    REQUIRE((*after)->fields.has_value());
    CHECK((*after)->fields->standfirst == "Five dead");
  }
}

TEST_CASE("a run stores a version whose standfirst alone changed, and moved dates alone make none") {
  DemoSite site;
  site.publish("v3-full.txt");
  const std::filesystem::path page = site.site_dir() / "kursk.html";
  const std::string published = read_file(page);
  // The demo page's description (meta tags and JSON-LD), which the test replaces everywhere.
  const std::string description =
      "North Korean soldiers previously fighting alongside Russia\u2019s army on the Kursk front line appear not to "
      "have been engaged in combat since mid-January, South Korea\u2019s spy agency told AFP Tuesday.";
  REQUIRE(published.find(description) != std::string::npos);
  const auto serve = [&](const std::string& standfirst, const std::string& modified, int hours_later) {
    std::string out = published;
    for (std::size_t at = out.find(description); at != std::string::npos;
         at = out.find(description, at + standfirst.size())) {
      out.replace(at, description.size(), standfirst);
    }
    for (std::size_t at = out.find("2025-02-04T11:06:00+00:00"); at != std::string::npos;
         at = out.find("2025-02-04T11:06:00+00:00", at + 1)) {
      out.replace(at, 25, modified);
    }
    write_file(page, out);
    std::filesystem::last_write_time(page,
                                     std::filesystem::file_time_type::clock::now() + std::chrono::hours(hours_later));
  };
  serve("Seoul says 300 North Korean troops were killed in Kursk", "2025-02-04T11:06:00+00:00", 1);
  REQUIRE(site.run().exit_code == 6);  // the demo's "broken" source fails; the rest is stored
  REQUIRE(tracker::test::changes_as_stored(site.store()).empty());

  serve("Seoul says 300 North Korean troops were killed in Kursk", "2025-02-04T12:30:00+00:00", 2);
  site.run();
  CHECK(tracker::test::changes_as_stored(site.store()).empty());
  const auto history = [&] {
    auto listed = run_tracker({"history", "--store", site.store().string(), "--format", "json",
                               site.base() + "/kursk.html"});
    return nlohmann::json::parse(listed.out);
  };
  REQUIRE(history().size() == 1);
  const std::string first_id = std::to_string(history()[0]["id"].get<long long>());
  auto shown = run_tracker({"show", "--store", site.store().string(), "--format", "json", first_id});
  const auto snapshot = nlohmann::json::parse(shown.out);
  CHECK(snapshot["modified"] == "2025-02-04T12:30:00Z");  // recorded on the version
  CHECK(snapshot["standfirst"] == "Seoul says 300 North Korean troops were killed in Kursk");
  CHECK(snapshot["byline"] == "AFP");

  serve("Seoul says 1,000 North Korean troops were killed in Kursk", "2025-02-04T13:00:00+00:00", 3);
  auto third = site.run();
  CHECK(third.out.find("standfirst") != std::string::npos);
  const auto changes = tracker::test::changes_as_stored(site.store());
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["kind"] == "standfirst");
  CHECK(changes[0]["new_text"] == "Seoul says 1,000 North Korean troops were killed in Kursk");
  CHECK(history().size() == 2);
}

TEST_CASE("reprocess reads page fields again from the stored pages and keeps the recorded dates") {
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);  // the demo's "broken" source fails; the rest is stored
  {  // As a build that read bylines less well stored it, with the dates a later fetch recorded.
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(site.store().c_str(), &raw) == SQLITE_OK);
    tracker::store::SqliteDb db(raw);
    REQUIRE(tracker::store::execute(
        db.get(), "UPDATE snapshots SET page_fields = json_object('standfirst', 'stale', 'byline', 'By AFP "
                  "- Feb 4, 2025', 'published', '2025-02-04T08:41:00Z', 'modified', '2025-02-05T07:00:00Z')"));
  }
  const auto redone = run_tracker({"reprocess", "--config", site.config().string()});
  REQUIRE_MESSAGE(redone.exit_code == 0, redone.err);
  auto history = run_tracker({"history", "--store", site.store().string(), "--format", "json",
                              site.base() + "/kursk.html"});
  const auto id = std::to_string(nlohmann::json::parse(history.out)[0]["id"].get<long long>());
  const auto snapshot = nlohmann::json::parse(run_tracker({"show", "--store", site.store().string(), "--format",
                                                           "json", id})
                                                  .out);
  CHECK(snapshot["byline"] == "AFP");
  CHECK(snapshot["standfirst"].get<std::string>().starts_with("North Korean soldiers previously fighting"));
  CHECK(snapshot["modified"] == "2025-02-05T07:00:00Z");  // what the run recorded stays
  CHECK(tracker::test::changes_as_stored(site.store()).empty());
}
