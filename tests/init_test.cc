// tracker init: a working folder a new user can start from, written whole or not at all.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"

using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::TempDir;
using tracker::test::write_file;

TEST_CASE("tracker init writes a folder that runs once a feed is named") {
  DemoSite site;
  site.publish("v3-full.txt");
  TempDir dir;
  const auto folder = dir / "desk";
  auto init = run_tracker({"init", folder.string(), "--watch", site.base() + "/feed.xml"});
  CAPTURE(init.err);
  REQUIRE(init.exit_code == 0);
  CHECK(init.out.find("next: tracker run --config " + (folder / "tracker.toml").string()) != std::string::npos);
  // The lexicon to edit is the one built in, which is feeds/topics.toml as shipped.
  CHECK(read_file(folder / "feeds/topics.toml") == read_file(tracker::test::shipped_topics()));
  CHECK(read_file(folder / "feeds/news.toml").find("url = '" + site.base() + "/feed.xml'") != std::string::npos);

  const std::string config = (folder / "tracker.toml").string();
  auto before = run_tracker({"status", "--config", config});
  CHECK(before.exit_code == 0);
  CHECK(before.out.find("127-0-0-1 (never fetched) " + site.base() + "/feed.xml") != std::string::npos);
  auto run = run_tracker({"run", "--config", config, "--all"});
  CAPTURE(run.err);
  CHECK(run.exit_code == 0);
  CHECK(std::filesystem::exists(folder / "snapshots/tracker.db"));  // the store the starter names
  auto stored = run_tracker({"history", site.base() + "/kursk.html", "--store", (folder / "snapshots/tracker.db").string()});
  CHECK(stored.exit_code == 0);
  CHECK(stored.out.find("19 paragraphs") != std::string::npos);

  // The commented [[story]] example, uncommented, pins the demo's story.
  std::string starter = read_file(folder / "tracker.toml");
  for (const std::string line : {"[[story]]", "name = \"kursk\"", "search = \"kursk\""}) {
    const std::size_t at = starter.find("# " + line + "\n");
    REQUIRE(at != std::string::npos);
    starter.erase(at, 2);
  }
  write_file(folder / "tracker.toml", starter);
  auto pinned = run_tracker({"documents", "--config", config, "--story", "kursk"});
  CAPTURE(pinned.err);
  REQUIRE(pinned.exit_code == 0);
  CHECK(pinned.out.find(site.base() + "/kursk.html") != std::string::npos);
}

TEST_CASE("tracker init without feeds leaves a commented example, and the first run says where to add them") {
  TempDir dir;
  REQUIRE(run_tracker({"init", (dir / "desk").string()}).exit_code == 0);
  CHECK(read_file(dir / "desk/feeds/news.toml").find("# [[source]]") != std::string::npos);
  auto run = run_tracker({"run", "--config", (dir / "desk/tracker.toml").string()});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find((dir / "desk/feeds/news.toml").string() + ": no [[source]] tables: nothing to watch") !=
        std::string::npos);
}

TEST_CASE("tracker init overwrites nothing, and refuses a URL the run would refuse") {
  TempDir dir;
  const auto folder = dir / "desk";
  std::filesystem::create_directories(folder / "feeds");
  write_file(folder / "feeds/topics.toml", "# my own lexicon\n");
  auto refused = run_tracker({"init", folder.string()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find((folder / "feeds/topics.toml").string() + ": exists already") != std::string::npos);
  CHECK(read_file(folder / "feeds/topics.toml") == "# my own lexicon\n");
  CHECK_FALSE(std::filesystem::exists(folder / "tracker.toml"));  // all or nothing
  CHECK_FALSE(std::filesystem::exists(folder / "feeds/news.toml"));

  auto ftp = run_tracker({"init", (dir / "other").string(), "--watch", "ftp://example.org/feed"});
  CHECK(ftp.exit_code == 64);
  CHECK(ftp.err.find("--watch 'ftp://example.org/feed': only http:// and https://") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "other"));
}
