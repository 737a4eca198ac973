// Topic names in watch files, [[alert]] rules and --topic options are checked against the
// lexicon, with their place and a suggestion.
#include "tracker/config/topic_names.h"

#include <doctest/doctest.h>

#include <string>

#include "support/paths.h"
#include "support/process.h"
#include "support/seeded_store.h"
#include "support/temp_dir.h"
#include "tracker/config/settings.h"
#include "tracker/config/topics_file.h"

using tracker::test::run_tracker;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

const std::string k_source = "[[source]]\nname = \"afp\"\nurl = \"http://127.0.0.1:1/feed.xml\"\n";

// What check_topic_names says of the settings in `toml` against the built-in lexicon; empty
// when it accepts them.
std::string topic_problem(const TempDir& dir, const std::string& toml) {
  write_file(dir / "watch.toml", toml);
  auto settings = tracker::config::load_settings(dir / "watch.toml");
  REQUIRE_MESSAGE(settings, settings.error());
  auto lexicon = tracker::config::default_topics();
  REQUIRE(lexicon);
  auto checked = tracker::config::check_topic_names(*settings, *lexicon);
  return checked ? std::string() : checked.error();
}

// A store holding one change with `topics`, as a run with some lexicon leaves it.
void seed_change(const std::filesystem::path& path, std::vector<std::string> topics) {
  tracker::store::SnapshotInput input;
  input.fetched_at = 1'739'260'800;
  input.http_status = 200;
  input.raw = "<p>Pyongyang is under sanctions.</p>";
  input.text = "Pyongyang is under sanctions.";
  input.claims_json = "[]";
  tracker::store::ChangeInput change;
  change.kind = "added";
  change.significance = "high";
  change.topics = std::move(topics);
  change.new_text = "Pyongyang is under sanctions.";
  change.detail_json = R"({"kind":"added","words":[]})";
  change.created_at = 1'739'260'800;
  tracker::test::seed_one_change(path, input, change);
}

}  // namespace

TEST_CASE("a source's unknown topic is an error at its place with the likely topic") {
  TempDir dir;
  const std::string file = (dir / "watch.toml").string();
  CHECK(topic_problem(dir, k_source + "topics = [\"deployment\", \"casualty\"]\n") ==
        file + ":4:25: unknown topic 'casualty' (did you mean 'casualties'?)");
  CHECK(topic_problem(dir, k_source + "topics = [\"weather\"]\n") ==
        file +
            ":4:11: unknown topic 'weather' (the known topics: casualties, combat, "
            "deployment, disasters, economy, elections, justice, protests, territory)");
  CHECK(topic_problem(dir, k_source + "topics = [\"casualties\", \"combat\"]\n").empty());
}

TEST_CASE("an alert rule's unknown topic is an error: the rule would never match it") {
  TempDir dir;
  const std::string rule =
      "[smtp]\nurl = \"smtp://127.0.0.1:2525\"\nfrom = \"t@example.org\"\n"
      "[[alert]]\nto = \"desk@example.org\"\ntopics = \"deploymnet\"\n";
  CHECK(topic_problem(dir, k_source + rule) ==
        (dir / "watch.toml").string() +
            ":9:10: unknown topic 'deploymnet' (did you mean 'deployment'?); the [[alert]] would "
            "never match it");
}

TEST_CASE("tracker run refuses a configuration naming an unknown topic before fetching anything") {
  TempDir dir;
  write_file(dir / "watch.toml", k_source + "topics = [\"casualty\"]\n");
  write_file(dir / "tracker.toml", "watch = [\"watch.toml\"]\nstore = \"store/tracker.db\"\n");
  auto run = run_tracker({"run", "--config", (dir / "tracker.toml").string()});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("watch.toml:4:11: unknown topic 'casualty' (did you mean 'casualties'?)") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "store"));
}

TEST_CASE("--topic on changes and report must be a topic of the lexicon or of the stored changes") {
  TempDir dir;
  const std::string store = (dir / "tracker.db").string();
  seed_change(dir / "tracker.db", {"sanctions", "economy"});  // "sanctions": another lexicon's
  for (const std::string command : {"changes", "report"}) {
    CAPTURE(command);
    auto with_topic = [&](const std::string& topic) {
      std::vector<std::string> args = {command, "--store", store, "--topic", topic};
      if (command == "report") {
        args.insert(args.end(), {"--html", "-"});
      }
      return run_tracker(args);
    };
    auto refused = with_topic("casualtes");
    CHECK(refused.exit_code == 64);
    CHECK(refused.err ==
          "tracker: error: --topic 'casualtes': unknown topic 'casualtes' (did you mean "
          "'casualties'?)\n");
    CHECK(with_topic("sanction").err.find("(did you mean 'sanctions'?)") != std::string::npos);
    auto of_lexicon = with_topic("casualties");  // in the lexicon, in no stored change
    CHECK(of_lexicon.exit_code == 0);
    CHECK(of_lexicon.out.find("Pyongyang") == std::string::npos);
    auto of_store = with_topic("sanctions");
    CHECK(of_store.exit_code == 0);
    CHECK(of_store.out.find("Pyongyang") != std::string::npos);
  }
}
