// Output files (report --html, import-opml --output) replace regular files atomically and
// write devices, FIFOs and what symlinks point to without replacing them.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/text_search.h"
#include "tracker/store/sqlite_store.h"

using tracker::test::contains;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

constexpr std::string_view k_opml =
    "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>"
    "<outline text=\"A\" type=\"rss\" xmlUrl=\"https://example.org/a.xml\"/></body></opml>";

// A fresh, empty store for `report` to read.
std::string empty_store(const TempDir& dir) {
  const auto path = dir / "tracker.db";
  REQUIRE(tracker::store::SqliteStore::open(path));
  return path.string();
}

// The commands that write an output file, each writing to `target`.
std::vector<std::vector<std::string>> writers(const TempDir& dir, const std::string& target) {
  write_file(dir / "subs.opml", std::string(k_opml));
  return {{"report", "--html", target, "--store", empty_store(dir)},
          {"import-opml", (dir / "subs.opml").string(), "--output", target}};
}

mode_t file_type(const std::filesystem::path& path) {
  struct stat status {};
  REQUIRE(::lstat(path.c_str(), &status) == 0);
  return status.st_mode & S_IFMT;
}

std::size_t entries_in(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

}  // namespace

TEST_CASE("an output file on a character device is written to the device, not renamed over it") {
  TempDir dir;
  const auto device = dir / "null";
  // A copy of /dev/null in the temporary folder, so that a failure cannot break the machine's.
  if (::mknod(device.c_str(), S_IFCHR | 0666, ::makedev(1, 3)) != 0) {
    MESSAGE("skipped: mknod needs root");
    return;
  }
  for (const auto& command : writers(dir, device.string())) {
    CAPTURE(command[0]);
    const auto written = run_tracker(command);
    CHECK_MESSAGE(written.exit_code == 0, written.err);
    CHECK(file_type(device) == S_IFCHR);
  }
  CHECK(file_type(device) == S_IFCHR);
}

TEST_CASE("an output file on a FIFO is written into the FIFO, which stays a FIFO") {
  TempDir dir;
  const auto fifo = dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string stop = "\n--end of test--\n";
  for (const auto& command : writers(dir, fifo.string())) {
    CAPTURE(command[0]);
    // Opened for reading and writing (Linux never blocks on that): tracker's open finds a
    // reader, and the test can wake its own reader with `stop` whatever tracker did.
    const int fd = ::open(fifo.c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(fd >= 0);
    std::string received;
    std::thread reader([&] {
      char buffer[4096];
      while (!contains(received, stop)) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) {
          break;
        }
        received.append(buffer, static_cast<std::size_t>(n));
      }
    });
    const auto written = run_tracker(command);
    REQUIRE(::write(fd, stop.data(), stop.size()) == static_cast<ssize_t>(stop.size()));
    reader.join();
    ::close(fd);
    CHECK_MESSAGE(written.exit_code == 0, written.err);
    CHECK(file_type(fifo) == S_IFIFO);
    CHECK(contains(received, command[0] == "report" ? "</html>" : "[[source]]"));
  }
}

TEST_CASE("an output file through a symlink replaces the file it points to and keeps the link") {
  TempDir dir;
  std::filesystem::create_directory(dir / "www");
  write_file(dir / "www" / "report.html", "old");
  ::chmod((dir / "www" / "report.html").c_str(), 0640);
  std::filesystem::create_symlink(dir / "www" / "report.html", dir / "link.html");
  const auto written = run_tracker({"report", "--html", (dir / "link.html").string(), "--store", empty_store(dir)});
  CHECK_MESSAGE(written.exit_code == 0, written.err);
  CHECK(file_type(dir / "link.html") == S_IFLNK);
  CHECK(contains(read_file(dir / "www" / "report.html"), "</html>"));
  CHECK((std::filesystem::status(dir / "www" / "report.html").permissions() &
         std::filesystem::perms::all) == static_cast<std::filesystem::perms>(0640));
  CHECK(entries_in(dir / "www") == 1);  // no temporary file left beside it
}

TEST_CASE("an output file replaces a regular file whole and keeps its permissions") {
  TempDir dir;
  write_file(dir / "watch.toml", "old");
  ::chmod((dir / "watch.toml").c_str(), 0600);
  const auto command = writers(dir, (dir / "watch.toml").string())[1];
  const auto written = run_tracker(command);
  CHECK_MESSAGE(written.exit_code == 0, written.err);
  CHECK(file_type(dir / "watch.toml") == S_IFREG);
  CHECK(contains(read_file(dir / "watch.toml"), "[[source]]"));
  CHECK((std::filesystem::status(dir / "watch.toml").permissions() &
         std::filesystem::perms::all) == static_cast<std::filesystem::perms>(0600));
  CHECK(entries_in(dir.path()) == 3);  // subs.opml, tracker.db and watch.toml: no temporary file
}

TEST_CASE("an output file at a directory or a dangling symlink is refused, naming it") {
  TempDir dir;
  std::filesystem::create_directory(dir / "folder");
  std::filesystem::create_symlink(dir / "nowhere" / "x.html", dir / "dangling.html");
  for (const std::string name : {"folder", "dangling.html"}) {
    const auto target = (dir / name).string();
    const auto written = run_tracker({"report", "--html", target, "--store", empty_store(dir)});
    CAPTURE(written.err);
    CHECK(written.exit_code == 2);
    CHECK(contains(written.err, "tracker: error: " + target + ": cannot write: "));
  }
  CHECK(std::filesystem::is_directory(dir / "folder"));
  CHECK(file_type(dir / "dangling.html") == S_IFLNK);
  CHECK_FALSE(std::filesystem::exists(dir / "nowhere"));
}
