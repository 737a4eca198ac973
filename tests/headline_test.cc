// The page's headline as a tracked field: a change of its own kind ("headline"), graded like a
// claim, found by `diff` on two pages and by `run` when only the headline moved.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

#include "support/demo_site.h"
#include "support/listed_changes.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/seeded_store.h"
#include "support/shipped_extractor.h"
#include "support/temp_dir.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/store/sqlite_store.h"

using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

const std::string k_demo_headline = "North Korea troops not in combat in Russia\u2019s Kursk since mid-Jan: Seoul";

// The demo page with every copy of its headline (title, og:title, JSON-LD, <h1>) replaced.
std::string page_with_headline(const std::string& page, const std::string& headline) {
  std::string out = page;
  std::size_t replaced = 0;
  for (std::size_t at = out.find(k_demo_headline); at != std::string::npos;
       at = out.find(k_demo_headline, at + headline.size())) {
    out.replace(at, k_demo_headline.size(), headline);
    ++replaced;
  }
  REQUIRE(replaced >= 3);
  return out;
}

// Rewrites the served page with `headline`, dated `hours_later` so that a conditional GET sees
// the new page (HTTP dates have whole seconds).
void serve_with_headline(const std::filesystem::path& page, const std::string& published, const std::string& headline,
                         int hours_later) {
  write_file(page, page_with_headline(published, headline));
  std::filesystem::last_write_time(page,
                                   std::filesystem::file_time_type::clock::now() + std::chrono::hours(hours_later));
}

// The stored changes of a store, in the order the runs stored them.
nlohmann::json stored_changes(const std::filesystem::path& store) { return tracker::test::changes_as_stored(store); }

}  // namespace

TEST_CASE("a headline change is a change of its own, graded like a claim, never paired with the body") {
  auto& extractor = tracker::test::shipped_extractor();
  const std::vector<tracker::claims::Claim> body =
      extractor.extract({"Three people were killed when the bridge collapsed, police said."});
  const auto three = extractor.headline_of("Three killed as bridge collapses", body);
  const auto five = extractor.headline_of("Five killed as bridge collapses", body);
  const auto five_again = extractor.headline_of("Five  killed as bridge collapses", body);
  CHECK(three.field == tracker::claims::PageField::headline);

  tracker::diff::ClaimDiff diff = tracker::diff::diff_claims(body, body);
  tracker::diff::add_headline_change(diff, three, five, body, body);
  REQUIRE(diff.changes.size() == 1);
  const tracker::diff::ClaimChange& change = diff.changes.front();
  CHECK(tracker::diff::kind_name(change) == "headline");
  CHECK(change.old_claim == &three);
  CHECK(change.new_claim == &five);
  CHECK(std::find(change.aspects.begin(), change.aspects.end(), tracker::diff::Aspect::number) !=
        change.aspects.end());
  CHECK(change.significance >= tracker::diff::Significance::medium);

  // The same words are no change; nor is a version without a headline (stored before them).
  tracker::diff::ClaimDiff same = tracker::diff::diff_claims(body, body);
  tracker::diff::add_headline_change(same, five, five_again, body, body);
  CHECK(same.changes.empty());
  const auto none = extractor.headline_of("", body);
  tracker::diff::add_headline_change(same, none, five, body, body);
  tracker::diff::add_headline_change(same, five, none, body, body);
  CHECK(same.changes.empty());

  // Body claims are still kinds of their own, with the headline first.
  const std::vector<tracker::claims::Claim> edited =
      extractor.extract({"Five people were killed when the bridge collapsed, police said."});
  tracker::diff::ClaimDiff both = tracker::diff::diff_claims(body, edited);
  tracker::diff::add_headline_change(both, three, five, body, edited);
  REQUIRE(both.changes.size() == 2);
  CHECK(tracker::diff::kind_name(both.changes[0]) == "headline");
  CHECK(tracker::diff::kind_name(both.changes[1]) == "modified");
}

TEST_CASE("diff of two pages reports a changed headline with kind 'headline'") {
  TempDir dir;
  const std::string page = read_file(source_dir() / "feeds/demo/kursk-afp.html");
  write_file(dir / "old.html", page_with_headline(page, "Seoul says 300 North Korean troops killed in Kursk"));
  write_file(dir / "new.html", page_with_headline(page, "Seoul says 1,000 North Korean troops killed in Kursk"));
  auto result = run_tracker({"diff", "--format", "json", (dir / "old.html").string(), (dir / "new.html").string()});
  CHECK(result.exit_code == 1);
  const auto changes = nlohmann::json::parse(result.out)["changes"];
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["kind"] == "headline");
  CHECK(changes[0]["old"]["text"] == "Seoul says 300 North Korean troops killed in Kursk");
  CHECK(changes[0]["new"]["text"] == "Seoul says 1,000 North Korean troops killed in Kursk");
  CHECK(changes[0]["aspects"] == nlohmann::json::array({"number"}));

  auto text = run_tracker({"diff", "--color", "never", (dir / "old.html").string(), (dir / "new.html").string()});
  CHECK(text.out.find(" headline [") != std::string::npos);
  CHECK(text.out.find("[-300-] {+1,000+}") != std::string::npos);
}

TEST_CASE("a run stores a version whose headline alone changed, and its change") {
  DemoSite site;
  site.publish("v3-full.txt");
  const std::filesystem::path page = site.site_dir() / "kursk.html";
  const std::string published = read_file(page);
  serve_with_headline(page, published, "Seoul says 300 North Korean troops killed in Kursk", 1);
  REQUIRE(site.run().exit_code == 6);  // the demo's "broken" source fails; the rest is stored
  REQUIRE(stored_changes(site.store()).empty());

  serve_with_headline(page, published, "Seoul says 1,000 North Korean troops killed in Kursk", 2);
  auto second = site.run();
  CHECK(second.out.find("headline") != std::string::npos);
  const auto changes = stored_changes(site.store());
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["kind"] == "headline");
  CHECK(changes[0]["new_text"] == "Seoul says 1,000 North Korean troops killed in Kursk");

  // Unchanged since: no new snapshot, no new change.
  serve_with_headline(page, published, "Seoul says 1,000 North Korean troops killed in Kursk", 3);
  site.run();
  CHECK(stored_changes(site.store()).size() == 1);
  auto history = run_tracker({"history", "--store", site.store().string(), "--format", "json", site.base() + "/kursk.html"});
  CHECK(nlohmann::json::parse(history.out).size() == 2);
}

TEST_CASE("a version stored before headlines were kept takes the headline instead of a new snapshot") {
  TempDir dir;
  auto seeded = tracker::test::open_store_with_document(dir / "tracker.db");
  auto& store = *seeded.store;
  const auto document = std::optional(seeded.document);
  const auto add = [&](const std::string& text, const std::string& headline) {
    auto added = store.add_snapshot(*document, tracker::store::SnapshotInput{1, 200, "", "", "<p>x</p>", text, "[]", headline, {}, "", 0, "", {}});
    REQUIRE(added);
    return *added;
  };
  REQUIRE(add("Three people were killed.", "").has_value());  // as an older tracker stored it
  CHECK_FALSE(add("Three people were killed.", "Three killed").has_value());
  auto latest = store.latest_snapshot(*document);
  REQUIRE(latest);
  REQUIRE(latest->has_value());
  CHECK((*latest)->headline == "Three killed");
  CHECK_FALSE(add("Three people were killed.", "Three killed").has_value());
  CHECK(add("Three people were killed.", "Five killed").has_value());  // the headline alone moved
}
