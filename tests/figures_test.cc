// tracker figures: the figures of the stored versions, from the version that gave each until
// the one that dropped it, read from what real runs stored.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "support/demo_site.h"
#include "support/process.h"
#include "tracker/report/figures.h"

using tracker::test::DemoSite;
using tracker::test::run_tracker;

namespace {

// The figures `tracker figures --format json ARGS` lists for the site's store.
nlohmann::json figures(const DemoSite& site, std::vector<std::string> args = {}) {
  std::vector<std::string> argv = {"figures", "--store", site.store().string(), "--format", "json"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto listed = run_tracker(argv);
  CAPTURE(listed.err);
  REQUIRE(listed.exit_code == 0);
  return nlohmann::json::parse(listed.out);
}

const nlohmann::json* find_text(const nlohmann::json& list, const std::string& text) {
  for (const nlohmann::json& figure : list) {
    if (figure["text"] == text) {
      return &figure;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("tracker figures follows a revised figure from the version that gave it to the one that dropped it") {
  DemoSite site;
  site.publish("v3-full.txt");
  site.run();
  site.publish("v4-rotation.txt");  // "more than 10,000 troops" becomes "some 12,000 troops"
  site.run();

  const nlohmann::json troops = figures(site, {"--measure", "troop"});  // singular finds "troops"
  const nlohmann::json* before = find_text(troops, "more than 10,000");
  const nlohmann::json* after = find_text(troops, "some 12,000");
  REQUIRE(before != nullptr);
  REQUIRE(after != nullptr);
  CHECK((*before)["measure"] == "troops");
  CHECK((*before)["value"] == 10000);
  CHECK((*before)["qualifier"] == "at_least");
  CHECK((*before)["attribution"] == "Western, South Korean and Ukrainian intelligence agencies");
  CHECK((*after)["value"] == 12000);
  // The old figure ends when the version that revised it was stored, and the new one starts then.
  CHECK((*before)["until"] == (*after)["first_seen"]);
  CHECK((*after)["until"].is_null());
  CHECK((*before)["first_snapshot"] < (*after)["first_snapshot"]);
  CHECK((*before)["last_snapshot"] == (*before)["first_snapshot"]);
  for (const nlohmann::json& figure : troops) {
    CHECK(figure["measure"] == "troops");
  }

  // A figure both versions give runs on: first seen in v3, still reported.
  const nlohmann::json all = figures(site);
  const nlohmann::json* dozens = find_text(all, "dozens");
  REQUIRE(dozens != nullptr);
  CHECK((*dozens)["first_snapshot"] == (*before)["first_snapshot"]);
  CHECK((*dozens)["until"].is_null());

  const nlohmann::json current = figures(site, {"--current"});
  CHECK(find_text(current, "more than 10,000") == nullptr);
  CHECK(find_text(current, "some 12,000") != nullptr);
  CHECK(figures(site, {"--since", "2099-01-01"}).empty());
}

TEST_CASE("tracker figures writes CSV a spreadsheet reads, and names what it cannot find") {
  DemoSite site;
  site.publish("v3-full.txt");
  site.run();
  auto csv = run_tracker({"figures", "--store", site.store().string(), "--format", "csv", "--measure", "troops"});
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.starts_with("measure,text,value,upper,qualifier,attribution,certainty,first_seen,until,"));
  // A field with a comma is quoted; lines end with CRLF.
  CHECK(csv.out.find("\r\ntroops,\"more than 10,000\",10000,,at_least,"
                     "\"Western, South Korean and Ukrainian intelligence agencies\",asserted,") != std::string::npos);
  CHECK(csv.out.ends_with("\"\r\n"));

  auto unknown = run_tracker({"figures", "--store", site.store().string(), "--document", "https://nowhere.example/x"});
  CHECK(unknown.exit_code == 66);
  CHECK(unknown.err.find("no document with id, URL or key 'https://nowhere.example/x'") != std::string::npos);
  auto bad_since = run_tracker({"figures", "--store", site.store().string(), "--since", "yesterday-ish"});
  CHECK(bad_since.exit_code == 64);
}

TEST_CASE("a takedown ends every figure, and a version whose claims do not read ends none") {
  tracker::store::DocumentSummary document;
  document.document.id = 7;
  document.source_name = "afp";
  const auto snapshot = [](tracker::store::SnapshotId id, tracker::store::UnixSeconds at, std::string claims,
                           std::string gone = {}) {
    tracker::store::Snapshot s;
    s.id = id;
    s.fetched_at = at;
    s.claims_json = std::move(claims);
    s.gone = std::move(gone);
    return s;
  };
  const std::string v1 =
      R"({"claims": [{"text": "Officials said 12 soldiers were killed.", "topics": ["casualties"],)"
      R"( "numbers": [{"text": "12", "value": 12, "qualifier": "exact", "noun": "soldiers"}],)"
      R"( "attribution": "Officials", "certainty": "asserted"}]})";
  const auto figures = tracker::report::document_figures(
      document, {snapshot(1, 100, v1), snapshot(2, 200, "not json"), snapshot(3, 300, "", "the page answers 404 Not Found")});
  REQUIRE(figures.size() == 1);
  CHECK(figures[0].measure == "soldiers");
  CHECK(figures[0].attribution == "Officials");
  CHECK(figures[0].last_snapshot == 1);  // version 2 said nothing readable about it
  CHECK(figures[0].until == 300);        // the takedown
  CHECK(figures[0].source == "afp");
}
