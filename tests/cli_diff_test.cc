#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"

using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

const std::string k_topics = tracker::test::shipped_topics().string();
const std::string k_story = (source_dir() / "snapshots/kursk").string();

}  // namespace

TEST_CASE("diff exits 0 without changes, 1 with changes and 2 on trouble") {
  CHECK(run_tracker({"diff", "--topics", k_topics, k_story + "/v3-full.txt", k_story + "/v3-trivial-quotes.txt"})
            .exit_code == 0);
  CHECK(run_tracker({"diff", "--topics", k_topics, k_story + "/v3-full.txt", k_story + "/v4-rotation.txt"})
            .exit_code == 1);
  auto missing = run_tracker({"diff", "--topics", k_topics, k_story + "/v3-full.txt", "/nonexistent.txt"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("/nonexistent.txt") != std::string::npos);
}

TEST_CASE("--min-significance filters what is reported and what the exit status counts") {
  TempDir dir;
  write_file(dir / "a.txt", "The weather in the region was cold and wet.\n");
  write_file(dir / "b.txt", "The weather in the region was cold and windy.\n");
  auto low = run_tracker({"diff", "--topics", k_topics, "--format", "json", (dir / "a.txt").string(),
                          (dir / "b.txt").string()});
  CHECK(low.exit_code == 1);
  CHECK(nlohmann::json::parse(low.out)["changes"].size() == 1);
  auto high = run_tracker({"diff", "--topics", k_topics, "--min-significance", "high", "--format", "json",
                           (dir / "a.txt").string(), (dir / "b.txt").string()});
  CHECK(high.exit_code == 0);
  CHECK(nlohmann::json::parse(high.out)["changes"].empty());
}

TEST_CASE("--watch takes only topics the lexicon knows") {
  auto result = run_tracker({"diff", "--topics", k_topics, "--watch", "casualtys", k_story + "/v1-wire.txt",
                             k_story + "/v2-casualties.txt"});
  CHECK(result.exit_code == 64);
  CHECK(result.err.find("casualtys") != std::string::npos);
}

TEST_CASE("the HTML report escapes every piece of text from the pages") {
  TempDir dir;
  write_file(dir / "a.txt", "Officials said 10 troops were killed near the <b>border</b>.\n");
  write_file(dir / "b.txt",
             "Officials said 12 troops were killed near the <script>alert('x')</script> border & bridge.\n");
  auto result = run_tracker({"diff", "--topics", k_topics, "--format", "html", (dir / "a.txt").string(),
                             (dir / "b.txt").string()});
  CHECK(result.exit_code == 1);
  CHECK(result.out.starts_with("<!DOCTYPE html>"));
  CHECK(result.out.find("<script>") == std::string::npos);
  CHECK(result.out.find("<b>") == std::string::npos);
  CHECK(result.out.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(result.out.find("&amp; bridge") != std::string::npos);
  CHECK(result.out.find("<del>10</del>") != std::string::npos);
}

TEST_CASE("text output marks changed words and uses colour only when asked or on a terminal") {
  const std::vector<std::string> args = {"diff", "--topics", k_topics, k_story + "/v3-full.txt",
                                         k_story + "/v4-rotation.txt"};
  auto piped = run_tracker(args);
  CHECK(piped.out.find("[-more than 10,000-] {+some 12,000+}") != std::string::npos);
  CHECK(piped.out.find("\x1b[") == std::string::npos);
  std::vector<std::string> coloured = args;
  coloured.push_back("--color");
  coloured.push_back("always");
  CHECK(run_tracker(coloured).out.find("\x1b[31m") != std::string::npos);
}

TEST_CASE("claims lists each sentence with its structure, as text and as JSON") {
  TempDir dir;
  write_file(dir / "a.txt",
             "Pyongyang deployed more than 10,000 troops, intelligence agencies say. "
             "Moscow denied it on Friday.\n");
  auto json = run_tracker({"claims", "--topics", k_topics, "--format", "json", (dir / "a.txt").string()});
  REQUIRE(json.exit_code == 0);
  const auto claims = nlohmann::json::parse(json.out)["claims"];
  REQUIRE(claims.size() == 2);
  CHECK(claims[0]["numbers"][0]["value"] == 10000);
  CHECK(claims[0]["numbers"][0]["qualifier"] == "at_least");
  CHECK(claims[0]["attribution"] == "intelligence agencies");
  CHECK(claims[1]["certainty"] == "denied");
  CHECK(claims[1]["times"] == nlohmann::json::array({"on Friday"}));
  auto text = run_tracker({"claims", "--topics", k_topics, (dir / "a.txt").string()});
  CHECK(text.out.starts_with("[1] Pyongyang deployed more than 10,000 troops"));
}

TEST_CASE("a broken topics file stops claims with its file and line") {
  TempDir dir;
  write_file(dir / "topics.toml", "[topics.x]\nterm = [\"a\"]\n");
  write_file(dir / "a.txt", "Some text here.\n");
  auto result = run_tracker({"claims", "--topics", (dir / "topics.toml").string(), (dir / "a.txt").string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("topics.toml:2:1: unknown key 'term' (did you mean 'terms'?)") != std::string::npos);
}

TEST_CASE("--watch takes one topic each time, leaving OLD and NEW alone") {
  auto result = run_tracker({"diff", "--topics", k_topics, "--watch", "territory", "--format", "json",
                             k_story + "/v1-wire.txt", k_story + "/v2-casualties.txt"});
  REQUIRE(result.exit_code == 1);
  const auto changes = nlohmann::json::parse(result.out)["changes"];
  REQUIRE(changes.size() == 1);
  // A casualty claim with figures matters, but only territory is watched: medium, not high.
  CHECK(changes[0]["significance"] == "medium");
}
