// A full disk, for real: a small tmpfs mounted in a private mount namespace (unshare -m, as
// root, which tests and CI run as), filled to the last byte. tracker runs inside it with
// nsenter; the test reads the files through /proc/PID/root.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

#include "support/demo_site.h"
#include "support/process.h"
#include "support/store_checks.h"
#include "support/temp_dir.h"

using tracker::test::BackgroundProcess;
using tracker::test::DemoSite;
using tracker::test::ProcessResult;
using tracker::test::read_file;
using tracker::test::run_process;
using tracker::test::TempDir;
using tracker::test::tracker_binary;
using tracker::test::write_file;

namespace {

// A tmpfs of `size` mounted on `mount_point`, seen only by the processes run through it.
class SmallDisk {
 public:
  SmallDisk(const std::filesystem::path& mount_point, const std::string& size)
      : m_mount_point(mount_point),
        m_holder({"/usr/bin/unshare", "-m", "--propagation", "private", "/bin/sh", "-c",
                  "mount -t tmpfs -o size=" + size + " tmpfs \"$0\" && touch \"$0/.mounted\" && exec sleep 600",
                  mount_point.string()}) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!std::filesystem::exists(inside(".mounted"))) {
      INFO("unshare -m and mount -t tmpfs need root (CAP_SYS_ADMIN); this test cannot run without");
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  // A path on the small disk, as this test process reaches it.
  std::filesystem::path inside(const std::string& relative) const {
    return std::filesystem::path("/proc") / std::to_string(m_holder.pid()) / "root" /
           m_mount_point.relative_path() / relative;
  }

  // Runs tracker with the small disk mounted.
  ProcessResult tracker(std::vector<std::string> arguments) const {
    std::vector<std::string> argv = {"/usr/bin/nsenter", "-t", std::to_string(m_holder.pid()), "-m", "--",
                                     tracker_binary().string()};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return run_process(argv);
  }

  // Writes a filler file until the disk has no byte left, then gives `leave` bytes back
  // (tmpfs counts whole pages); returns the filler's path.
  std::filesystem::path fill(std::size_t leave = 0) const {
    const std::filesystem::path filler = inside("filler");
    std::ofstream out(filler, std::ios::binary);
    const std::string block(4096, 'x');
    while (out.write(block.data(), static_cast<std::streamsize>(block.size()))) {
    }
    out.clear();
    out.close();
    // The last partial block: byte by byte, so that not even one is left.
    std::ofstream tail(filler, std::ios::binary | std::ios::app);
    while (tail.put('x') && tail.flush()) {
    }
    tail.close();
    if (leave > 0) {
      std::filesystem::resize_file(filler, std::filesystem::file_size(filler) - leave);
    }
    return filler;
  }

 private:
  std::filesystem::path m_mount_point;
  BackgroundProcess m_holder;
};

// PRAGMA integrity_check on a copy of the store and its WAL: SQLite resolves the symbolic
// link /proc/PID/root, which would take it out of the small disk's mount namespace.
std::string integrity_check_of_copy(const std::filesystem::path& store) {
  TempDir copy;
  const std::filesystem::path path = copy / "tracker.db";
  std::filesystem::copy_file(store, path);
  if (std::filesystem::exists(store.string() + "-wal")) {
    std::filesystem::copy_file(store.string() + "-wal", path.string() + "-wal");
  }
  return tracker::test::integrity_check(path);
}

}  // namespace

TEST_CASE("a full disk under the store stops the run with a clear error and loses nothing stored") {
  DemoSite site;
  TempDir mount_point;
  const SmallDisk disk(mount_point.path(), "2m");
  // The store on the small disk; the config beside the site, on the normal one.
  write_file(site.config(), "watch = [\"watch.toml\"]\nstore = \"" +
                                (mount_point.path() / "store/tracker.db").string() +
                                "\"\ntopics = \"" + tracker::test::shipped_topics().string() +
                                "\"\n");
  write_file(site.dir() / "watch.toml", "[[source]]\nname = \"demo\"\nurl = \"" + site.base() + "/feed.xml\"\n");
  const std::string store = (mount_point.path() / "store/tracker.db").string();
  const std::vector<std::string> run = {"run", "--config", site.config().string(), "--all", "--color", "never"};

  site.publish("v3-full.txt");
  const ProcessResult first = disk.tracker(run);
  CAPTURE(first.err);
  REQUIRE(first.exit_code == 0);
  const ProcessResult stored = disk.tracker({"history", site.base() + "/kursk.html", "--store", store});
  REQUIRE(stored.exit_code == 0);

  const std::filesystem::path filler = disk.fill();
  site.publish("v4-rotation.txt");
  const ProcessResult full = disk.tracker(run);
  CAPTURE(full.err);
  CHECK(full.exit_code != 0);
  CHECK(full.exit_code != -6);   // SIGABRT
  CHECK(full.exit_code != -11);  // SIGSEGV
  // The message says what happened and where.
  CHECK(full.err.find("full") != std::string::npos);
  CHECK(full.err.find(store) != std::string::npos);

  // Nothing stored before is lost: the store is sound and, with room again, the first
  // version reads back as it did.
  CHECK(integrity_check_of_copy(disk.inside("store/tracker.db")) == "ok");
  std::filesystem::remove(filler);
  const ProcessResult after = disk.tracker({"history", site.base() + "/kursk.html", "--store", store});
  CHECK(after.exit_code == 0);
  CHECK(after.out == stored.out);

  // The next run stores the version it missed and reports its changes.
  const ProcessResult again = disk.tracker(run);
  CAPTURE(again.err);
  CAPTURE(again.out);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("12,000") != std::string::npos);
  const ProcessResult history = disk.tracker({"history", site.base() + "/kursk.html", "--store", store});
  CHECK(history.out.size() > stored.out.size());
  CHECK(integrity_check_of_copy(disk.inside("store/tracker.db")) == "ok");
}

TEST_CASE("files written on a full disk fail with a clear error and leave no partial file") {
  TempDir mount_point;
  const SmallDisk disk(mount_point.path(), "256k");
  TempDir work;
  write_file(work / "subscriptions.opml",
             "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>t</title></head><body>"
             "<outline text=\"A\" type=\"rss\" xmlUrl=\"https://example.org/a.xml\"/>"
             "<outline text=\"B\" type=\"rss\" xmlUrl=\"https://example.org/b.xml\"/></body></opml>");
  disk.fill();
  const std::string output = (mount_point.path() / "watch.toml").string();
  const ProcessResult written = disk.tracker({"import-opml", (work / "subscriptions.opml").string(), "--output", output});
  CAPTURE(written.err);
  CHECK(written.exit_code != 0);
  CHECK(written.err.find(output) != std::string::npos);
  CHECK(written.err.find("No space left on device") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(disk.inside("watch.toml")));
  // No temporary file left behind either: only the filler and the mount marker.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(disk.inside(""))) {
    ++entries;
  }
  CHECK(entries == 2);
}

TEST_CASE("a disk that fills up during a run fails that page, keeps the store sound and stores it later") {
  DemoSite site;
  TempDir mount_point;
  const SmallDisk disk(mount_point.path(), "2m");
  const std::string store = (mount_point.path() / "store/tracker.db").string();
  write_file(site.config(), "watch = [\"watch.toml\"]\nstore = \"" + store + "\"\ntopics = \"" +
                                tracker::test::shipped_topics().string() + "\"\n");
  write_file(site.dir() / "watch.toml", "[[source]]\nname = \"demo\"\nurl = \"" + site.base() + "/feed.xml\"\n");
  const std::vector<std::string> run = {"run", "--config", site.config().string(), "--all", "--color", "never"};
  site.publish("v3-full.txt");
  REQUIRE(disk.tracker(run).exit_code == 0);
  const ProcessResult stored = disk.tracker({"history", site.base() + "/kursk.html", "--store", store});

  // Room to open the store and read, not to commit a new version of the page (measured: the
  // commit needs some 100 KB of WAL).
  const std::filesystem::path filler = disk.fill(64 * 1024);
  site.publish("v4-rotation.txt");
  const ProcessResult full = disk.tracker(run);
  CAPTURE(full.err);
  CHECK(full.exit_code == 2);  // trouble: the run could not do its job
  CHECK(full.err.find(site.base() + "/kursk.html: " + store + ": cannot commit: the disk holding the store is full") !=
        std::string::npos);
  CHECK(full.out.find("12,000") == std::string::npos);  // no change reported for a version not stored
  CHECK(integrity_check_of_copy(disk.inside("store/tracker.db")) == "ok");

  std::filesystem::remove(filler);
  CHECK(disk.tracker({"history", site.base() + "/kursk.html", "--store", store}).out == stored.out);
  const ProcessResult again = disk.tracker(run);
  CAPTURE(again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("12,000") != std::string::npos);
}
