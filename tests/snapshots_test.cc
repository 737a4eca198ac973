#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "support/paths.h"
#include "support/process.h"

using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;

namespace {

const std::filesystem::path k_story = source_dir() / "snapshots/kursk";
const std::string k_topics = tracker::test::shipped_topics().string();

std::vector<std::pair<std::string, std::string>> pinned_pairs() {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::istringstream lines(read_file(k_story / "pairs.txt"));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::istringstream words(line);
    std::string old_name;
    std::string new_name;
    words >> old_name >> new_name;
    pairs.emplace_back(old_name, new_name);
  }
  return pairs;
}

std::string stem(const std::string& name) { return name.substr(0, name.rfind('.')); }

nlohmann::json diff_json(const std::string& old_name, const std::string& new_name, int& exit_code) {
  auto result = run_tracker({"diff", "--topics", k_topics, "--format", "json",
                             (k_story / old_name).string(), (k_story / new_name).string()});
  exit_code = result.exit_code;
  return nlohmann::json::parse(result.out);
}

const nlohmann::json* find_change(const nlohmann::json& diff, const std::string& kind,
                                  const std::string& text_part) {
  for (const nlohmann::json& change : diff["changes"]) {
    const nlohmann::json& claim = change["new"].is_null() ? change["old"] : change["new"];
    if (change["kind"] == kind && claim["text"].get<std::string>().find(text_part) != std::string::npos) {
      return &change;
    }
  }
  return nullptr;
}

}  // namespace

// The golden files were reviewed against snapshots/kursk/README.md when first written;
// snapshots/update-golden.sh rewrites them, deliberately.
TEST_CASE("every pinned pair's claim diff matches its reviewed golden file") {
  for (const auto& [old_name, new_name] : pinned_pairs()) {
    CAPTURE(old_name);
    CAPTURE(new_name);
    int exit_code = -1;
    const nlohmann::json actual = diff_json(old_name, new_name, exit_code);
    const nlohmann::json golden = nlohmann::json::parse(
        read_file(k_story / "golden" / (stem(old_name) + "__" + stem(new_name) + ".diff.json")));
    CHECK(actual == golden);
    CHECK(exit_code == (golden["changes"].empty() ? 0 : 1));
  }
}

TEST_CASE("every version's claims match their reviewed golden file") {
  for (const auto& entry : std::filesystem::directory_iterator(k_story)) {
    const std::string name = entry.path().filename().string();
    if (name == "pairs.txt" || name == "README.md" || entry.is_directory()) {
      continue;
    }
    CAPTURE(name);
    auto result = run_tracker({"claims", "--topics", k_topics, "--format", "json", entry.path().string()});
    REQUIRE(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out) ==
          nlohmann::json::parse(read_file(k_story / "golden" / (stem(name) + ".claims.json"))));
  }
}

TEST_CASE("trivial edits and page chrome give no change in either direction") {
  for (const auto& [old_name, new_name] : pinned_pairs()) {
    const bool trivial = old_name.find("trivial") != std::string::npos ||
                         new_name.find("trivial") != std::string::npos ||
                         new_name.ends_with(".html");
    if (!trivial) {
      continue;
    }
    CAPTURE(old_name);
    CAPTURE(new_name);
    int exit_code = -1;
    const nlohmann::json diff = diff_json(old_name, new_name, exit_code);
    CHECK(diff["changes"].empty());
    CHECK(exit_code == 0);
  }
}

TEST_CASE("the seed story's updates show the changes its README specifies") {
  int exit_code = -1;
  const nlohmann::json casualties = diff_json("v1-wire.txt", "v2-casualties.txt", exit_code);
  const nlohmann::json* added = find_change(casualties, "added", "Around 300 North Korean soldiers");
  REQUIRE(added != nullptr);
  CHECK((*added)["significance"] == "high");
  CHECK(exit_code == 1);

  const nlohmann::json rotation = diff_json("v3-full.txt", "v4-rotation.txt", exit_code);
  const nlohmann::json* revised = find_change(rotation, "modified", "12,000 troops");
  REQUIRE(revised != nullptr);
  CHECK((*revised)["aspects"] == nlohmann::json::array({"number"}));
  CHECK((*revised)["old"]["numbers"][0]["value"] == 10000);
  CHECK((*revised)["new"]["numbers"][0]["value"] == 12000);
  CHECK(find_change(rotation, "added", "rotated fresh troops") != nullptr);

  const nlohmann::json attribution = diff_json("v4-rotation.txt", "v5-attribution.txt", exit_code);
  const nlohmann::json* source = find_change(attribution, "modified", "rotated fresh troops");
  REQUIRE(source != nullptr);
  CHECK((*source)["aspects"] == nlohmann::json::array({"attribution"}));
  CHECK((*source)["new"]["attribution"] == "Ukraine's military");

  const nlohmann::json hedges = diff_json("v5-attribution.txt", "v6-hedge-dropped.txt", exit_code);
  CHECK(hedges["changes"].size() == 2);
  for (const nlohmann::json& change : hedges["changes"]) {
    const auto& aspects = change["aspects"];
    CHECK(std::find(aspects.begin(), aspects.end(), "certainty") != aspects.end());
    CHECK(std::find(aspects.begin(), aspects.end(), "number") == aspects.end());
  }

  const nlohmann::json retraction = diff_json("v6-hedge-dropped.txt", "v7-retraction.txt", exit_code);
  const nlohmann::json* corrected = find_change(retraction, "modified", "Around 200");
  REQUIRE(corrected != nullptr);
  CHECK((*corrected)["possible_correction"] == true);
  CHECK(find_change(retraction, "removed", "grenades") != nullptr);
}

TEST_CASE("copy edits give nothing at medium or above - facts outside the lexicon still count") {
  int exit_code = -1;
  const nlohmann::json copyedits = diff_json("v3-full.txt", "v3-copyedits.txt", exit_code);
  CHECK_FALSE(copyedits["changes"].empty());  // the edits are seen ...
  for (const nlohmann::json& change : copyedits["changes"]) {
    CAPTURE(change.dump());
    CHECK(change["significance"] == "low");  // ... and graded as copy edits
    for (const char* aspect : {"number", "attribution", "certainty"}) {
      const auto& aspects = change["aspects"];
      CHECK(std::find(aspects.begin(), aspects.end(), aspect) == aspects.end());
    }
  }
  // The page-age line is no claim at all.
  CHECK(find_change(copyedits, "added", "minutes ago") == nullptr);

  const nlohmann::json facts = diff_json("v3-full.txt", "v8-facts-outside-topics.txt", exit_code);
  const nlohmann::json* visitor = find_change(facts, "modified", "Sergei Lavrov");
  REQUIRE(visitor != nullptr);
  CHECK((*visitor)["significance"] != "low");
  const nlohmann::json* summoned = find_change(facts, "added", "summoned the ambassadors");
  REQUIRE(summoned != nullptr);
  CHECK((*summoned)["significance"] != "low");
  CHECK((*summoned)["new"]["attribution"] == "China's foreign ministry");
}
