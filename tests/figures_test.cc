// tracker figures: the figures of the stored versions, from the version that gave each until
// the one that dropped it, read from what real runs stored.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "support/demo_site.h"
#include "support/process.h"
#include "tracker/report/figures.h"

using tracker::test::DemoSite;
using tracker::test::run_tracker;

namespace {

// The figures `tracker figures --format json ARGS` lists for the site's store.
nlohmann::json figures(const DemoSite& site, std::vector<std::string> args = {}) {
  std::vector<std::string> argv = {"figures", "--store", site.store().string(), "--format", "json"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto listed = run_tracker(argv);
  CAPTURE(listed.err);
  REQUIRE(listed.exit_code == 0);
  return nlohmann::json::parse(listed.out);
}

const nlohmann::json* find_text(const nlohmann::json& list, const std::string& text) {
  for (const nlohmann::json& figure : list) {
    if (figure["text"] == text) {
      return &figure;
    }
  }
  return nullptr;
}

// The figures of one stored version, fetched at 100, of a document of source "wire".
std::vector<tracker::report::Figure> one_version_figures(std::string claims_json) {
  tracker::store::DocumentSummary document;
  document.document.id = 3;
  document.source_name = "wire";
  tracker::store::Snapshot snapshot;
  snapshot.id = 1;
  snapshot.fetched_at = 100;
  snapshot.claims_json = std::move(claims_json);
  return tracker::report::document_figures(document, {snapshot});
}

}  // namespace

TEST_CASE("tracker figures follows a revised figure from the version that gave it to the one that dropped it") {
  DemoSite site;
  site.publish("v3-full.txt");
  site.run();
  site.publish("v4-rotation.txt");  // "more than 10,000 troops" becomes "some 12,000 troops"
  site.run();

  const nlohmann::json troops = figures(site, {"--measure", "troop"});  // singular finds "troops"
  const nlohmann::json* before = find_text(troops, "more than 10,000");
  const nlohmann::json* after = find_text(troops, "some 12,000");
  REQUIRE(before != nullptr);
  REQUIRE(after != nullptr);
  CHECK((*before)["measure"] == "troops");
  CHECK((*before)["value"] == 10000);
  CHECK((*before)["qualifier"] == "at_least");
  CHECK((*before)["attribution"] == "Western, South Korean and Ukrainian intelligence agencies");
  CHECK((*after)["value"] == 12000);
  // The old figure ends when the version that revised it was stored, and the new one starts then.
  CHECK((*before)["until"] == (*after)["first_seen"]);
  CHECK((*after)["until"].is_null());
  CHECK((*before)["first_snapshot"] < (*after)["first_snapshot"]);
  CHECK((*before)["last_snapshot"] == (*before)["first_snapshot"]);
  for (const nlohmann::json& figure : troops) {
    CHECK(figure["measure"] == "troops");
  }

  // A figure both versions give runs on: first seen in v3, still reported.
  const nlohmann::json all = figures(site);
  const nlohmann::json* dozens = find_text(all, "dozens");
  REQUIRE(dozens != nullptr);
  CHECK((*dozens)["first_snapshot"] == (*before)["first_snapshot"]);
  CHECK((*dozens)["until"].is_null());

  const nlohmann::json current = figures(site, {"--current"});
  CHECK(find_text(current, "more than 10,000") == nullptr);
  CHECK(find_text(current, "some 12,000") != nullptr);
  CHECK(figures(site, {"--since", "2099-01-01"}).empty());
}

TEST_CASE("tracker figures writes CSV a spreadsheet reads, and names what it cannot find") {
  DemoSite site;
  site.publish("v3-full.txt");
  site.run();
  auto csv = run_tracker({"figures", "--store", site.store().string(), "--format", "csv", "--measure", "troops"});
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.starts_with(
      "measure,measure_event,text,value,upper,qualifier,attribution,certainty,first_seen,until,"));
  // A field with a comma is quoted; lines end with CRLF. Without --ledger no event is weighed.
  CHECK(csv.out.find("\r\ntroops,,\"more than 10,000\",10000,,at_least,"
                     "\"Western, South Korean and Ukrainian intelligence agencies\",asserted,") !=
        std::string::npos);
  CHECK(csv.out.ends_with("\"\r\n"));

  auto unknown = run_tracker({"figures", "--store", site.store().string(), "--document", "https://nowhere.example/x"});
  CHECK(unknown.exit_code == 66);
  CHECK(unknown.err.find("no document with id, URL or key 'https://nowhere.example/x'") != std::string::npos);
  auto bad_since = run_tracker({"figures", "--store", site.store().string(), "--since", "yesterday-ish"});
  CHECK(bad_since.exit_code == 64);
}

TEST_CASE("a takedown ends every figure, and a version whose claims do not read ends none") {
  tracker::store::DocumentSummary document;
  document.document.id = 7;
  document.source_name = "afp";
  const auto snapshot = [](tracker::store::SnapshotId id, tracker::store::UnixSeconds at, std::string claims,
                           std::string gone = {}) {
    tracker::store::Snapshot s;
    s.id = id;
    s.fetched_at = at;
    s.claims_json = std::move(claims);
    s.gone = std::move(gone);
    return s;
  };
  const std::string v1 =
      R"({"claims": [{"text": "Officials said 12 soldiers were killed.", "topics": ["casualties"],)"
      R"( "numbers": [{"text": "12", "value": 12, "qualifier": "exact", "noun": "soldiers"}],)"
      R"( "attribution": "Officials", "certainty": "asserted"}]})";
  const auto figures = tracker::report::document_figures(
      document, {snapshot(1, 100, v1), snapshot(2, 200, "not json"), snapshot(3, 300, "", "the page answers 404 Not Found")});
  REQUIRE(figures.size() == 1);
  CHECK(figures[0].measure == "soldiers");
  CHECK(figures[0].attribution == "Officials");
  CHECK(figures[0].last_snapshot == 1);  // version 2 said nothing readable about it
  CHECK(figures[0].until == 300);        // the takedown
  CHECK(figures[0].source == "afp");
}

TEST_CASE("tracker figures --ledger lines a measure up across outlets: corroborated, then revised by its speaker") {
  DemoSite site;
  // A second outlet on the same server: a wire story with the same troop figure from the same
  // intelligence agencies.
  tracker::test::write_file(site.site_dir() / "feed-b.xml",
                            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><link>" +
                                site.base() + "/</link><description>w</description><item><title>Kursk wire</title>"
                                "<link>" + site.base() + "/kursk-b.html</link><guid isPermaLink=\"false\">wire-1"
                                "</guid></item></channel></rss>");
  tracker::test::write_file(site.dir() / "watch.toml", "[[source]]\nname = \"demo\"\nurl = \"" + site.base() +
                                                           "/feed.xml\"\n[[source]]\nname = \"wire\"\nurl = \"" +
                                                           site.base() + "/feed-b.xml\"\n");
  auto rendered = tracker::test::run_process(
      {"/usr/bin/python3", (tracker::test::source_dir() / "feeds/demo/render_version.py").string(),
       (tracker::test::source_dir() / "snapshots/kursk/v1-wire.txt").string(), (site.site_dir() / "kursk-b.html").string()});
  REQUIRE(rendered.exit_code == 0);
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 0);
  // Times are stored in whole seconds: the second run must fall in a later one, for --since to
  // tell the runs apart.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  site.publish("v4-rotation.txt");  // "more than 10,000 troops" becomes "some 12,000 troops"
  REQUIRE(site.run().exit_code == 0);

  const nlohmann::json ledger = figures(site, {"--ledger", "--measure", "troops"});
  REQUIRE(ledger["measures"].size() == 1);
  const nlohmann::json& troops = ledger["measures"][0];
  CHECK(troops["measure"] == "troops");
  // Judged as the story the two outlets' documents are in, named by its first document.
  REQUIRE(troops["story"].is_object());
  CHECK(troops["story"]["id"].get<int>() == troops["timeline"][0]["document_id"].get<int>());
  CHECK(troops["story"]["name"] == troops["timeline"][0]["title"]);
  CHECK(troops["latest"]["text"] == "some 12,000");
  const nlohmann::json& timeline = troops["timeline"];
  REQUIRE(timeline.size() == 3);
  // Both outlets' first versions came in the first run; the second gives the same value.
  CHECK(timeline[0]["text"] == "more than 10,000");
  CHECK(timeline[0]["event"] == "new-figure");
  CHECK(timeline[1]["text"] == "more than 10,000");
  CHECK(timeline[1]["event"] == "corroborated");
  CHECK(timeline[1]["source"] != timeline[0]["source"]);
  CHECK(timeline[1]["relates_to"]["source"] == timeline[0]["source"]);
  CHECK(timeline[0]["carried_by"] == nlohmann::json::array({"demo", "wire"}));
  CHECK(timeline[2]["text"] == "some 12,000");
  CHECK(timeline[2]["source"] == "demo");
  CHECK(timeline[2]["event"] == "revised");
  CHECK(timeline[2]["direction"] == "up");
  CHECK(timeline[2]["relates_to"]["value"] == 10000);
  CHECK(timeline[2]["relates_to"]["attribution"] == "Western, South Korean and Ukrainian intelligence agencies");
  CHECK(timeline[2]["carried_by"] == nlohmann::json::array({"demo"}));

  // --since shows only what came after, still saying what it revised.
  const std::string after_first_run = timeline[2]["first_seen"];
  const nlohmann::json recent = figures(site, {"--ledger", "--measure", "troops", "--since", after_first_run});
  REQUIRE(recent["measures"].size() == 1);
  REQUIRE(recent["measures"][0]["timeline"].size() == 1);
  CHECK(recent["measures"][0]["timeline"][0]["event"] == "revised");
  CHECK(recent["measures"][0]["timeline"][0]["relates_to"]["text"] == "more than 10,000");

  auto text = run_tracker({"figures", "--store", site.store().string(), "--ledger", "--measure", "troops"});
  REQUIRE(text.exit_code == 0);
  const std::string story_heading = "== story " + std::to_string(troops["story"]["id"].get<int>()) +
                                    ": " + troops["story"]["name"].get<std::string>() + " ==\n";
  CHECK_MESSAGE(
      text.out.starts_with(story_heading + "troops: latest some 12,000 (Western, South Korean and "
                                           "Ukrainian intelligence agencies; demo) since "),
      text.out);
  CHECK(text.out.find("[demo]  revised up from more than 10,000 (") != std::string::npos);
  CHECK(text.out.find("; carried by demo, wire") != std::string::npos);

  auto csv = run_tracker({"figures", "--store", site.store().string(), "--ledger", "--format", "csv", "--measure", "troops"});
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.starts_with(
      "measure,measure_event,text,value,upper,qualifier,attribution,certainty,first_seen,until,"
      "source,title,url,document_id,first_snapshot,last_snapshot,claim,event,direction,"
      "relates_to_text,relates_to_attribution,relates_to_source,relates_to_first_seen,carried_by,"
      "story_id,story\r\n"));
  CHECK(csv.out.find(",\"demo, wire\"," + std::to_string(troops["story"]["id"].get<int>()) + ",") !=
        std::string::npos);
  // report --site's figures page heads the story's measures with a link to the story's page.
  auto written = run_tracker(
      {"report", "--site", (site.dir() / "site-pages").string(), "--store", site.store().string()});
  REQUIRE_MESSAGE(written.exit_code == 0, written.err);
  const std::string page = tracker::test::read_file(site.dir() / "site-pages" / "figures.html");
  const std::string story_link = "<section class=\"story\"><h2><a href=\"story-" +
                                 std::to_string(troops["story"]["id"].get<int>()) + ".html\">";
  CHECK(page.find(story_link) != std::string::npos);
  CHECK(page.find(story_link) < page.find("<h3>troops</h3>"));
  CHECK(csv.out.find(",revised,up,\"more than 10,000\",\"Western, South Korean and Ukrainian intelligence agencies\",") !=
        std::string::npos);

  // The same events as an Atom feed, newest first, that independent readers take as valid.
  auto atom = run_tracker({"figures", "--store", site.store().string(), "--ledger", "--format", "atom", "--measure", "troops"});
  REQUIRE(atom.exit_code == 0);
  tracker::test::write_file(site.dir() / "ledger.xml", atom.out);
  auto read = tracker::test::run_process(
      {"/usr/bin/python3", (tracker::test::source_dir() / "tests/tools/read_atom.py").string(),
       (site.dir() / "ledger.xml").string()});
  REQUIRE_MESSAGE(read.exit_code == 0, read.err);
  const nlohmann::json feed = nlohmann::json::parse(read.out);
  CHECK(feed["xml_error"].is_null());
  CHECK_MESSAGE(feed["problems"].empty(), feed["problems"].dump());
  CHECK_FALSE(feed["feedparser"]["bozo"].get<bool>());
  CHECK(feed["feedparser"]["feed"]["title"] == "tracker: figure ledger (measure troops)");
  const nlohmann::json& entries = feed["feedparser"]["entries"];
  REQUIRE(entries.size() == 3);
  CHECK(entries[0]["title"] == "troops revised up: some 12,000 (Western, South Korean and Ukrainian intelligence "
                               "agencies), was more than 10,000 \u2014 Kursk");
  // The event and the measure, then the claim's topics.
  REQUIRE(entries[0]["tags"].size() >= 3);
  CHECK(entries[0]["tags"][0] == "revised");
  CHECK(entries[0]["tags"][1] == "troops");
  CHECK(std::find(entries[0]["tags"].begin(), entries[0]["tags"].end(), "deployment") != entries[0]["tags"].end());
  CHECK(entries[0]["content"].get<std::string>().find("was: more than 10,000 \u2014 Western") != std::string::npos);
  CHECK(entries[2]["title"].get<std::string>().starts_with("troops new figure: more than 10,000"));
  // Written again, the entries keep their ids, so a reader shows each event once.
  auto again = run_tracker({"figures", "--store", site.store().string(), "--ledger", "--format", "atom", "--measure", "troops"});
  REQUIRE(again.exit_code == 0);
  tracker::test::write_file(site.dir() / "ledger-again.xml", again.out);
  const nlohmann::json reread = nlohmann::json::parse(tracker::test::run_process(
      {"/usr/bin/python3", (tracker::test::source_dir() / "tests/tools/read_atom.py").string(),
       (site.dir() / "ledger-again.xml").string()}).out);
  CHECK(reread["feedparser"]["feed"]["id"] == feed["feedparser"]["feed"]["id"]);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CHECK(reread["feedparser"]["entries"][i]["id"] == entries[i]["id"]);
  }
  CHECK(entries[0]["id"] != entries[1]["id"]);
  // The changes feed carries the events asked for among the claim changes, with the same ids as
  // the ledger's own feed, newest first.
  auto changes = run_tracker({"changes", "--store", site.store().string(), "--format", "atom",
                              "--ledger-events", "revised,contradicted"});
  REQUIRE_MESSAGE(changes.exit_code == 0, changes.err);
  tracker::test::write_file(site.dir() / "changes.xml", changes.out);
  const nlohmann::json mixed = nlohmann::json::parse(
      tracker::test::run_process(
          {"/usr/bin/python3", (tracker::test::source_dir() / "tests/tools/read_atom.py").string(),
           (site.dir() / "changes.xml").string()})
          .out);
  CHECK(mixed["xml_error"].is_null());
  CHECK_MESSAGE(mixed["problems"].empty(), mixed["problems"].dump());
  CHECK_FALSE(mixed["feedparser"]["bozo"].get<bool>());
  CHECK(mixed["feedparser"]["feed"]["title"] == "tracker: claim changes and figure events");
  const nlohmann::json& mixed_entries = mixed["feedparser"]["entries"];
  std::size_t revised_at = mixed_entries.size();
  std::size_t claim_changes = 0;
  for (std::size_t i = 0; i < mixed_entries.size(); ++i) {
    const nlohmann::json& tags = mixed_entries[i]["tags"];
    CHECK(std::find(tags.begin(), tags.end(), "new-figure") == tags.end());  // not asked for
    CHECK(std::find(tags.begin(), tags.end(), "corroborated") == tags.end());
    if (mixed_entries[i]["id"] == entries[0]["id"]) {
      revised_at = i;
      CHECK(mixed_entries[i]["title"] == entries[0]["title"]);
    } else {
      ++claim_changes;
    }
  }
  CHECK(revised_at < mixed_entries.size());
  CHECK(claim_changes > 0);
  for (std::size_t i = 1; i < mixed_entries.size(); ++i) {
    CHECK(mixed_entries[i - 1]["updated"].get<std::string>() >=
          mixed_entries[i]["updated"].get<std::string>());
  }
  // Without --ledger-events the feed is the claim changes alone, under its own id.
  auto changes_only =
      run_tracker({"changes", "--store", site.store().string(), "--format", "atom"});
  REQUIRE(changes_only.exit_code == 0);
  CHECK(changes_only.out.find("figure events") == std::string::npos);
  CHECK(changes_only.out.find("revised up: some 12,000") == std::string::npos);
  auto not_a_feed =
      run_tracker({"changes", "--store", site.store().string(), "--ledger-events", "revised"});
  CHECK(not_a_feed.exit_code == 64);
  CHECK(not_a_feed.err.find("add --format atom") != std::string::npos);
  auto unknown_event = run_tracker({"changes", "--store", site.store().string(), "--format", "atom",
                                    "--ledger-events", "revised,doubled"});
  CHECK(unknown_event.exit_code == 64);
  auto plain_atom = run_tracker({"figures", "--store", site.store().string(), "--format", "atom"});
  CHECK(plain_atom.exit_code == 64);  // a usage error
  CHECK(plain_atom.err.find("--format atom is a feed of ledger events: add --ledger") != std::string::npos);

  // Measures are the noun and the event (feeds/measures.toml): "Around 300 North Korean soldiers
  // have been killed" is "soldiers killed", which --measure killed finds; "nearly six months" is
  // no figure of the story.
  const nlohmann::json all = figures(site, {"--ledger"});
  std::vector<std::string> measures;
  for (const nlohmann::json& measure : all["measures"]) {
    measures.push_back(measure["measure"]);
  }
  CHECK(std::find(measures.begin(), measures.end(), "soldiers killed") != measures.end());
  CHECK(std::find(measures.begin(), measures.end(), "wounded") != measures.end());
  CHECK(std::find(measures.begin(), measures.end(), "months") == measures.end());
  // "many casualties" is "killed or wounded", which --measure killed finds too.
  const nlohmann::json killed = figures(site, {"--ledger", "--measure", "killed"});
  REQUIRE(killed["measures"].size() == 2);
  CHECK(killed["measures"][0]["measure"] == "killed or wounded");
  CHECK(killed["measures"][0]["latest"]["text"] == "many");
  CHECK(killed["measures"][1]["measure"] == "soldiers killed");
  CHECK(killed["measures"][1]["latest"]["text"] == "Around 300");
  // Each figure says which event of the lexicon its measure counts, and none for a noun alone.
  CHECK(killed["measures"][0]["latest"]["measure_event"] == "killed or wounded");
  CHECK(killed["measures"][1]["latest"]["measure_event"] == "killed");
  CHECK(troops["latest"]["measure_event"] == nullptr);

  tracker::test::write_file(site.dir() / "measures.toml", "[events]\nkilled = [\"dead\", \"dead\"]\n");
  auto refused = run_tracker({"figures", "--store", site.store().string(), "--ledger", "--measures",
                              (site.dir() / "measures.toml").string()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("measures.toml") != std::string::npos);
  CHECK(refused.err.find("term 'dead' is listed twice under event 'killed'") != std::string::npos);
}

TEST_CASE("a figure a pronoun attributes is the last speaker an earlier claim of the version named") {
  const auto figures = one_version_figures(
      R"({"claims": [)"
      R"({"text": "He said 4 boats sank.", "numbers": [{"text": "4", "value": 4, "qualifier": "exact", "noun": "boats"}],)"
      R"( "attribution": "He", "certainty": "asserted"},)"
      R"({"text": "The floods are the worst in decades, governor Ana Oruma said.", "numbers": [],)"
      R"( "attribution": "governor Ana Oruma", "certainty": "asserted"},)"
      R"({"text": "More than 1,200 residents have been evacuated, he added.",)"
      R"( "numbers": [{"text": "More than 1,200", "value": 1200, "qualifier": "at_least", "noun": "residents"}],)"
      R"( "attribution": "he", "certainty": "asserted"}]})");
  REQUIRE(figures.size() == 2);
  for (const auto& figure : figures) {
    if (figure.measure == "residents") {
      CHECK(figure.attribution == "governor Ana Oruma");
    } else {
      CHECK(figure.attribution == "He");  // nobody named before it: left as written
    }
  }
}

TEST_CASE("a figure in a clause of its own takes that clause's speaker") {
  // The claim's speaker is the first clause's; the union's figure is the union's.
  auto figures = one_version_figures(
      R"({"claims": [)"
      R"({"text": "Aeronord said 112 controllers had stopped work, while the union put the number at about 160.",)"
      R"( "numbers": [{"text": "112", "value": 112, "qualifier": "exact", "noun": "controllers"},)"
      R"( {"text": "about 160", "value": 160, "qualifier": "approximate", "noun": null}],)"
      R"( "attribution": "Aeronord", "certainty": "asserted"},)"
      R"({"text": "The agency said 14 people had died, and 23 were still missing.",)"
      R"( "numbers": [{"text": "14", "value": 14, "qualifier": "exact", "noun": "people"},)"
      R"( {"text": "23", "value": 23, "qualifier": "exact", "noun": null}],)"
      R"( "attribution": "The agency", "certainty": "asserted"}]})");
  REQUIRE(figures.size() == 4);
  for (const auto& figure : figures) {
    CAPTURE(figure.text);
    if (figure.text == "about 160") {
      CHECK(figure.attribution == "the union");
    } else if (figure.text == "112") {
      CHECK(figure.attribution == "Aeronord");
    } else {
      CHECK(figure.attribution == "The agency");  // a clause that names nobody keeps the claim's
    }
  }
  // ", as" opens a clause of its own: the operator raised its own count.
  figures = one_version_figures(
      R"({"claims": [{"text": "The toll has risen to 26, the coast guard said, as the operator raised its count of )"
      R"(passengers on board to 231.", "numbers": [{"text": "26", "value": 26, "qualifier": "exact", "noun": null},)"
      R"( {"text": "231", "value": 231, "qualifier": "exact", "noun": null}],)"
      R"( "attribution": "the coast guard", "certainty": "asserted"}]})");
  REQUIRE(figures.size() == 2);
  for (const auto& figure : figures) {
    CAPTURE(figure.text);
    CHECK(figure.attribution == (figure.text == "231" ? "the operator" : "the coast guard"));
  }
  // A claim in a language without rules is not read by English cues, clause or not.
  figures = one_version_figures(
      R"({"claims": [{"text": "Aeronord meldete 112; the union said about 160.", "language": "de",)"
      R"( "numbers": [{"text": "112", "value": 112, "qualifier": "exact", "noun": null},)"
      R"( {"text": "about 160", "value": 160, "qualifier": "approximate", "noun": null}],)"
      R"( "attribution": null, "certainty": "asserted"}]})");
  REQUIRE(figures.size() == 2);
  CHECK(figures[0].attribution.empty());
  CHECK(figures[1].attribution.empty());
}

TEST_CASE(
    "an offer, a pledge or an estimate is its maker's figure where nobody is said to report it") {
  const auto speaker_of = [](const std::string& sentence, const std::string& number, double value,
                             const std::string& attribution = "null") {
    const auto figures = one_version_figures(
        R"({"claims": [{"text": ")" + sentence + R"(", "numbers": [{"text": ")" + number +
        R"(", "value": )" + std::to_string(value) + R"(, "qualifier": "exact", "noun": null}],)" +
        R"( "attribution": )" + attribution + R"(, "certainty": "asserted"}]})");
    REQUIRE(figures.size() == 1);
    return figures[0].attribution;
  };
  CHECK(speaker_of("Pellara Rail has offered 40,000 euros to the family of each victim.", "40,000",
                   40000) == "Pellara Rail");
  CHECK(speaker_of("Galvorn Metals raised the number of jobs it will cut to 1,900.", "1,900",
                   1900) == "Galvorn Metals");
  // Behind a relative clause, as a reporting verb's subject is found.
  CHECK(speaker_of("Aeronord, which is owned by the state, put the number of cancellations at 470.",
                   "470", 470) == "Aeronord");
  // A number in a clause of its own is not the verb's object.
  CHECK(speaker_of("The board last cut jobs in 2019, when 350 posts were removed.", "350", 350)
            .empty());
  // A verb that sets no figure, a pronoun, or no subject: nobody.
  CHECK(speaker_of("The storm destroyed 140 homes in the valley.", "140", 140).empty());
  CHECK(speaker_of("It offered 40,000 euros to each family.", "40,000", 40000).empty());
  // A speaker the claim names stays its figure's.
  CHECK(speaker_of("The government pledged 15 million euros, officials said.", "15 million", 15e6,
                   R"("officials")") == "officials");
  // A count owned by a possessive is its owner's, in a clause of its own even where the claim
  // names another speaker, and in a sentence of its own.
  CHECK(
      speaker_of(
          "The regional government said 4,000 people had left, while the fire service's own count "
          "stood at 3,500.",
          "3,500", 3500, R"("The regional government")") == "the fire service");
  CHECK(speaker_of("The coast guard\u2019s tally stood at 73 on Tuesday.", "73", 73) ==
        "The coast guard");
  // Not an owner that names no actor.
  CHECK(speaker_of("Its own count stood at 73.", "73", 73).empty());
}
