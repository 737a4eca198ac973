// The figure ledger (#18): each measure's figures across documents and outlets, in the order
// they were first reported, with what each did to the timeline.

#include "tracker/report/ledger.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "support/days.h"
#include "tracker/config/measures_file.h"
#include "tracker/report/story_ledgers.h"

using tracker::report::build_ledger;
using tracker::report::Figure;
using tracker::report::LedgerEvent;
using tracker::report::MeasureLedger;

namespace {

using tracker::test::k_day;

// A valued figure first reported at `at` (in days), by `speaker` in `source`'s document `document`.
Figure figure(std::string measure, double value, std::string speaker, std::string source, long long at,
              tracker::store::DocumentId document = 1, std::optional<long long> until = std::nullopt) {
  Figure f;
  f.measure = std::move(measure);
  f.value = value;
  f.text = std::to_string(static_cast<long long>(value));
  f.qualifier = "exact";
  f.attribution = std::move(speaker);
  f.source = std::move(source);
  f.document_id = document;
  f.first_seen = at * k_day;
  f.first_snapshot = static_cast<tracker::store::SnapshotId>(at + 1);
  if (until) {
    f.until = *until * k_day;
  }
  return f;
}

const MeasureLedger& only(const std::vector<MeasureLedger>& ledgers) {
  REQUIRE(ledgers.size() == 1);
  return ledgers.front();
}

}  // namespace

TEST_CASE("the ledger orders a measure's figures by when they came and groups 'troop' with 'Troops'") {
  const auto ledgers = build_ledger({figure("Troops", 12000, "Seoul", "yonhap", 3, 2),
                                     figure("troops", 10000, "Seoul", "afp", 1, 1, 3),
                                     figure("troop", 11000, "Kyiv", "bbc", 2, 3)});
  CHECK(tracker::report::measure_key("Soldiers  killed") == tracker::report::measure_key("soldier killed"));
  CHECK(tracker::report::measure_key("soldiers killed") != tracker::report::measure_key("soldiers wounded"));
  const MeasureLedger& troops = only(ledgers);
  REQUIRE(troops.timeline.size() == 3);
  CHECK(troops.measure == "troops");  // as the first figure wrote it
  CHECK(troops.timeline[0].figure.value == 10000);
  CHECK(troops.timeline[1].figure.value == 11000);
  CHECK(troops.timeline[2].figure.value == 12000);
  CHECK(troops.timeline[0].event == LedgerEvent::new_figure);
  CHECK_FALSE(troops.timeline[0].relates_to.has_value());
  // The latest figure is the newest one still reported.
  CHECK(troops.latest.value == 12000);
}

TEST_CASE("a speaker's new value revises its own earlier figure, up or down, in any outlet") {
  const auto ledgers = build_ledger({figure("killed", 300, "South Korea's spy agency", "afp", 1, 1, 2),
                                     figure("killed", 450, "south korea's spy agency", "afp", 2, 1),
                                     figure("killed", 400, "South Korea's spy agency", "reuters", 3, 2)});
  const MeasureLedger& killed = only(ledgers);
  CHECK(killed.timeline[1].event == LedgerEvent::revised);
  CHECK(killed.timeline[1].direction == 1);
  REQUIRE(killed.timeline[1].relates_to.has_value());
  CHECK(killed.timeline[1].relates_to->value == 300);
  // Revised against the speaker's latest figure (450), not its first.
  CHECK(killed.timeline[2].event == LedgerEvent::revised);
  CHECK(killed.timeline[2].direction == -1);
  CHECK(killed.timeline[2].relates_to->value == 450);
}

TEST_CASE("an unattributed figure is revised only by its own story") {
  const auto ledgers = build_ledger({figure("killed", 12, "", "afp", 1, 1, 2), figure("killed", 15, "", "afp", 2, 1),
                                     figure("killed", 14, "", "bbc", 2, 2)});
  const MeasureLedger& killed = only(ledgers);
  CHECK(killed.timeline[1].event == LedgerEvent::revised);  // document 1 again
  // Another outlet's unattributed 14 is not afp's revision: it disputes the 15 afp still reports.
  CHECK(killed.timeline[2].event == LedgerEvent::contradicted);
  CHECK(killed.timeline[2].relates_to->value == 15);
}

TEST_CASE("the same value from another outlet or speaker corroborates the first to give it") {
  const auto ledgers = build_ledger({figure("troops", 10000, "Pentagon", "afp", 1, 1),
                                     figure("troops", 10000, "NATO", "reuters", 2, 2),
                                     figure("troops", 10000, "Pentagon", "bbc", 3, 3),
                                     figure("troops", 10000, "Pentagon", "afp", 4, 4)});
  const MeasureLedger& troops = only(ledgers);
  CHECK(troops.timeline[1].event == LedgerEvent::corroborated);
  CHECK(troops.timeline[1].relates_to->source == "afp");
  CHECK(troops.timeline[2].event == LedgerEvent::corroborated);  // the speaker again, another outlet
  CHECK(troops.timeline[2].relates_to->first_seen == 1 * k_day);
  CHECK(troops.timeline[3].event == LedgerEvent::repeated);  // the speaker again, the same outlet
  CHECK(troops.timeline[0].carried_by == std::vector<std::string>{"afp", "bbc", "reuters"});
}

TEST_CASE("another speaker's other value contradicts only a figure still reported, within the window") {
  SUBCASE("still reported, two days apart: contradicted") {
    const auto ledgers = build_ledger({figure("wounded", 2700, "Seoul", "afp", 1), figure("wounded", 4000, "Kyiv", "bbc", 3, 2)});
    CHECK(only(ledgers).timeline[1].event == LedgerEvent::contradicted);
    CHECK(only(ledgers).timeline[1].relates_to->attribution == "Seoul");
  }
  SUBCASE("dropped before the other came: a new figure") {
    const auto ledgers =
        build_ledger({figure("wounded", 2700, "Seoul", "afp", 1, 1, 2), figure("wounded", 4000, "Kyiv", "bbc", 3, 2)});
    CHECK(only(ledgers).timeline[1].event == LedgerEvent::new_figure);
  }
  SUBCASE("weeks apart: the story moved on, a new figure") {
    const auto ledgers = build_ledger({figure("wounded", 2700, "Seoul", "afp", 1), figure("wounded", 4000, "Kyiv", "bbc", 30, 2)});
    CHECK(only(ledgers).timeline[1].event == LedgerEvent::new_figure);
  }
}

TEST_CASE("vague figures compare by their words, and figures without a measure stay out") {
  Figure dozens = figure("killed", 0, "police", "afp", 1);
  dozens.value.reset();
  dozens.text = "dozens";
  Figure hundreds = dozens;
  hundreds.text = "hundreds";
  hundreds.first_seen = 2 * k_day;
  Figure again = dozens;
  again.source = "bbc";
  again.document_id = 2;
  again.first_seen = 3 * k_day;
  Figure nameless = figure("", 5, "police", "afp", 1);
  // "several" reads as 3 but says no count: no dispute with the army's 40.
  Figure several = figure("killed", 3, "residents", "bbc", 2, 3);
  several.qualifier = "vague";
  several.text = "several";
  Figure forty = figure("killed", 40, "army", "bbc", 2, 4);
  const auto ledgers = build_ledger({dozens, hundreds, again, nameless, several, forty});
  const MeasureLedger& killed = only(ledgers);
  REQUIRE(killed.timeline.size() == 5);
  CHECK(killed.timeline[1].event == LedgerEvent::revised);
  CHECK(killed.timeline[1].direction == 0);  // no values to say up or down
  CHECK(killed.timeline[2].figure.text == "several");
  CHECK(killed.timeline[2].event == LedgerEvent::new_figure);
  CHECK(killed.timeline[3].figure.text == "40");
  CHECK(killed.timeline[3].event == LedgerEvent::new_figure);
  // bbc's "dozens" from the police differs from the police's latest words ("hundreds"): as far as
  // the ledger can tell, the speaker's figure moved again.
  CHECK(killed.timeline[4].event == LedgerEvent::revised);
  CHECK(killed.timeline[4].relates_to->text == "hundreds");
}

TEST_CASE("the ledger judged story by story: one story's count never answers another's") {
  const auto terms = tracker::config::default_measures();
  REQUIRE(terms.has_value());
  const tracker::report::MeasureLexicon lexicon(*terms);
  // Two stories with a troop count each, from two speakers, within days: read as one ledger, the
  // second contradicts the first. A third document no story holds.
  std::vector<Figure> figures = {figure("troops", 10000, "Seoul", "afp", 1, 1),
                                 figure("troops", 11000, "Vilnius", "bbc", 2, 2),
                                 figure("troops", 10500, "Kyiv", "ukrinform", 3, 3)};
  for (Figure& f : figures) {
    f.claim = "About " + f.text + " troops were deployed, " + f.attribution + " said.";
    f.title = "Report " + std::to_string(f.document_id);
  }
  CHECK(only(build_ledger(tracker::report::with_ledger_measures(figures, lexicon)))
            .timeline[1]
            .event == LedgerEvent::contradicted);
  std::vector<tracker::report::Story> stories(2);
  stories[0].id = 2;
  stories[0].documents = {2};
  stories[0].pin = "border";
  stories[1].id = 1;
  stories[1].documents = {7, 1};  // its first document reported no figure: named by the next
  const auto ledgers = tracker::report::ledgers_by_story(figures, stories, lexicon);
  REQUIRE(ledgers.size() == 3);
  CHECK(ledgers[0].story == 2);  // in the order the stories were given
  CHECK(ledgers[0].name == "border");
  CHECK(ledgers[1].story == 1);
  CHECK(ledgers[1].name == "Report 1");
  CHECK(ledgers[2].story == 0);  // in no story: last, unnamed
  CHECK(ledgers[2].name.empty());
  for (const auto& story : ledgers) {
    const MeasureLedger& troops = only(story.measures);
    REQUIRE(troops.timeline.size() == 1);
    CHECK(troops.timeline[0].event == LedgerEvent::new_figure);
  }
  CHECK(only(ledgers[0].measures).timeline[0].figure.source == "bbc");
  CHECK(tracker::report::ledgers_by_story({}, stories, lexicon).empty());
}
