// The reading commands open the store read-only: they work on a store their user may read but
// not write, and never change a file, whatever it holds.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/text_search.h"

using tracker::test::contains;
using tracker::test::DemoSite;
using tracker::test::ProcessResult;
using tracker::test::read_file;
using tracker::test::run_process;
using tracker::test::run_tracker;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

// The reading commands, each on `store`; verify and diff read the lexicon from $TRACKER_TOPICS.
std::vector<std::vector<std::string>> readers(const std::string& store, const std::string& url) {
  return {{"history", url, "--store", store},
          {"show", "1", "--store", store},
          {"changes", "--store", store},
          {"report", "--html", "-", "--store", store},
          {"alerts", "--store", store},
          {"status", "--store", store},
          {"verify", "--store", store},
          {"diff", "@1", "@2", "--store", store}};
}

// Runs tracker as the unprivileged user nobody (root reads and writes whatever it likes, so
// only another user can show what permissions allow).
// `tools` holds copies of the binary and the lexicon that nobody may read: the build and the
// source tree may sit in a folder only root can enter (a CI clone in a private temporary
// folder).
ProcessResult run_tracker_as_nobody(const std::vector<std::string>& arguments,
                                    const std::filesystem::path& tools) {
  std::vector<std::string> argv = {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
                                   "--clear-groups", "/usr/bin/env",
                                   "TRACKER_TOPICS=" + (tools / "topics.toml").string(),
                                   (tools / "tracker").string()};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return run_process(argv);
}

// Every file in `dir`, with its bytes.
std::vector<std::pair<std::string, std::string>> contents_of(const std::filesystem::path& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    files.emplace_back(entry.path().filename().string(), read_file(entry.path()));
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("the reading commands work on a store their user may read but not write") {
  if (::geteuid() != 0) {
    MESSAGE("skipped: running a command as another user needs root");
    return;
  }
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);  // the demo's "broken" source fails
  site.publish("v4-rotation.txt");
  REQUIRE(site.run().exit_code == 6);

  // A copy owned by root, readable by the group nogroup only, in a folder nobody may not
  // write to: SQLite can create no -shm or -wal file beside it.
  TempDir outer;
  ::chmod(outer.path().c_str(), 0755);
  const auto folder = outer / "store";
  std::filesystem::create_directory(folder);
  std::filesystem::copy_file(site.store(), folder / "tracker.db");
  const std::string store = (folder / "tracker.db").string();
  REQUIRE(::chown(folder.c_str(), 0, 65534) == 0);
  REQUIRE(::chown(store.c_str(), 0, 65534) == 0);
  ::chmod(folder.c_str(), 0750);
  ::chmod(store.c_str(), 0640);
  const auto before = contents_of(folder);
  const auto tools = outer.path();
  std::filesystem::copy_file(tracker::test::shipped_topics(), tools / "topics.toml");
  std::filesystem::copy_file(tracker::test::tracker_binary(), tools / "tracker");
  ::chmod((tools / "topics.toml").c_str(), 0644);
  ::chmod((tools / "tracker").c_str(), 0755);

  for (const auto& command : readers(store, site.base() + "/kursk.html")) {
    CAPTURE(command[0]);
    const ProcessResult result = run_tracker_as_nobody(command, tools);
    CAPTURE(result.err);
    // diff exits 1: the demo's second version changed claims; status 6: its "broken" source.
    CHECK(result.exit_code == (command[0] == "diff" ? 1 : command[0] == "status" ? 6 : 0));
    CHECK_FALSE(contains(result.err, "readonly"));
  }
  const ProcessResult history = run_tracker_as_nobody(readers(store, site.base() + "/kursk.html")[0], tools);
  CHECK(contains(history.out, "paragraphs"));
  CHECK(contents_of(folder) == before);  // nothing written, nothing created
}

TEST_CASE("a reading command leaves an empty or foreign file unchanged and names it") {
  TempDir dir;
  write_file(dir / "empty.db", "");
  write_file(dir / "notes.db", "my notes, not a database\n");
  const auto before = contents_of(dir.path());
  for (const std::string name : {"empty.db", "notes.db"}) {
    const std::string path = (dir / name).string();
    for (const auto& command : readers(path, "https://example.org/a")) {
      CAPTURE(command[0]);
      const ProcessResult result = run_tracker(command);
      CAPTURE(result.err);
      CHECK(result.exit_code == 2);
      CHECK(contains(result.err, "tracker: error: " + path + ": not a tracker store"));
    }
  }
  CHECK(contents_of(dir.path()) == before);  // same files, same bytes: no store made of them
}

TEST_CASE("a store that is a device or a folder is not a tracker store, and says so") {
  TempDir dir;
  const ProcessResult zero = run_tracker({"history", "x", "--store", "/dev/zero"});
  CHECK(zero.exit_code == 2);
  CHECK(contains(zero.err, "tracker: error: /dev/zero: not a tracker store: not a regular file"));
  const ProcessResult folder = run_tracker({"changes", "--store", dir.path().string()});
  CHECK(folder.exit_code == 2);
  CHECK(contains(folder.err, dir.path().string() + ": not a tracker store but a directory"));
}
