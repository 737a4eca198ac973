// `tracker reprocess`: stored history re-read with this build, changes recomputed, not re-alerted.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "support/demo_site.h"
#include "support/listed_changes.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/smtp_server.h"

using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::TestSmtpServer;
using tracker::test::write_file;

namespace {

nlohmann::json stored_changes(const DemoSite& site) { return tracker::test::changes_as_stored(site.store()); }

}  // namespace

TEST_CASE("reprocess with a new lexicon rewrites claims and changes, and alerts none of them again") {
  TestSmtpServer smtp;
  DemoSite site;
  write_file(site.dir() / "watch.toml", "[[source]]\nname = \"demo\"\nurl = \"" + site.base() + "/feed.xml\"\n");
  write_file(site.config(), read_file(site.config()) + "[smtp]\nurl = \"" + smtp.url() +
                                "\"\nfrom = \"tracker@example.org\"\n[[alert]]\nto = [\"desk@example.org\"]\n"
                                "min_significance = \"low\"\n");
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 0);
  site.publish("v4-rotation.txt");
  REQUIRE(site.run().exit_code == 0);
  REQUIRE(smtp.wait_for(1).size() == 1);
  const nlohmann::json before = stored_changes(site);
  REQUIRE_FALSE(before.empty());

  // The same build and lexicon: nothing to rewrite, and the changes keep their ids.
  const std::string store = site.store().string();
  const auto same = run_tracker({"reprocess", "--config", site.config().string()});
  CAPTURE(same.err);
  CHECK(same.exit_code == 0);
  CHECK(same.out.empty());
  CHECK(stored_changes(site) == before);

  // A lexicon with an "intelligence" topic: the revised troop figure, attributed to
  // "intelligence agencies", now touches it.
  const std::filesystem::path topics = site.dir() / "topics.toml";
  write_file(
      topics,
      read_file(tracker::test::shipped_topics()) +
          "\n[topics.intelligence]\ndescription = \"spy agencies\"\nterms = [\"intelligence\"]\n");
  const auto redone = run_tracker({"reprocess", "--config", site.config().string(), "--topics", topics.string()});
  CAPTURE(redone.err);
  CHECK(redone.exit_code == 0);
  CHECK(redone.out == site.base() + "/kursk.html: 2 of 2 snapshots re-read differently; changes " +
                          std::to_string(before.size()) + " -> " + std::to_string(before.size()) + "\n");
  const nlohmann::json after = stored_changes(site);
  REQUIRE(after.size() == before.size());
  bool revised_found = false;
  for (const auto& change : after) {
    const std::string text = change["new_text"].is_string() ? change["new_text"].get<std::string>() : "";
    if (text.find("some 12,000 troops") != std::string::npos) {
      revised_found = true;
      CHECK(change["topics"].dump().find("intelligence") != std::string::npos);
      CHECK(change["id"].get<long>() > before.back()["id"].get<long>());  // recomputed: new rows
    }
  }
  CHECK(revised_found);
  // The store now holds what this lexicon makes of every page.
  CHECK(run_tracker({"verify", "--store", store, "--topics", topics.string()}).exit_code == 0);

  // The recomputed changes describe versions alerted long ago: the next run sends nothing.
  CHECK(site.run().exit_code == 0);
  CHECK(smtp.received().size() == 1);
  // A real update afterwards is alerted: its changes get ids above every rule's progress,
  // although reprocess replaced the newest rows (SQLite would have reused their ids).
  site.publish("v5-attribution.txt");
  CHECK(site.run().exit_code == 0);
  CHECK(smtp.wait_for(2).size() == 2);
}
