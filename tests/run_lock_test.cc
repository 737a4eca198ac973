// The run lock belongs to the store file, whatever name it is reached by, and every command
// that rewrites what a run writes takes it.
#include "tracker/pipeline/run_lock.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "support/demo_site.h"
#include "support/process.h"

using tracker::test::DemoSite;
using tracker::test::run_tracker;

namespace {

constexpr std::string_view k_busy = "another tracker run is using this store (pid ";

}  // namespace

TEST_CASE("a run holding the lock through one path blocks a run through a symlink to the store") {
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);  // the store exists ("broken" fails, as always)
  const auto file_link = site.dir() / "link.db";
  std::filesystem::create_symlink(site.store(), file_link);
  const auto dir_link = site.dir() / "alias";
  std::filesystem::create_directory_symlink(site.store().parent_path(), dir_link);

  auto lock = tracker::pipeline::RunLock::acquire(site.store());
  REQUIRE(lock);
  for (const auto& other : {file_link, dir_link / "tracker.db"}) {
    CAPTURE(other);
    auto blocked = site.run({"--store", other.string()});
    CHECK(blocked.exit_code == 2);
    CHECK(blocked.err.find(k_busy) != std::string::npos);
  }
}

TEST_CASE("a lock taken through a symlink blocks a run through the real path") {
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);
  const auto file_link = site.dir() / "link.db";
  std::filesystem::create_symlink(site.store(), file_link);
  auto lock = tracker::pipeline::RunLock::acquire(file_link);
  REQUIRE(lock);
  auto blocked = site.run();
  CHECK(blocked.exit_code == 2);
  CHECK(blocked.err.find(k_busy) != std::string::npos);
}

TEST_CASE("reprocess and verify --update refuse while a run holds the lock, and work after") {
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);
  const std::string store = site.store().string();
  {
    auto lock = tracker::pipeline::RunLock::acquire(site.store());
    REQUIRE(lock);
    auto reprocess = run_tracker({"reprocess", "--config", site.config().string()});
    CHECK(reprocess.exit_code == 2);
    CHECK(reprocess.err.find(k_busy) != std::string::npos);
    auto update = run_tracker({"verify", "--store", store, "--update"});
    CHECK(update.exit_code == 2);
    CHECK(update.err.find(k_busy) != std::string::npos);
    auto check = run_tracker({"verify", "--store", store});  // reading needs no lock
    CHECK(check.exit_code == 0);
  }
  CHECK(run_tracker({"reprocess", "--config", site.config().string()}).exit_code == 0);
  CHECK(run_tracker({"verify", "--store", store, "--update"}).exit_code == 0);
}
