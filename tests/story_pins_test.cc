// [[story]] tables: a story pinned by keywords, read from a watch file or tracker.toml, and
// grouped whatever its documents' names say.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "support/paths.h"
#include "support/temp_dir.h"
#include "tracker/config/settings.h"
#include "tracker/report/stories.h"

using tracker::report::group_stories;
using tracker::report::Story;
using tracker::report::StoryInput;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

constexpr const char* k_source = "[[source]]\nname = \"a\"\nurl = \"http://x/\"\n";

std::string load_error(const TempDir& dir, const std::string& watch_file) {
  write_file(dir / "w.toml", watch_file);
  auto settings = tracker::config::load_settings(dir / "w.toml");
  REQUIRE_FALSE(settings);
  return settings.error();
}

StoryInput document(tracker::store::DocumentId id, std::string text, std::string pin = {}) {
  StoryInput input;
  input.document = id;
  input.source = "outlet-" + std::to_string(id);
  input.text = std::move(text);
  input.first_seen = static_cast<tracker::store::UnixSeconds>(id) * 60;
  input.last_activity = input.first_seen;
  input.pin = std::move(pin);
  return input;
}

}  // namespace

TEST_CASE("[[story]] tables are read from watch files and tracker.toml, in file order") {
  TempDir dir;
  write_file(dir / "feeds.toml", std::string(k_source) + "[[story]]\nname = \"kursk\"\nsearch = \"kursk korean\"\n");
  write_file(dir / "tracker.toml", "watch = [\"feeds.toml\"]\n[[story]]\nname = \"floods\"\nsearch = \"tavena\"\n");
  auto settings = tracker::config::load_settings(dir / "tracker.toml");
  REQUIRE(settings);
  REQUIRE(settings->story_pins.size() == 2);
  CHECK(settings->story_pins[0].name == "floods");  // tracker.toml's own tables come first
  CHECK(settings->story_pins[0].search == "tavena");
  CHECK(settings->story_pins[1].name == "kursk");
  CHECK(settings->story_pins[1].search == "kursk korean");
  CHECK(settings->story_pins[1].origin.starts_with((dir / "feeds.toml").string() + ":"));
}

TEST_CASE("a [[story]] without a name or words, with a name used before, or a mistyped key is refused with its place") {
  TempDir dir;
  const std::string file = (dir / "w.toml").string();
  CHECK(load_error(dir, std::string(k_source) + "[[story]]\nname = \"kursk\"\n") ==
        file + ":4:1: a [[story]] needs 'name' and 'search' (the words its documents' titles or URLs all hold)");
  CHECK(load_error(dir, std::string(k_source) + "[[story]]\nname = \"kursk\"\nsearch = \" - \"\n") ==
        file + ":6:10: 'search' needs at least one word to pick the story's documents by");
  CHECK(load_error(dir, std::string(k_source) + "[[story]]\nname = \"\"\nsearch = \"kursk\"\n") ==
        file + ":5:8: a story's 'name' must not be empty");
  CHECK(load_error(dir, std::string(k_source) + "[[story]]\nname = \"kursk\"\nserach = \"kursk\"\n") ==
        file + ":6:1: unknown key 'serach' (did you mean 'search'?)");
  CHECK(load_error(dir, std::string(k_source) + "[[story]]\nname = \"k\"\nsearch = \"kursk\"\n[[story]]\nname = \"k\"\n"
                                                "search = \"korea\"\n") ==
        file + ":7:1: story name 'k' is already used at " + file + ":4:1");
  CHECK(load_error(dir, "story = \"kursk\"\n" + std::string(k_source)) == file + ":1:9: 'story' must be [[story]] tables");
}

TEST_CASE("a pinned document is in its pin's story however unlike, and an unpinned one may join it") {
  const std::string kursk = "Troops of North Korea fought in Kursk, Ukraine said. Seoul and Kyiv agree.";
  const std::string floods = "Floods reached Lower Tavena. The Sandoral dam held, Mayor Ilsa Varn said.";
  std::vector<StoryInput> documents = {document(1, kursk, "watched"), document(2, floods, "watched"),
                                       document(3, kursk), document(4, floods)};
  const std::vector<Story> stories = group_stories(documents);
  const auto story_of = [&](tracker::store::DocumentId id) {
    return *std::find_if(stories.begin(), stories.end(), [&](const Story& story) {
      return std::find(story.documents.begin(), story.documents.end(), id) != story.documents.end();
    });
  };
  // 1 and 2 share no name but are pinned together; 3 and 4 are like them and join them.
  CHECK(stories.size() == 1);
  CHECK(story_of(1).pin == "watched");
  CHECK(story_of(1).documents == std::vector<tracker::store::DocumentId>{1, 2, 3, 4});

  // Unpinned, the two stories stay apart; a pinned document never joins another story.
  documents = {document(1, kursk), document(2, floods), document(3, kursk, "other")};
  const std::vector<Story> apart = group_stories(documents);
  REQUIRE(apart.size() == 3);
  CHECK(std::all_of(apart.begin(), apart.end(), [](const Story& story) { return story.documents.size() == 1; }));
}
