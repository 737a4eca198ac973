// `tracker verify`: pinned baselines and stored pages re-read with this build.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/store_checks.h"
#include "support/temp_dir.h"

using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

const std::string k_topics = tracker::test::shipped_topics().string();
const std::string k_nis_claim_start = "\"Since mid-January, it appears that the North Korean troops";

// A copy of the project's pinned Kursk story, to damage.
std::filesystem::path copy_story(const TempDir& dir) {
  const std::filesystem::path stories = dir / "stories";
  std::filesystem::create_directories(stories);
  std::filesystem::copy(source_dir() / "snapshots/kursk", stories / "kursk", std::filesystem::copy_options::recursive);
  return stories;
}

}  // namespace

TEST_CASE("the project's own baselines under snapshots/ have not drifted") {
  const auto verified = run_tracker({"verify", "--baselines", (source_dir() / "snapshots").string(), "--topics", k_topics});
  CAPTURE(verified.err);
  CHECK(verified.out.empty());
  CHECK(verified.exit_code == 0);
}

TEST_CASE("a drifted baseline is shown claim by claim, exits 1, and --update accepts the new result") {
  TempDir dir;
  const std::filesystem::path stories = copy_story(dir);
  const std::filesystem::path golden = stories / "kursk/golden/v3-full.claims.json";
  const std::string pinned = read_file(golden);

  // A baseline recorded by a build that did not see the "combat" topic in the first claim.
  nlohmann::ordered_json claims = nlohmann::ordered_json::parse(pinned);
  REQUIRE(claims["claims"][0]["text"].get<std::string>().starts_with(k_nis_claim_start));
  REQUIRE(claims["claims"][0]["topics"] == nlohmann::ordered_json({"combat", "deployment"}));
  claims["claims"][0]["topics"] = {"deployment"};
  write_file(golden, claims.dump(2) + "\n");
  std::filesystem::remove(stories / "kursk/golden/v1-wire.claims.json");

  const std::vector<std::string> verify = {"verify", "--baselines", stories.string(), "--topics", k_topics};
  const auto drifted = run_tracker(verify);
  CAPTURE(drifted.err);
  CHECK(drifted.exit_code == 1);
  CHECK(drifted.out.find(golden.string() + ": drifted\n  ~ " + k_nis_claim_start) != std::string::npos);
  CHECK(drifted.out.find("    topics: [\"deployment\"] -> [\"combat\",\"deployment\"]\n") != std::string::npos);
  CHECK(drifted.out.find("v1-wire.claims.json: no baseline yet") != std::string::npos);
  // Only those two: every other version and pair still matches.
  CHECK(drifted.out.find("v2-casualties") == std::string::npos);

  std::vector<std::string> update = verify;
  update.push_back("--update");
  const auto updated = run_tracker(update);
  CHECK(updated.exit_code == 0);
  CHECK(read_file(golden) == pinned);  // exactly as the project pins it
  CHECK(read_file(stories / "kursk/golden/v1-wire.claims.json") ==
        read_file(source_dir() / "snapshots/kursk/golden/v1-wire.claims.json"));
  const auto clean = run_tracker(verify);
  CHECK(clean.exit_code == 0);
  CHECK(clean.out.empty());
}

TEST_CASE("a drifted diff baseline names the change that moved") {
  TempDir dir;
  const std::filesystem::path stories = copy_story(dir);
  const std::filesystem::path golden = stories / "kursk/golden/v3-full__v4-rotation.diff.json";
  REQUIRE(std::filesystem::exists(golden));
  nlohmann::ordered_json diff = nlohmann::ordered_json::parse(read_file(golden));
  REQUIRE_FALSE(diff["changes"].empty());
  const std::string first_significance = diff["changes"][0]["significance"];
  diff["changes"][0]["significance"] = first_significance == "low" ? "high" : "low";
  diff["unchanged"] = diff["unchanged"].get<int>() + 1;
  write_file(golden, diff.dump(2) + "\n");

  const auto drifted = run_tracker({"verify", "--baselines", stories.string(), "--topics", k_topics});
  CHECK(drifted.exit_code == 1);
  CHECK(drifted.out.find(golden.string() + ": drifted\n  ~ ") != std::string::npos);
  CHECK(drifted.out.find("    significance: \"" + std::string(first_significance == "low" ? "high" : "low") +
                         "\" -> \"" + first_significance + "\"") != std::string::npos);
  CHECK(drifted.out.find("  unchanged: ") != std::string::npos);
}

TEST_CASE("stored pages re-read with an edited lexicon drift, and --update rewrites their claims") {
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);  // the demo's second source is down on purpose
  const std::string store = site.store().string();

  const auto clean = run_tracker({"verify", "--store", store, "--topics", k_topics});
  CAPTURE(clean.err);
  CHECK(clean.exit_code == 0);
  CHECK(clean.out.empty());

  // A lexicon with one more topic: the agency's claims now carry it.
  const std::filesystem::path edited = site.dir() / "topics.toml";
  write_file(edited, read_file(k_topics) + "\n[topics.intelligence]\ndescription = \"spy agencies\"\n"
                                           "terms = [\"intelligence service\"]\n");
  const std::vector<std::string> verify = {"verify", "--store", store, "--topics", edited.string()};
  const auto drifted = run_tracker(verify);
  CAPTURE(drifted.err);
  CHECK(drifted.exit_code == 1);
  CHECK(drifted.out.find(store + " @1 (" + site.base() + "/kursk.html, ") != std::string::npos);
  CHECK(drifted.out.find("  ~ " + k_nis_claim_start) != std::string::npos);
  CHECK(drifted.out.find("    topics: [\"combat\",\"deployment\"] -> [\"combat\",\"deployment\",\"intelligence\"]") !=
        std::string::npos);

  std::vector<std::string> update = verify;
  update.push_back("--update");
  CHECK(run_tracker(update).exit_code == 0);
  CHECK(run_tracker(verify).exit_code == 0);
  // The store now holds the new claims: against the old lexicon it is the store that drifted.
  const auto reverse = run_tracker({"verify", "--store", store, "--topics", k_topics});
  CHECK(reverse.exit_code == 1);
  CHECK(reverse.out.find("    topics: [\"combat\",\"deployment\",\"intelligence\"] -> [\"combat\",\"deployment\"]") !=
        std::string::npos);
}

TEST_CASE(
    "a stored headline that this build reads otherwise drifts, and --update stores the new one") {
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);  // the demo's second source is down on purpose
  const std::string store = site.store().string();
  const std::vector<std::string> verify = {"verify", "--store", store, "--topics", k_topics};
  REQUIRE(run_tracker(verify).exit_code == 0);
  REQUIRE(tracker::test::sql_number(site.store(),
                                    "SELECT count(*) FROM snapshots WHERE headline <> ''") == 1);

  // As an older build might have read it: another figure in the headline, the text the same.
  tracker::test::execute_sql(site.store(),
                             "UPDATE snapshots SET headline = 'North Korea sends 3 troops'");
  const auto drifted = run_tracker(verify);
  CAPTURE(drifted.err);
  CHECK(drifted.exit_code == 1);
  CHECK(drifted.out.find("  headline: \"North Korea sends 3 troops\" -> \"") != std::string::npos);
  CHECK(drifted.out.find("  ~ ") == std::string::npos);  // the claims did not move

  std::vector<std::string> update = verify;
  update.push_back("--update");
  CHECK(run_tracker(update).exit_code == 0);
  CHECK(run_tracker(verify).exit_code == 0);
  CHECK(tracker::test::sql_number(site.store(),
                                  "SELECT count(*) FROM snapshots WHERE headline = "
                                  "'North Korea sends 3 troops'") == 0);
  CHECK(tracker::test::sql_number(site.store(),
                                  "SELECT count(*) FROM snapshots WHERE headline <> ''") == 1);
}

TEST_CASE("verify with nothing to check says so") {
  TempDir dir;
  const auto missing = run_tracker({"verify", "--baselines", (dir / "none").string()});
  CHECK(missing.exit_code == 66);
  CHECK(missing.err.find("no baselines here") != std::string::npos);
}
