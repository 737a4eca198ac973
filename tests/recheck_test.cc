// Articles found in feeds are fetched again on a schedule that follows their age.
#include <doctest/doctest.h>

#include <chrono>
#include <ctime>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/temp_dir.h"
#include "tracker/config/recheck_schedule.h"
#include "tracker/config/settings.h"

using namespace std::chrono_literals;
using tracker::config::RecheckSchedule;
using tracker::test::TempDir;
using tracker::test::write_file;

TEST_CASE("the standard recheck schedule is frequent while a story is young and stops after a week") {
  const RecheckSchedule schedule = RecheckSchedule::standard();
  CHECK(schedule.wait_for(0s) == 15min);
  CHECK(schedule.wait_for(6h - 1s) == 15min);
  CHECK(schedule.wait_for(6h) == 1h);
  CHECK(schedule.wait_for(47h) == 1h);
  CHECK(schedule.wait_for(48h) == 6h);
  CHECK(schedule.wait_for(7 * 24h - 1s) == 6h);
  CHECK_FALSE(schedule.wait_for(7 * 24h).has_value());
  CHECK_FALSE(RecheckSchedule{}.wait_for(0s).has_value());  // no steps: never again
}

namespace {

tl::expected<tracker::config::Settings, std::string> load(const TempDir& dir, const std::string& recheck) {
  write_file(dir / "watch.toml", "[[source]]\nname = \"a\"\nurl = \"https://example.org/feed\"\n");
  write_file(dir / "tracker.toml", "watch = [\"watch.toml\"]\n" + recheck);
  return tracker::config::load_settings(dir / "tracker.toml");
}

}  // namespace

TEST_CASE("[[recheck]] tables set the schedule, checked with file:line errors") {
  TempDir dir;
  auto standard = load(dir, "");
  REQUIRE(standard.has_value());
  CHECK(standard->recheck.steps.size() == 3);

  auto custom = load(dir, "[[recheck]]\nyounger_than = \"2h\"\nevery = \"5m\"\n"
                          "[[recheck]]\nyounger_than = \"3d\"\nevery = \"12h\"\n");
  REQUIRE(custom.has_value());
  CHECK(custom->recheck.wait_for(1h) == 5min);
  CHECK(custom->recheck.wait_for(2h) == 12h);
  CHECK_FALSE(custom->recheck.wait_for(72h).has_value());

  auto never = load(dir, "recheck = []\n");
  REQUIRE(never.has_value());
  CHECK(never->recheck.steps.empty());

  const std::string file = (dir / "tracker.toml").string();
  auto shrinking = load(dir, "[[recheck]]\nyounger_than = \"3d\"\nevery = \"1h\"\n"
                             "[[recheck]]\nyounger_than = \"1d\"\nevery = \"2h\"\n");
  REQUIRE_FALSE(shrinking.has_value());
  CHECK(shrinking.error() == file + ":5:1: each [[recheck]] must have a larger 'younger_than' than the one before");
  auto missing = load(dir, "[[recheck]]\nevery = \"1h\"\n");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error() == file + ":2:1: a [[recheck]] needs 'younger_than' and 'every'");
  auto typo = load(dir, "[[recheck]]\nyounger_then = \"1d\"\nevery = \"1h\"\n");
  REQUIRE_FALSE(typo.has_value());
  CHECK(typo.error().find("did you mean 'younger_than'") != std::string::npos);
  auto too_short = load(dir, "[[recheck]]\nyounger_than = \"1d\"\nevery = \"500ms\"\n");
  REQUIRE_FALSE(too_short.has_value());
  CHECK(too_short.error() == file + ":4:9: 'every' must be at least 1s");
}

namespace {

// The demo site watched every second, with `recheck` in tracker.toml; runs without --all, as
// cron does. Waits out the feed's interval first (times in the store are whole seconds).
struct ScheduledSite {
  tracker::test::DemoSite site;

  explicit ScheduledSite(const std::string& recheck) {
    write_file(site.dir() / "watch.toml",
               "[[source]]\nname = \"demo\"\nurl = \"" + site.base() + "/feed.xml\"\ninterval = \"1s\"\n");
    write_file(site.config(),
               "watch = [\"watch.toml\"]\nstore = \"store/tracker.db\"\ntopics = \"" +
                   tracker::test::shipped_topics().string() + "\"\n" + recheck);
  }

  nlohmann::json run() {
    std::this_thread::sleep_for(2100ms);
    auto result = tracker::test::run_tracker(
        {"run", "--config", site.config().string(), "--format", "json", "--color", "never"});
    CAPTURE(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
  }
};

}  // namespace

TEST_CASE("a known article is fetched again only when its age's recheck wait has passed") {
  ScheduledSite hourly("[[recheck]]\nyounger_than = \"1d\"\nevery = \"1h\"\n");
  hourly.site.publish("v3-full.txt");
  CHECK(hourly.run()["pages_fetched"] == 1);  // new: fetched whatever the schedule

  hourly.site.publish("v4-rotation.txt");
  const nlohmann::json waiting = hourly.run();  // the feed answers 304: its known articles
  CHECK(waiting["sources"][0]["not_modified"] == true);
  CHECK(waiting["pages_not_due"] == 1);  // fetched a moment ago: due again in an hour
  CHECK(waiting["pages_fetched"] == 0);
  CHECK(waiting["documents"].empty());

  // The same when the feed itself has changed and lists the article again.
  const std::filesystem::path feed = hourly.site.site_dir() / "feed.xml";
  write_file(feed, tracker::test::read_file(feed) + "\n");
  std::filesystem::last_write_time(feed, std::filesystem::file_time_type::clock::now() + 1h);
  const nlohmann::json relisted = hourly.run();
  CHECK(relisted["sources"][0]["not_modified"] == false);
  CHECK(relisted["pages_not_due"] == 1);
  CHECK(relisted["documents"].empty());

  // --all fetches it anyway, and finds the update.
  auto all = tracker::test::run_tracker({"run", "--config", hourly.site.config().string(), "--all", "--color", "never"});
  CHECK(all.out.find("12,000") != std::string::npos);
}

TEST_CASE("a young article with a short wait is rechecked on the next run - an old one never") {
  ScheduledSite eager("[[recheck]]\nyounger_than = \"1h\"\nevery = \"1s\"\n");
  eager.site.publish("v3-full.txt");
  eager.run();
  eager.site.publish("v4-rotation.txt");
  const nlohmann::json rechecked = eager.run();
  CHECK(rechecked["pages_not_due"] == 0);
  REQUIRE(rechecked["documents"].size() == 1);
  CHECK(rechecked["documents"][0]["changes"].dump().find("12,000") != std::string::npos);

  ScheduledSite brief("[[recheck]]\nyounger_than = \"1s\"\nevery = \"1s\"\n");
  brief.site.publish("v3-full.txt");
  brief.run();
  brief.site.publish("v4-rotation.txt");
  const nlohmann::json stopped = brief.run();  // two seconds old: past the last step
  CHECK(stopped["pages_not_due"] == 1);
  CHECK(stopped["documents"].empty());
}

namespace {

// "2026-12-03T00:20:00Z" as Unix seconds.
std::int64_t unix_seconds(const std::string& iso) {
  std::tm parts{};
  std::istringstream in(iso);
  in >> std::get_time(&parts, "%Y-%m-%dT%H:%M:%SZ");
  REQUIRE_FALSE(in.fail());
  return static_cast<std::int64_t>(::timegm(&parts));
}

}  // namespace

TEST_CASE(
    "an edited interval counts at the next run: due is the last fetch plus the interval now") {
  tracker::test::DemoSite site;
  auto watch_every = [&site](const std::string& interval) {
    write_file(site.dir() / "watch.toml", "[[source]]\nname = \"demo\"\nurl = \"" + site.base() +
                                              "/feed.xml\"\ninterval = \"" + interval + "\"\n");
  };
  auto feed_fetched = [&site]() {  // a run as cron starts it: whether it fetched the feed
    auto result = tracker::test::run_tracker(
        {"run", "--config", site.config().string(), "--format", "json", "--color", "never"});
    CAPTURE(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out)["sources"][0]["fetched"].get<bool>();
  };
  site.publish("v3-full.txt");
  watch_every("1h");
  CHECK(feed_fetched());        // never fetched: due
  CHECK_FALSE(feed_fetched());  // due an hour after that fetch

  watch_every("1s");
  std::this_thread::sleep_for(2100ms);
  CHECK(feed_fetched());  // shortened: due a second after the last fetch, not an hour

  watch_every("1h");
  std::this_thread::sleep_for(2100ms);
  CHECK_FALSE(feed_fetched());  // lengthened: due an hour after the last fetch, not a second

  // status tells the same time as the run works out.
  auto status = tracker::test::run_tracker(
      {"status", "--config", site.config().string(), "--format", "json"});
  REQUIRE(status.exit_code == 0);
  const nlohmann::json source = nlohmann::json::parse(status.out)["sources"][0];
  CHECK(unix_seconds(source["next_due"]) - unix_seconds(source["last_fetch"]) == 3600);
}
