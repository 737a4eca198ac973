#include "tracker/config/settings.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>

#include "support/paths.h"
#include "support/temp_dir.h"

using namespace tracker::config;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

// A tracker.toml (beside a watch file with one source) holding `lines` after its watch key.
tl::expected<Settings, std::string> settings_with(const TempDir& dir, const std::string& lines) {
  write_file(dir / "w.toml", "[[source]]\nname = \"a\"\nurl = \"http://a/\"\n");
  write_file(dir / "tracker.toml", "watch = [\"w.toml\"]\n" + lines);
  return load_settings(dir / "tracker.toml");
}

// Each of `bad` as the value of `key` is refused, naming its line and `message`.
void check_refused(const TempDir& dir, const std::string& key,
                   std::initializer_list<const char*> bad, const std::string& message) {
  for (const char* value : bad) {
    CAPTURE(value);
    auto refused = settings_with(dir, "\n" + key + " = " + value + "\n");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().find("tracker.toml:3") != std::string::npos);
    CHECK(refused.error().find(message) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("a watch file's sources are read with their interval, kind and topics") {
  TempDir dir;
  write_file(dir / "kursk.toml", R"([[source]]
name = "afp-asia"
url = "http://127.0.0.1:8080/feed.xml"
kind = "feed"
interval = "15m"
topics = ["casualties", "deployment"]

[[source]]
name = "seoul-page"
url = "https://example.org/story"
)");
  auto settings = load_settings(dir / "kursk.toml");
  REQUIRE(settings);
  REQUIRE(settings->sources.size() == 2);
  CHECK(settings->sources[0].name == "afp-asia");
  CHECK(settings->sources[0].kind == SourceKind::feed);
  CHECK(settings->sources[0].interval == std::chrono::minutes(15));
  CHECK(settings->sources[0].topics == std::vector<std::string>{"casualties", "deployment"});
  CHECK(settings->sources[1].kind == SourceKind::detect);
  CHECK(settings->sources[1].origin == (dir / "kursk.toml").string() + ":8");
}

TEST_CASE("a mistyped key names file, line and the likely key") {
  TempDir dir;
  write_file(dir / "w.toml", "[[source]]\nname = \"a\"\nurl = \"http://x/\"\nintervall = \"5m\"\n");
  auto settings = load_settings(dir / "w.toml");
  REQUIRE_FALSE(settings);
  CHECK(settings.error() == (dir / "w.toml").string() + ":4:1: unknown key 'intervall' (did you mean 'interval'?)");
}

TEST_CASE("config errors say what to write: a unit for a bare number, a closing quote, a table's name") {
  TempDir dir;
  write_file(dir / "a.toml", "[[source]]\nname = \"a\"\nurl = \"http://x/\"\ninterval = 300\n");
  auto seconds = load_settings(dir / "a.toml");
  REQUIRE_FALSE(seconds);
  CHECK(seconds.error() ==
        (dir / "a.toml").string() + ":4:12: 'interval' must be a string with a unit: write \"5m\" for 300 seconds");
  write_file(dir / "b.toml", "[[source]]\nname = \"a\"\nurl = \"http://x/\"\ninterval = 7200\n");
  CHECK(load_settings(dir / "b.toml").error().find("write \"2h\" for 7200 seconds") != std::string::npos);
  write_file(dir / "c.toml", "[[source]]\nname = \"a\"\nurl = \"http://x/\"\ninterval = 90\n");
  CHECK(load_settings(dir / "c.toml").error().find("write \"90s\" for 90 seconds") != std::string::npos);

  write_file(dir / "d.toml", "[[source]]\nname = \"a\nurl = \"http://x/\"\n");
  auto unterminated = load_settings(dir / "d.toml");
  REQUIRE_FALSE(unterminated);
  CHECK(unterminated.error().find((dir / "d.toml").string() + ":2:") == 0);
  CHECK(unterminated.error().find("unterminated string: the closing quote is missing") != std::string::npos);

  write_file(dir / "e.toml", "[[source]]\nname = \"a\"\nurl = \"http://x/\"\n");
  write_file(dir / "tracker.toml", "watch = [\"e.toml\"]\n[smpt]\nhost = \"mail\"\n");
  auto table = load_settings(dir / "tracker.toml");
  REQUIRE_FALSE(table);
  CHECK(table.error() == (dir / "tracker.toml").string() + ":2:2: unknown table [smpt] (did you mean [smtp]?)");
}

TEST_CASE("bad values are refused with their place") {
  TempDir dir;
  write_file(dir / "a.toml", "[[source]]\nname = \"a\"\nurl = \"ftp://x/\"\n");
  auto scheme = load_settings(dir / "a.toml");
  REQUIRE_FALSE(scheme);
  CHECK(scheme.error().find("a.toml:3:7: 'url' must be http:// or https://") != std::string::npos);

  write_file(dir / "b.toml", "[[source]]\nname = \"a\"\nurl = \"http://x/\"\ninterval = \"15x\"\n");
  auto interval = load_settings(dir / "b.toml");
  REQUIRE_FALSE(interval);
  CHECK(interval.error().find("b.toml:4:12: 'interval': unknown unit 'x'") != std::string::npos);

  write_file(dir / "c.toml", "[[source]]\nname = \"a\"\nurl = \"http://x/\"\n[[source]]\nname = \"a\"\nurl = \"http://y/\"\n");
  auto duplicate = load_settings(dir / "c.toml");
  REQUIRE_FALSE(duplicate);
  CHECK(duplicate.error().find("source name 'a' is already used at") != std::string::npos);

  write_file(dir / "d.toml", "[[source]]\nname = \"a\"\nurl = \"file:///tmp/x.html\"\n");
  auto file_url = load_settings(dir / "d.toml");
  REQUIRE_FALSE(file_url);
  CHECK(file_url.error().find("allow_file_urls") != std::string::npos);
}

TEST_CASE("file URLs are allowed only when the watch file says so") {
  TempDir dir;
  write_file(dir / "w.toml", "allow_file_urls = true\n[[source]]\nname = \"a\"\nurl = \"file:///tmp/x.html\"\n");
  auto settings = load_settings(dir / "w.toml");
  REQUIRE(settings);
  CHECK(settings->sources[0].allow_file);
}

TEST_CASE("a tracker.toml gathers watch files by glob and sets the store and limits") {
  TempDir dir;
  std::filesystem::create_directories(dir / "feeds");
  write_file(dir / "feeds/a.toml", "[[source]]\nname = \"a\"\nurl = \"http://a/\"\n");
  write_file(dir / "feeds/b.toml", "[[source]]\nname = \"b\"\nurl = \"http://b/\"\n");
  write_file(dir / "feeds/topics.toml", "[topics.x]\nterms = [\"y\"]\n");
  write_file(dir / "feeds/measures.toml", "[events]\nkilled = [\"dead\"]\n");  // a lexicon too
  write_file(dir / "tracker.toml", R"(watch = ["feeds/*.toml"]
store = "data/store.db"
user_agent = "test-agent/1"
concurrency = 4
[limits]
max_body_bytes = 1000000
timeout = "30s"
host_delay = "250ms"
connect_timeout = "1s500ms"
)");
  auto settings = load_settings(dir / "tracker.toml");
  REQUIRE(settings);
  CHECK(settings->sources.size() == 2);
  CHECK(settings->store_path == dir / "data/store.db");
  CHECK(settings->user_agent == "test-agent/1");
  CHECK(settings->concurrency == 4);
  CHECK(settings->max_body_bytes == 1000000);
  CHECK(settings->total_timeout == std::chrono::seconds(30));
  CHECK(settings->host_delay == std::chrono::milliseconds(250));
  CHECK(settings->connect_timeout == std::chrono::milliseconds(1500));
}

TEST_CASE("workers is a count of threads from 0 (one per core) up, and anything else names the line") {
  TempDir dir;
  auto three = settings_with(dir, "workers = 3\n");
  REQUIRE(three);
  CHECK(three->workers == 3);
  auto unset = settings_with(dir, "");
  REQUIRE(unset);
  CHECK(unset->workers == 0);
  check_refused(dir, "workers", {"-1", "65", "\"2\"", "1.5"},
                "'workers' must be a whole number from 0 (one per core) to 64");
}

TEST_CASE("story_similarity is a number above 0 and at most 1, and anything else names the line") {
  TempDir dir;
  auto set = settings_with(dir, "story_similarity = 0.35\n");
  REQUIRE(set);
  REQUIRE(set->story_similarity.has_value());
  CHECK(*set->story_similarity == doctest::Approx(0.35));
  auto whole = settings_with(dir, "story_similarity = 1\n");
  REQUIRE(whole);
  CHECK(*whole->story_similarity == doctest::Approx(1.0));
  auto unset = settings_with(dir, "");
  REQUIRE(unset);
  CHECK_FALSE(unset->story_similarity.has_value());
  check_refused(dir, "story_similarity", {"0", "-0.2", "1.5", "\"0.3\""},
                "'story_similarity' must be a number above 0 and at most 1");
}

TEST_CASE("durations combine units") {
  CHECK(parse_duration("90s").value() == std::chrono::seconds(90));
  CHECK(parse_duration("1h30m").value() == std::chrono::minutes(90));
  CHECK(parse_duration("2d").value() == std::chrono::hours(48));
  CHECK_FALSE(parse_duration("15"));
  CHECK_FALSE(parse_duration("m"));
  CHECK_FALSE(parse_duration("0m"));
}

TEST_CASE("durations take milliseconds, alone or after other units") {
  CHECK(parse_duration_ms("250ms").value() == std::chrono::milliseconds(250));
  CHECK(parse_duration_ms("1s500ms").value() == std::chrono::milliseconds(1500));
  CHECK(parse_duration_ms("1m5s").value() == std::chrono::seconds(65));  // m then s: minutes
  CHECK(parse_duration_ms("2m").value() == std::chrono::minutes(2));
  CHECK(parse_duration_ms("1ms").value() == std::chrono::milliseconds(1));
  CHECK(parse_duration_ms("0ms").error() == "a duration must be longer than zero");
  CHECK(parse_duration_ms("5x").error() == "unknown unit 'x' in \"5x\"; use ms, s, m, h or d");
  CHECK(parse_duration_ms("ms").error() ==
        "cannot read duration \"ms\"; write e.g. \"15m\", \"1h30m\", \"90s\" or \"250ms\"");
  CHECK_FALSE(parse_duration_ms("5mss"));
  std::string forever;
  for (int i = 0; i < 20; ++i) {
    forever += "999999d";
  }
  CHECK_FALSE(parse_duration_ms(forever));
  // Whole seconds for intervals and ages: rounded down, and at least one second.
  CHECK(parse_duration("1s500ms").value() == std::chrono::seconds(1));
  CHECK(parse_duration("250ms").error() == "\"250ms\" is too short; this duration must be at least 1s");
}

TEST_CASE("an interval under a second is refused with its place") {
  TempDir dir;
  write_file(dir / "w.toml", "[[source]]\nname = \"a\"\nurl = \"http://x/\"\ninterval = \"500ms\"\n");
  auto settings = load_settings(dir / "w.toml");
  REQUIRE_FALSE(settings);
  CHECK(settings.error() == (dir / "w.toml").string() + ":4:12: 'interval' must be at least 1s");
}

TEST_CASE("a tracker.toml whose globs find only the topic lexicon watches nothing, and says so") {
  TempDir dir;
  std::filesystem::create_directories(dir / "feeds");
  write_file(dir / "feeds/topics.toml", "version = 1\n");
  write_file(dir / "tracker.toml", "watch = [\"feeds/*.toml\"]\n");
  auto settings = load_settings(dir / "tracker.toml");
  REQUIRE_FALSE(settings.has_value());
  CHECK(settings.error() == (dir / "tracker.toml").string() +
                                ": the watch files hold no [[source]] tables: nothing to watch");
}
