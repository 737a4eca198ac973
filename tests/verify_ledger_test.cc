// `tracker verify` on a story whose figure ledger is pinned (ledger.txt, golden/ledger.txt).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"

using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

const std::string k_ledger_story_topics = tracker::test::shipped_topics().string();

// A copy of the project's pinned Kursk ledger story, one folder down as under snapshots/.
std::filesystem::path copy_ledger_story(const TempDir& dir) {
  const std::filesystem::path story = dir / "stories/ledger/kursk";
  std::filesystem::create_directories(story.parent_path());
  std::filesystem::copy(source_dir() / "snapshots/ledger/kursk", story,
                        std::filesystem::copy_options::recursive);
  return story;
}

void replace_first_in_file(const std::filesystem::path& file, const std::string& from,
                           const std::string& to) {
  std::string text = read_file(file);
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  write_file(file, text);
}

}  // namespace

TEST_CASE(
    "a pinned ledger drifts line by line when an outlet's figure moves, and --update accepts it") {
  TempDir dir;
  const std::filesystem::path story = copy_ledger_story(dir);
  const std::filesystem::path golden = story / "golden/ledger.txt";
  const std::string pinned = read_file(golden);
  REQUIRE(pinned.find("some 12,000  (The intelligence agency; asserted)  [kyiv-wire]") !=
          std::string::npos);
  replace_first_in_file(story / "kyiv-wire-v1.txt", "some 12,000", "some 13,000");

  const std::vector<std::string> verify = {"verify", "--baselines", (dir / "stories").string(),
                                           "--topics", k_ledger_story_topics};
  const auto drifted = run_tracker(verify);
  CAPTURE(drifted.err);
  CHECK(drifted.exit_code == 1);
  CHECK(drifted.out.find(golden.string() + ": drifted\n") != std::string::npos);
  // The wire's first version now says 13,000 and its second still 12,000: a revision down.
  CHECK(drifted.out.find(
            "  -   2023-11-14T22:17:20Z  some 12,000  (The intelligence agency; asserted)  "
            "[kyiv-wire]  contradicted: around 11,000 (The spy agency, afp)\n") !=
        std::string::npos);
  CHECK(drifted.out.find(
            "  +   2023-11-14T22:17:20Z  some 13,000  (The intelligence agency; asserted)  "
            "[kyiv-wire]  contradicted: around 11,000 (The spy agency, afp); until ") !=
        std::string::npos);
  CHECK(drifted.out.find(
            "  +   2023-11-14T22:18:20Z  some 12,000  (The intelligence agency; asserted)  "
            "[kyiv-wire]  revised down from some 13,000") != std::string::npos);
  // Figures of the other measures did not move, and are not listed.
  CHECK(drifted.out.find("wounded") == std::string::npos);

  std::vector<std::string> update = verify;
  update.push_back("--update");
  CHECK(run_tracker(update).exit_code == 0);
  CHECK(read_file(golden).find("some 13,000") != std::string::npos);
  const auto clean = run_tracker(verify);
  CHECK(clean.exit_code == 0);
  CHECK(clean.out.empty());
}

TEST_CASE("the publication order is part of the pinned ledger") {
  TempDir dir;
  const std::filesystem::path story = copy_ledger_story(dir);
  // The Seoul daily's second version published first: the NIS's revision comes before its
  // first figures, and the timeline says so.
  replace_first_in_file(story / "ledger.txt", "seoul-daily-v2.txt seoul-daily\n", "");
  replace_first_in_file(story / "ledger.txt", "afp-v1.txt afp\n",
                        "afp-v1.txt afp\nseoul-daily-v2.txt seoul-daily\n");
  const auto drifted = run_tracker(
      {"verify", "--baselines", (dir / "stories").string(), "--topics", k_ledger_story_topics});
  CHECK(drifted.exit_code == 1);
  CHECK(drifted.out.find("  - ") != std::string::npos);
  CHECK(drifted.out.find("  + ") != std::string::npos);
}

TEST_CASE("a ledger.txt that names no version of its folder is refused, with its line") {
  TempDir dir;
  const std::filesystem::path story = copy_ledger_story(dir);
  write_file(story / "ledger.txt", "# order\nafp-v1.txt afp\nafp-v9.txt afp\n");
  const auto refused = run_tracker(
      {"verify", "--baselines", (dir / "stories").string(), "--topics", k_ledger_story_topics});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find((story / "ledger.txt").string() +
                         ":3: afp-v9.txt is not a file of the folder") != std::string::npos);

  write_file(story / "ledger.txt", "afp-v1.txt\n");
  const auto no_outlet = run_tracker(
      {"verify", "--baselines", (dir / "stories").string(), "--topics", k_ledger_story_topics});
  CHECK(no_outlet.exit_code == 2);
  CHECK(no_outlet.err.find(":1: expected \"FILE OUTLET\", got \"afp-v1.txt\"") !=
        std::string::npos);
}
