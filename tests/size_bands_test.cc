// Counts that no word names, told apart by their size (#18): report/size_bands.h.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/built_in_measures.h"
#include "tracker/report/measures.h"

using tracker::report::Figure;
using tracker::report::LedgerGrouping;
using tracker::report::MeasureLexicon;
using tracker::report::with_ledger_measures;

namespace {

// A figure of `value` whose number is written `text` in `claim`.
Figure count(std::string noun, double value, std::string text, std::string claim,
             tracker::store::DocumentId document = 1) {
  Figure f;
  f.measure = std::move(noun);
  f.value = value;
  f.text = std::move(text);
  f.qualifier = "approximate";
  f.claim = std::move(claim);
  f.document_id = document;
  return f;
}

std::vector<std::string> measures_of(const std::vector<Figure>& figures) {
  std::vector<std::string> names;
  for (const Figure& figure :
       with_ledger_measures(figures, built_in_measures(), LedgerGrouping::rules)) {
    names.push_back(figure.measure);
  }
  return names;
}

}  // namespace

TEST_CASE("counts of people that no event names are told apart by size") {
  const std::vector<Figure> figures = {
      count("people", 23, "Some 23", "Some 23 people gathered outside the court on Monday.", 1),
      count("people", 3500, "About 3,500",
            "About 3,500 people crowded the main square, police said.", 2),
      count("people", 4000, "About 4,000",
            "About 4,000 people crowded the main square, organisers said.", 3),
      count("people", 31, "Some 31", "Some 31 people gathered outside the court on Tuesday.", 4)};
  CHECK(measures_of(figures) ==
        std::vector<std::string>{"people (23 to 31)", "people (3,500 to 4,000)",
                                 "people (3,500 to 4,000)", "people (23 to 31)"});
  // Values within half again of each other are one count's, so alone they stay one measure.
  CHECK(measures_of({figures[1], figures[2]}) == std::vector<std::string>{"people", "people"});
}

TEST_CASE("a count an event names is never split by size") {
  const std::vector<Figure> figures = {
      count("people", 23, "About 23", "About 23 people were killed in the blast.", 1),
      count("people", 400, "About 400",
            "About 400 people were killed in the blast, the ministry said.", 2)};
  const auto names = measures_of(figures);
  REQUIRE(names.size() == 2);
  CHECK(names[0] == "killed");
  CHECK(names[1] == "killed");
}

TEST_CASE("a count of a named thing may grow further than a count of people before it splits") {
  // Aid trucks let in over a week: 14, then 40, then 71, each within five times the one before.
  const std::vector<Figure> trucks = {
      count("trucks", 14, "14", "Only 14 trucks crossed into the city on Monday.", 1),
      count("trucks", 40, "40", "By Wednesday 40 trucks had crossed into the city.", 2),
      count("trucks", 71, "71", "A total of 71 trucks have crossed into the city since Monday.",
            3)};
  CHECK(measures_of(trucks) == std::vector<std::string>{"trucks", "trucks", "trucks"});
  // The same values as people are three counts: people are counted for many things in a story.
  std::vector<Figure> people = trucks;
  for (Figure& figure : people) {
    figure.measure = "people";
  }
  CHECK(measures_of(people) ==
        std::vector<std::string>{"people (14)", "people (40)", "people (71)"});
  // And a count of trucks 60 times the others is another count.
  std::vector<Figure> more = trucks;
  more.push_back(count("trucks", 900, "Some 900", "Some 900 trucks wait at the port each day.", 4));
  CHECK(measures_of(more).back() == "trucks (900)");
  CHECK(measures_of(more).front() == "trucks (14 to 71)");
}

TEST_CASE("an outlet's own revision of a sentence keeps its values in one band") {
  const Figure before =
      count("hectares", 2500, "about 2,500",
            "Ground teams have sprayed about 2,500 hectares so far, the office said.", 7);
  const Figure after = count(
      "hectares", 21000, "about 21,000",
      "Ground teams and aircraft have sprayed about 21,000 hectares so far, the office said.", 7);
  const Figure other = count("hectares", 250000, "about 250,000",
                             "The region has about 250,000 hectares of farmland.", 8);
  CHECK(measures_of({before, after, other}) ==
        std::vector<std::string>{"hectares (2,500 to 21,000)", "hectares (2,500 to 21,000)",
                                 "hectares (250,000)"});
  // The same two sentences from two outlets are not one revision: eight times apart, they split.
  Figure elsewhere = after;
  elsewhere.document_id = 9;
  CHECK(measures_of({before, elsewhere, other}) ==
        std::vector<std::string>{"hectares (2,500)", "hectares (21,000)", "hectares (250,000)"});
  // Two values of one noun in one sentence are most often two sources' counts of one thing.
  const std::string both =
      "Police put the crowd at about 8,000 people, the organisers at about 40,000 people.";
  CHECK(measures_of({count("people", 8000, "about 8,000", both, 7),
                     count("people", 40000, "about 40,000", both, 7),
                     count("people", 300, "about 300",
                           "About 300 people were stranded at the station.", 7)}) ==
        std::vector<std::string>{"people (8,000 to 40,000)", "people (8,000 to 40,000)",
                                 "people (300)"});
}

TEST_CASE("sums that no term names split as counts of people do, named in millions and billions") {
  const std::vector<Figure> sums = {
      count("florins", 7e8, "700 million",
            "Auditors found 700 million florins missing from the accounts.", 1),
      count("florins", 6.2e9, "6.2 billion",
            "Auditors found 6.2 billion florins missing from the accounts.", 2),
      count("florins", 9e8, "900 million",
            "Auditors found 900 million florins missing from the accounts.", 3)};
  CHECK(measures_of(sums) == std::vector<std::string>{"florins (700 million to 900 million)",
                                                      "florins (6.2 billion)",
                                                      "florins (700 million to 900 million)"});
}

TEST_CASE("counts under ten are left whole") {
  const std::vector<Figure> figures = {
      count("aircraft", 2, "Two", "Two aircraft were sent on Sunday.", 1),
      count("aircraft", 8, "Eight", "Eight aircraft were flying by Thursday.", 2),
      count("aircraft", 60, "about 60", "The air force has about 60 aircraft.", 3)};
  CHECK(measures_of(figures) == std::vector<std::string>{"aircraft", "aircraft", "aircraft"});
}

TEST_CASE("a figure written as money is a sum, whatever its noun") {
  const std::vector<Figure> sums = {
      count("bonds", 6e7, "$60 million", "The city sold $60 million bonds to investors in March.",
            1),
      count("bonds", 1e8, "$100 million", "The county sold $100 million bonds to investors in May.",
            2)};
  CHECK(measures_of(sums) == std::vector<std::string>{"bonds (60 million)", "bonds (100 million)"});
  // The same values as a count of a named thing are within what such a count grows by.
  const std::vector<Figure> counted = {
      count("bonds", 6e7, "60 million", "The city sold 60 million bonds to investors in March.", 1),
      count("bonds", 1e8, "100 million", "The county sold 100 million bonds to investors in May.",
            2)};
  CHECK(measures_of(counted) == std::vector<std::string>{"bonds", "bonds"});
}
