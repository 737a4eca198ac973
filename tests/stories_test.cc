// Story grouping (report/stories.h): documents of several outlets that report the same events
// are one story, other news is not, and a story is only joined within its time window.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/days.h"
#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/store_checks.h"
#include "tracker/report/stories.h"

using tracker::report::group_stories;
using tracker::report::Story;
using tracker::report::StoryInput;
using tracker::report::story_terms;
using tracker::test::DemoSite;
using tracker::test::run_tracker;

namespace {

using tracker::test::k_day;

// One outlet's newest version of a reviewed ledger story (snapshots/ledger): its first
// paragraph is the headline, as the benchmark publishes it.
StoryInput ledger_document(tracker::store::DocumentId id, const std::string& story, const std::string& file,
                           tracker::store::UnixSeconds seen) {
  const std::string text = tracker::test::read_file(tracker::test::source_dir() / "snapshots/ledger" / story / file);
  StoryInput input;
  input.document = id;
  input.source = file.substr(0, file.find("-v"));
  input.headline = text.substr(0, text.find('\n'));
  input.text = text;
  input.first_seen = seen;
  input.last_activity = seen + 3600;
  return input;
}

const Story* story_of(const std::vector<Story>& stories, tracker::store::DocumentId document) {
  for (const Story& story : stories) {
    if (std::find(story.documents.begin(), story.documents.end(), document) != story.documents.end()) {
      return &story;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a story's names are its capitalised words, a sentence's first word only when used inside one too") {
  const std::vector<std::string> terms = story_terms(
      "Floods Reach Lower Tavena",
      "Rescuers reached Lower Tavena on Monday. Officials in Sandoral said the river rose. Rescuers "
      "said Sandoral's dam held.\nWe will rebuild, said Mayor Ilsa Varn of Sandoral.");
  const auto has = [&](const std::string& term) { return std::find(terms.begin(), terms.end(), term) != terms.end(); };
  CHECK(has("lower"));
  CHECK(has("tavena"));
  CHECK(has("sandoral"));  // "Sandoral's" is Sandoral
  CHECK(has("ilsa"));
  CHECK(has("mayor"));
  CHECK_FALSE(has("monday"));     // a day is not a name
  CHECK_FALSE(has("rescuers"));   // only ever a sentence's first word
  CHECK_FALSE(has("officials"));
  CHECK_FALSE(has("we"));
  CHECK(has("headline:floods"));
  CHECK(has("headline:tavena"));
  CHECK(has("headline:reach"));  // four letters or more: a headline word
}

TEST_CASE("each outlet's report of a story joins that story, and different stories stay apart") {
  std::vector<StoryInput> documents = {
      ledger_document(1, "kursk", "afp-v3.txt", 1000),
      ledger_document(2, "tavena-floods", "meridian-wire-v3.txt", 1100),
      ledger_document(3, "kursk", "seoul-daily-v2.txt", 1200),
      ledger_document(4, "valdoria-protest", "capital-post-v3.txt", 1300),
      ledger_document(5, "tavena-floods", "sandoral-herald-v2.txt", 1400),
      ledger_document(6, "kursk", "kyiv-wire-v2.txt", 1500),
      ledger_document(7, "norvale-plant", "market-line-v3.txt", 1600),
      ledger_document(8, "valdoria-protest", "eastwire-v2.txt", 1700),
      ledger_document(9, "norvale-plant", "northern-courier-v2.txt", 1800),
  };
  const std::vector<Story> stories = group_stories(documents);
  REQUIRE(stories.size() == 4);
  const Story* kursk = story_of(stories, 1);
  REQUIRE(kursk != nullptr);
  CHECK(kursk->id == 1);  // its first document's id
  CHECK(kursk->documents == std::vector<tracker::store::DocumentId>{1, 3, 6});
  CHECK(kursk->sources == std::vector<std::string>{"afp", "seoul-daily", "kyiv-wire"});
  CHECK(std::find(kursk->names.begin(), kursk->names.end(), "Kursk") != kursk->names.end());
  CHECK(kursk->first_seen == 1000);
  CHECK(kursk->last_activity == 1500 + 3600);
  CHECK(story_of(stories, 2)->documents == std::vector<tracker::store::DocumentId>{2, 5});
  CHECK(story_of(stories, 4)->documents == std::vector<tracker::store::DocumentId>{4, 8});
  CHECK(story_of(stories, 7)->documents == std::vector<tracker::store::DocumentId>{7, 9});
  // Newest activity first.
  CHECK(stories.front().id == 7);
  CHECK(stories.back().id == 2);  // tavena-floods: last active at 1400 + 3600
}

TEST_CASE("a document first seen after its story's window starts a story of its own") {
  std::vector<StoryInput> documents = {ledger_document(1, "kursk", "afp-v3.txt", 0),
                                       ledger_document(2, "kursk", "seoul-daily-v2.txt", 30 * k_day),
                                       ledger_document(3, "kursk", "kyiv-wire-v2.txt", 31 * k_day)};
  const std::vector<Story> stories = group_stories(documents);
  REQUIRE(stories.size() == 2);
  CHECK(story_of(stories, 1)->documents == std::vector<tracker::store::DocumentId>{1});
  CHECK(story_of(stories, 2)->documents == std::vector<tracker::store::DocumentId>{2, 3});
  // A wider window, or a story kept active by its document's later versions, joins them.
  CHECK(group_stories(documents, {.window = 40 * k_day}).size() == 1);
  documents[0].last_activity = 29 * k_day;
  CHECK(group_stories(documents).size() == 1);
  // The order given does not matter: documents are taken as they were first seen.
  std::reverse(documents.begin(), documents.end());
  CHECK(group_stories(documents).size() == 1);
  CHECK(group_stories({}).empty());
}

TEST_CASE("a document a run placed keeps its story, and new documents join the stories as placed") {
  std::vector<StoryInput> documents = {
      ledger_document(1, "kursk", "afp-v3.txt", 1000),
      ledger_document(2, "tavena-floods", "meridian-wire-v3.txt", 1100),
      ledger_document(3, "kursk", "seoul-daily-v2.txt", 1200),
      ledger_document(4, "tavena-floods", "sandoral-herald-v2.txt", 1300),
  };
  // An earlier run put the floods report in the Kursk story (its texts have changed since, say):
  // it stays there, and the Kursk story draws the next Kursk report, not the next floods one.
  documents[0].story = 1;
  documents[1].story = 1;
  // At the default similarity the mixed story would draw the next floods report too, as it holds
  // one; a stricter threshold keeps this test on what placement alone decides.
  const tracker::report::StoryOptions strict{.min_similarity = 0.3};
  const std::vector<Story> stories = group_stories(documents, strict);
  REQUIRE(stories.size() == 2);
  CHECK(story_of(stories, 1)->documents == std::vector<tracker::store::DocumentId>{1, 2, 3});
  CHECK(story_of(stories, 4)->documents == std::vector<tracker::store::DocumentId>{4});
  // What a run stores: the new documents' placements alone, the same as group_stories'.
  const std::vector<tracker::report::Placement> placed =
      tracker::report::place_new_documents(documents, strict);
  REQUIRE(placed.size() == 2);
  for (const tracker::report::Placement& placement : placed) {
    CHECK(placement.story == story_of(stories, placement.document)->id);
  }
  // Unplaced, the same documents group by their names.
  documents[1].story.reset();
  CHECK(story_of(group_stories(documents, strict), 2)->documents ==
        std::vector<tracker::store::DocumentId>{2, 4});

  // A story keeps its id when its first document is gone, and its pin draws the pin's documents.
  std::vector<StoryInput> pinned = {ledger_document(5, "kursk", "kyiv-wire-v2.txt", 2000),
                                    ledger_document(6, "norvale-plant", "market-line-v3.txt", 2100)};
  pinned[0].story = 3;
  pinned[0].story_pin = "front";
  pinned[1].pin = "front";
  const std::vector<Story> kept = group_stories(pinned);
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].id == 3);
  CHECK(kept[0].pin == "front");
  CHECK(kept[0].documents == std::vector<tracker::store::DocumentId>{5, 6});
}

TEST_CASE("placing new documents gives group_stories' placements, old stories built or not") {
  // Two rounds of reports: the first placed by a run long ago (a month before the second), the
  // second new. The old stories can draw none of the new documents, so they are not built.
  std::vector<StoryInput> documents = {
      ledger_document(1, "kursk", "afp-v1.txt", 0),
      ledger_document(2, "tavena-floods", "meridian-wire-v1.txt", 100),
      ledger_document(3, "kursk", "seoul-daily-v1.txt", 200),
      ledger_document(4, "kursk", "afp-v3.txt", 30 * k_day),
      ledger_document(5, "tavena-floods", "meridian-wire-v3.txt", 30 * k_day + 100),
      ledger_document(6, "kursk", "kyiv-wire-v2.txt", 30 * k_day + 200),
      ledger_document(7, "tavena-floods", "sandoral-herald-v2.txt", 30 * k_day + 300),
  };
  for (const Story& story : group_stories({documents.begin(), documents.begin() + 3})) {
    for (const tracker::store::DocumentId id : story.documents) {
      documents[static_cast<std::size_t>(id - 1)].story = story.id;
    }
  }
  const std::vector<Story> all = group_stories(documents);
  const std::vector<tracker::report::Placement> placed = tracker::report::place_new_documents(documents);
  REQUIRE(placed.size() == 4);
  for (const tracker::report::Placement& placement : placed) {
    CAPTURE(placement.document);
    CHECK(placement.document >= 4);
    CHECK(placement.story == story_of(all, placement.document)->id);
  }
  CHECK(story_of(all, 6)->id == 4);  // the second round's Kursk story, not the first's
  CHECK(story_of(all, 7)->id == 5);
  // A document that would join an old story, were it still active, gets the same answer both ways.
  documents[3].first_seen = 150;  // AFP's later version of its first report, come early
  documents[3].last_activity = 150 + 3600;
  const std::vector<tracker::report::Placement> early = tracker::report::place_new_documents(documents);
  const std::vector<Story> early_all = group_stories(documents);
  for (const tracker::report::Placement& placement : early) {
    CHECK(placement.story == story_of(early_all, placement.document)->id);
  }
  CHECK(story_of(early_all, 4)->id == 1);
  CHECK(tracker::report::place_new_documents({}).empty());
}

TEST_CASE("stories grouped from stored terms are the stories grouped from the texts, and a damaged term is skipped") {
  std::vector<StoryInput> from_texts;
  for (const auto& [story, file] : std::vector<std::pair<std::string, std::string>>{
           {"kursk", "afp-v3.txt"}, {"tavena-floods", "meridian-wire-v3.txt"}, {"kursk", "seoul-daily-v2.txt"},
           {"valdoria-protest", "capital-post-v3.txt"}, {"tavena-floods", "sandoral-herald-v2.txt"},
           {"kursk", "kyiv-wire-v2.txt"}}) {
    from_texts.push_back(ledger_document(static_cast<tracker::store::DocumentId>(from_texts.size() + 1), story,
                                         file, 1000 + 100 * static_cast<long long>(from_texts.size())));
  }
  std::vector<StoryInput> from_stored = from_texts;
  for (StoryInput& input : from_stored) {
    input.stored_terms = tracker::report::stored_story_terms(input.headline, input.text);
    input.headline.clear();
    input.text.clear();
  }
  const std::vector<Story> expected = group_stories(from_texts);
  const std::vector<Story> stored = group_stories(from_stored);
  REQUIRE(stored.size() == expected.size());
  REQUIRE(expected.size() == 3);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(stored[i].id == expected[i].id);
    CHECK(stored[i].documents == expected[i].documents);
    CHECK(stored[i].names == expected[i].names);  // as written, in the same order of weight
  }

  // Lines that do not read as TERM, AS WRITTEN, USES are skipped, not guessed at.
  StoryInput damaged = from_stored[0];
  damaged.stored_terms = "kursk\tKursk\t2\nno tabs here\n\tNameless\t1\nzero\tZero\t0\nmany\tMany\tlots\n";
  StoryInput other = damaged;
  other.document = 99;
  const std::vector<Story> both = group_stories({damaged, other});
  REQUIRE(both.size() == 1);
  CHECK(both[0].names == std::vector<std::string>{"Kursk"});
}

namespace {

// A plain article page of a snapshots/ledger text: its first paragraph is the headline. The
// ledger texts hold no markup characters, so they need no escaping.
std::string ledger_page(const std::string& story, const std::string& file) {
  const std::string text = tracker::test::read_file(tracker::test::source_dir() / "snapshots/ledger" / story / file);
  std::string body;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find("\n\n", start), text.size());
    if (end > start) {
      body += "<p>" + text.substr(start, end - start) + "</p>\n";
    }
    start = end + 2;
  }
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + text.substr(0, text.find('\n')) +
         "</title></head><body><article>\n" + body + "</article></body></html>\n";
}

std::string rss_item(const std::string& base, const std::string& title, const std::string& page) {
  return "<item><title>" + title + "</title><link>" + base + "/" + page + "</link><guid isPermaLink=\"false\">" +
         page + "</guid></item>";
}

// The id of the stored document whose URL ends with `page`.
tracker::store::DocumentId document_id(const DemoSite& site, const std::string& page) {
  auto listed = run_tracker({"documents", "--store", site.store().string(), "--format", "json"});
  REQUIRE(listed.exit_code == 0);
  for (const nlohmann::json& document : nlohmann::json::parse(listed.out)) {
    if (document["url"].get<std::string>().ends_with("/" + page)) {
      return document["id"].get<tracker::store::DocumentId>();
    }
  }
  FAIL("no stored document at " << page);
  return 0;
}

// The demo site and, on the same server, a wire carrying the Kursk story and an unrelated flood
// story; run once.
void publish_with_wire(DemoSite& site) {
  const std::string base = site.base();
  tracker::test::write_file(site.site_dir() / "wire.xml",
                            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><link>" + base +
                                "/</link><description>w</description>" +
                                rss_item(base, "Kursk wire", "kursk-wire.html") +
                                rss_item(base, "Floods", "floods.html") + "</channel></rss>");
  tracker::test::write_file(site.dir() / "watch.toml", "[[source]]\nname = \"demo\"\nurl = \"" + base +
                                                           "/feed.xml\"\n[[source]]\nname = \"wire\"\nurl = \"" +
                                                           base + "/wire.xml\"\n");
  tracker::test::write_file(site.site_dir() / "kursk-wire.html", ledger_page("kursk", "seoul-daily-v2.txt"));
  tracker::test::write_file(site.site_dir() / "floods.html", ledger_page("tavena-floods", "meridian-wire-v3.txt"));
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 0);
}

}  // namespace

TEST_CASE("tracker stories groups a wire's report with the outlet's, and --story selects one story's documents") {
  DemoSite site;
  publish_with_wire(site);
  const std::string base = site.base();
  const auto kursk = document_id(site, "kursk.html");
  const auto kursk_wire = document_id(site, "kursk-wire.html");
  const auto floods = document_id(site, "floods.html");

  auto listed = run_tracker({"stories", "--store", site.store().string(), "--format", "json"});
  CAPTURE(listed.err);
  REQUIRE(listed.exit_code == 0);
  const nlohmann::json stories = nlohmann::json::parse(listed.out)["stories"];
  REQUIRE(stories.size() == 2);
  const auto holding = [&](tracker::store::DocumentId id) {
    for (const nlohmann::json& story : stories) {
      for (const nlohmann::json& document : story["documents"]) {
        if (document["id"] == id) {
          return story;
        }
      }
    }
    return nlohmann::json();
  };
  const nlohmann::json kursk_story = holding(kursk);
  REQUIRE(kursk_story["documents"].size() == 2);
  CHECK(holding(kursk_wire) == kursk_story);
  CHECK(kursk_story["id"] == std::min(kursk, kursk_wire));  // both came in one run: the lower id
  CHECK(kursk_story["sources"].size() == 2);
  const auto names = kursk_story["names"].get<std::vector<std::string>>();
  CHECK(std::find(names.begin(), names.end(), "Kursk") != names.end());
  CHECK(holding(floods)["documents"].size() == 1);

  // A configuration's story_similarity is the threshold of the commands that read through it and
  // of its runs: set high, the wire's report is a story of its own; --similarity still wins.
  const std::string config_text = tracker::test::read_file(site.config());
  tracker::test::write_file(site.config(), config_text + "story_similarity = 0.99\n");
  auto strict = run_tracker({"stories", "--config", site.config().string(), "--format", "json"});
  REQUIRE_MESSAGE(strict.exit_code == 0, strict.err);
  CHECK(nlohmann::json::parse(strict.out)["stories"].size() == 3);
  auto overridden = run_tracker(
      {"stories", "--config", site.config().string(), "--similarity", "0.2", "--format", "json"});
  REQUIRE(overridden.exit_code == 0);
  CHECK(nlohmann::json::parse(overridden.out)["stories"].size() == 2);
  REQUIRE(site.run().exit_code ==
          0);  // the run groups the stories again, with the configured threshold
  auto settings = tracker::test::run_process(
      {"/usr/bin/python3", "-c",
       "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT settings FROM "
       "story_grouping').fetchone()[0])",
       site.store().string()});
  REQUIRE(settings.exit_code == 0);
  CHECK(nlohmann::json::parse(settings.out)["similarity"].get<double>() == doctest::Approx(0.99));
  auto stored = run_tracker({"documents", "--config", site.config().string(), "--story",
                             std::to_string(kursk_wire), "--format", "json"});
  REQUIRE(stored.exit_code == 0);
  CHECK(nlohmann::json::parse(stored.out).size() == 1);
  tracker::test::write_file(site.config(), config_text);

  auto text = run_tracker({"stories", "--store", site.store().string(), "--search", "floods"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("story " + std::to_string(floods) + "  1 document, 1 outlet") != std::string::npos);
  CHECK(text.out.find("kursk") == std::string::npos);

  // Any document names its story.
  auto documents = run_tracker({"documents", "--store", site.store().string(), "--story", std::to_string(kursk_wire),
                                "--format", "json"});
  REQUIRE(documents.exit_code == 0);
  CHECK(nlohmann::json::parse(documents.out).size() == 2);
  auto figures = run_tracker({"figures", "--store", site.store().string(), "--story", std::to_string(floods),
                              "--format", "json"});
  REQUIRE(figures.exit_code == 0);
  const nlohmann::json flood_figures = nlohmann::json::parse(figures.out);
  REQUIRE_FALSE(flood_figures.empty());
  for (const nlohmann::json& figure : flood_figures) {
    CHECK(figure.at("document_id") == floods);
  }

  // A feed of one story's changes is a feed of its own: its title says so and its id differs.
  const auto feed_id = [](const std::string& atom) {
    const std::size_t start = atom.find("<id>") + 4;
    return atom.substr(start, atom.find("</id>") - start);
  };
  auto all_atom = run_tracker({"changes", "--store", site.store().string(), "--format", "atom"});
  auto story_atom = run_tracker({"changes", "--store", site.store().string(), "--format", "atom", "--story",
                                 std::to_string(kursk_wire)});
  REQUIRE(all_atom.exit_code == 0);
  REQUIRE(story_atom.exit_code == 0);
  CHECK(story_atom.out.find("(story " + std::to_string(kursk_wire) + ")</title>") != std::string::npos);
  CHECK(feed_id(story_atom.out) != feed_id(all_atom.out));
  auto ledger_atom = run_tracker({"figures", "--store", site.store().string(), "--ledger", "--format", "atom",
                                  "--story", std::to_string(floods)});
  REQUIRE(ledger_atom.exit_code == 0);
  CHECK(ledger_atom.out.find("(story " + std::to_string(floods) + ")</title>") != std::string::npos);

  auto not_a_number = run_tracker({"figures", "--store", site.store().string(), "--story", "kursk"});
  CHECK(not_a_number.exit_code == 64);
  CHECK(not_a_number.err.find("--story 'kursk': give the id of one of the story's documents") != std::string::npos);
  auto unknown = run_tracker({"changes", "--store", site.store().string(), "--story", "999"});
  CHECK(unknown.exit_code == 66);
  CHECK(unknown.err.find("no document with id 999") != std::string::npos);
  auto bad_similarity = run_tracker({"stories", "--store", site.store().string(), "--similarity", "2"});
  CHECK(bad_similarity.exit_code == 64);

  // A [[story]] of the configuration pins the documents its words find, and --story names it.
  tracker::test::write_file(site.dir() / "watch.toml",
                            "[[source]]\nname = \"demo\"\nurl = \"" + base + "/feed.xml\"\n[[source]]\nname = \"wire\"\n"
                            "url = \"" + base + "/wire.xml\"\n[[story]]\nname = \"tavena\"\nsearch = \"floods\"\n"
                            "[[story]]\nname = \"quiet\"\nsearch = \"nothing-is-called-this\"\n");
  const std::string config = site.config().string();
  auto pinned = run_tracker({"stories", "--config", config, "--format", "json"});
  REQUIRE(pinned.exit_code == 0);
  const nlohmann::json pinned_stories = nlohmann::json::parse(pinned.out)["stories"];
  REQUIRE(pinned_stories.size() == 2);
  for (const nlohmann::json& story : pinned_stories) {
    const bool floods_story = story["documents"][0]["id"] == floods;
    CHECK(story["pin"] == (floods_story ? nlohmann::json("tavena") : nlohmann::json(nullptr)));
  }
  auto pinned_text = run_tracker({"stories", "--config", config, "--search", "floods"});
  CHECK(pinned_text.out.starts_with("story " + std::to_string(floods) + " \"tavena\" (pinned)  1 document"));
  auto by_name = run_tracker({"documents", "--config", config, "--story", "tavena", "--format", "json"});
  REQUIRE(by_name.exit_code == 0);
  const nlohmann::json named = nlohmann::json::parse(by_name.out);
  REQUIRE(named.size() == 1);
  CHECK(named[0]["id"] == floods);
  // A pinned story no document belongs to yet selects nothing; a name not pinned is refused.
  auto quiet = run_tracker({"documents", "--config", config, "--story", "quiet", "--format", "json"});
  REQUIRE(quiet.exit_code == 0);
  CHECK(nlohmann::json::parse(quiet.out).empty());
  auto typo = run_tracker({"figures", "--config", config, "--story", "tavenna"});
  CHECK(typo.exit_code == 64);
  CHECK(typo.err.find("(did you mean 'tavena'?)") != std::string::npos);
  auto without_config = run_tracker({"figures", "--store", site.store().string(), "--story", "tavena"});
  CHECK(without_config.exit_code == 64);
  CHECK(without_config.err.find("opened without one (--store), so no story is pinned") != std::string::npos);

  // report --site gives each story of two documents, or pinned, a page with its figure ledger.
  const auto pages = site.dir() / "site-report";
  auto written = run_tracker({"report", "--site", pages.string(), "--config", config});
  CAPTURE(written.err);
  REQUIRE(written.exit_code == 0);
  const std::string kursk_page = "story-" + std::to_string(std::min(kursk, kursk_wire)) + ".html";
  const std::string floods_page = "story-" + std::to_string(floods) + ".html";
  const std::string index = tracker::test::read_file(pages / "index.html");
  CHECK(index.find("<h2>Stories</h2>") != std::string::npos);
  CHECK(index.find("href=\"" + kursk_page + "\"") != std::string::npos);
  CHECK(index.find("href=\"" + floods_page + "\"><strong>tavena</strong>") != std::string::npos);
  const std::string kursk_story_page = tracker::test::read_file(pages / kursk_page);
  CHECK(kursk_story_page.find("href=\"document-" + std::to_string(kursk) + ".html\"") != std::string::npos);
  CHECK(kursk_story_page.find("href=\"document-" + std::to_string(kursk_wire) + ".html\"") != std::string::npos);
  CHECK(kursk_story_page.find("<h2>troops</h2>") != std::string::npos);  // its ledger, step chart and all
  CHECK(kursk_story_page.find("<svg") != std::string::npos);
  const std::string floods_story = tracker::test::read_file(pages / floods_page);
  CHECK(floods_story.find("pinned story") != std::string::npos);
  CHECK(floods_story.find("document-" + std::to_string(kursk) + ".html") == std::string::npos);
  CHECK(floods_story.find("<h2>troops</h2>") == std::string::npos);  // the Kursk figures are not its own
  // Unpinned (no configuration), a story of one document has no page.
  const auto plain = site.dir() / "site-plain";
  REQUIRE(run_tracker({"report", "--site", plain.string(), "--store", site.store().string()}).exit_code == 0);
  CHECK(std::filesystem::exists(plain / kursk_page));
  CHECK_FALSE(std::filesystem::exists(plain / floods_page));
}

TEST_CASE("a run stores the story terms of each document's newest version, and stories read them instead of the texts") {
  DemoSite site;
  publish_with_wire(site);
  const std::filesystem::path store = site.store();
  const std::string newest_versions =
      "SELECT count(*) FROM story_terms WHERE format = " + std::to_string(tracker::report::k_story_terms_format);
  const long long documents = tracker::test::sql_number(store, "SELECT count(*) FROM documents");
  REQUIRE(documents >= 3);
  CHECK(tracker::test::sql_number(store, newest_versions) == documents);

  const auto stories_json = [&] {
    auto listed = run_tracker({"stories", "--store", store.string(), "--format", "json"});
    REQUIRE(listed.exit_code == 0);
    return nlohmann::json::parse(listed.out);
  };
  const nlohmann::json from_stored = stories_json();
  REQUIRE(from_stored["stories"].size() == 2);

  // Without them (a store older than them), each newest text is read: the same stories.
  tracker::test::execute_sql(store, "DELETE FROM story_terms");
  CHECK(stories_json() == from_stored);
  // The next run stores them again, though nothing changed.
  REQUIRE(site.run().exit_code == 0);
  CHECK(tracker::test::sql_number(store, newest_versions) == documents);

  // What grouping reads are the stored terms: one name stored for every document joins them all
  // (once the stories runs stored are dropped: they keep their documents whatever the terms).
  tracker::test::execute_sql(store, "DELETE FROM story_members; UPDATE story_terms SET terms = 'zarnia\tZarnia\t3\n'");
  const nlohmann::json one_story = stories_json();
  REQUIRE(one_story["stories"].size() == 1);
  CHECK(one_story["stories"][0]["names"] == nlohmann::json::array({"Zarnia"}));
  // Terms of another format are not read, and the next run finds them again.
  tracker::test::execute_sql(store, "UPDATE story_terms SET format = format + 1");
  CHECK(stories_json() == from_stored);
  REQUIRE(site.run().exit_code == 0);
  CHECK(tracker::test::sql_number(store, newest_versions) == documents);
  CHECK(stories_json() == from_stored);

  // reprocess re-reads every version and stores their terms afresh.
  auto reprocessed = run_tracker({"reprocess", "--config", site.config().string()});
  CAPTURE(reprocessed.err);
  REQUIRE(reprocessed.exit_code == 0);
  CHECK(tracker::test::sql_number(store, newest_versions) == documents);
  CHECK(stories_json() == from_stored);
}

TEST_CASE("a run stores each document's story once, and --story reads the stored story without grouping") {
  DemoSite site;
  publish_with_wire(site);
  const std::filesystem::path store = site.store();
  const std::string store_arg = store.string();
  const auto kursk = document_id(site, "kursk.html");
  const auto kursk_wire = document_id(site, "kursk-wire.html");
  const auto floods = document_id(site, "floods.html");
  const long long documents = tracker::test::sql_number(store, "SELECT count(*) FROM documents");
  CHECK(tracker::test::sql_number(store, "SELECT count(*) FROM story_members") == documents);
  CHECK(tracker::test::sql_number(store, "SELECT count(DISTINCT story_id) FROM story_members") == 2);
  CHECK(tracker::test::sql_number(store, "SELECT story_id FROM story_members WHERE document_id = " +
                                             std::to_string(kursk_wire)) == std::min(kursk, kursk_wire));

  const auto story_documents = [&](const std::string& story, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv = {"documents", "--story", story, "--format", "json"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    if (extra.empty()) {
      argv.insert(argv.end(), {"--store", store_arg});
    }
    auto listed = run_tracker(argv);
    CAPTURE(listed.err);
    REQUIRE(listed.exit_code == 0);
    std::vector<tracker::store::DocumentId> ids;
    for (const nlohmann::json& document : nlohmann::json::parse(listed.out)) {
      ids.push_back(document["id"].get<tracker::store::DocumentId>());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  const std::vector<tracker::store::DocumentId> kursk_pair = {std::min(kursk, kursk_wire), std::max(kursk, kursk_wire)};
  CHECK(story_documents(std::to_string(kursk)) == kursk_pair);

  // What --story and stories read is the stored story: a document stored in another story is
  // shown there, and a run with nothing new keeps it there.
  tracker::test::execute_sql(store, "UPDATE story_members SET story_id = " + std::to_string(floods) +
                                        " WHERE document_id = " + std::to_string(kursk_wire));
  CHECK(story_documents(std::to_string(floods)) ==
        std::vector<tracker::store::DocumentId>{std::min(kursk_wire, floods), std::max(kursk_wire, floods)});
  REQUIRE(site.run().exit_code == 0);
  CHECK(story_documents(std::to_string(kursk)) == std::vector<tracker::store::DocumentId>{kursk});
  auto listed = run_tracker({"stories", "--store", store_arg, "--format", "json"});
  REQUIRE(listed.exit_code == 0);
  CHECK(nlohmann::json::parse(listed.out)["stories"].size() == 2);
  // A document no run placed yet is placed as it comes when read (grouping them all), and the
  // next run stores it: the wire's Kursk report joins the Kursk story again.
  tracker::test::execute_sql(store, "DELETE FROM story_members WHERE document_id = " + std::to_string(kursk_wire));
  CHECK(story_documents(std::to_string(kursk)) == kursk_pair);
  REQUIRE(site.run().exit_code == 0);
  CHECK(tracker::test::sql_number(store, "SELECT story_id FROM story_members WHERE document_id = " +
                                             std::to_string(kursk_wire)) == std::min(kursk, kursk_wire));
  auto unknown = run_tracker({"figures", "--store", store_arg, "--story", "999"});
  CHECK(unknown.exit_code == 66);
  CHECK(unknown.err.find("no document with id 999") != std::string::npos);

  // New pins regroup every document at the next run, pins stored; until then readers with the
  // pins group the documents themselves.
  const std::string base = site.base();
  tracker::test::write_file(site.dir() / "watch.toml",
                            "[[source]]\nname = \"demo\"\nurl = \"" + base + "/feed.xml\"\n[[source]]\nname = \"wire\"\n"
                            "url = \"" + base + "/wire.xml\"\n[[story]]\nname = \"tavena\"\nsearch = \"floods\"\n");
  const std::string config = site.config().string();
  CHECK(story_documents("tavena", {"--config", config}) == std::vector<tracker::store::DocumentId>{floods});
  REQUIRE(site.run().exit_code == 0);
  CHECK(tracker::test::sql_number(store, "SELECT count(*) FROM story_members WHERE pin = 'tavena'") == 1);
  CHECK(story_documents("tavena", {"--config", config}) == std::vector<tracker::store::DocumentId>{floods});
  // reprocess groups them again from the texts: a tampered story is undone.
  tracker::test::execute_sql(store, "UPDATE story_members SET story_id = " + std::to_string(floods) +
                                        " WHERE document_id = " + std::to_string(kursk));
  auto reprocessed = run_tracker({"reprocess", "--config", config});
  CAPTURE(reprocessed.err);
  REQUIRE(reprocessed.exit_code == 0);
  CHECK(story_documents(std::to_string(kursk), {"--config", config}) == kursk_pair);
}
