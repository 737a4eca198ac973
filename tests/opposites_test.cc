#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/diffed_versions.h"
#include "tracker/diff/claim_diff.h"

using namespace tracker::claims;
using namespace tracker::diff;

namespace {

using OppositeCase = tracker::test::DiffedVersions;

OppositeCase diff_sentences(const std::string& before, const std::string& after) {
  return tracker::test::diff_versions({before}, {after});
}

bool reversed(const std::string& before, const std::string& after) {
  const OppositeCase c = diff_sentences(before, after);
  REQUIRE(c.result.changes.size() == 1);
  return c.result.changes[0].has_aspect(Aspect::reversal);
}

}  // namespace

TEST_CASE("a word swapped for its opposite is the reversal aspect, and always matters") {
  struct Swap {
    const char* before;
    const char* after;
  };
  const std::vector<Swap> swaps = {
      {"The index rose 5 percent on Monday, analysts said.",
       "The index fell 5 percent on Monday, analysts said."},
      {"The court convicted the former minister of fraud.",
       "The court acquitted the former minister of fraud."},
      {"Two climbers were found alive near the summit.",
       "Two climbers were found dead near the summit."},
      {"He finished behind the mayor in the first round.",
       "He finished ahead of the mayor in the first round."},
      {"The patient tested positive for the virus on Sunday.",
       "The patient tested negative for the virus on Sunday."},
      {"The council approved the plan for the new bridge.",
       "The council rejected the plan for the new bridge."},
      {"The company bought the plant from its owners in May.",
       "The company sold the plant to its owners in May."},
      {"The union agreed to the pay offer on Friday.",
       "The union refused the pay offer on Friday."},
      {"Police said a 34-year-old man was arrested at the scene.",
       "Police said a 34-year-old woman was arrested at the scene."},
      {"The brigade has withdrawn from the town, the ministry said.",
       "The brigade has advanced on the town, the ministry said."},
      {"The carmaker will hire 200 staff at the plant.",
       "The carmaker will cut 200 staff at the plant."},
      {"The storm weakened overnight over the coast.",
       "The storm strengthened overnight over the coast."},
      {"Peace talks will resume in Geneva on Friday.",
       "Peace talks will be suspended in Geneva on Friday."},
  };
  for (const Swap& swap : swaps) {
    CAPTURE(swap.before);
    const OppositeCase c = diff_sentences(swap.before, swap.after);
    REQUIRE(c.result.changes.size() == 1);
    const ClaimChange& change = c.result.changes[0];
    CHECK(change.kind == ChangeKind::modified);
    CHECK(change.has_aspect(Aspect::reversal));
    CHECK(change.significance >= Significance::medium);
  }
  CHECK(to_string(Aspect::reversal) == "reversal");  // as the JSON and the text name it
}

TEST_CASE("a reversal in a watched topic is high, like a number change") {
  const OppositeCase c = diff_sentences("The senator won the vote in the district.",
                                        "The senator lost the vote in the district.");
  REQUIRE(c.result.changes.size() == 1);
  CHECK(c.result.changes[0].topics == std::vector<std::string>{"elections"});
  CHECK(c.result.changes[0].significance == Significance::high);
}

TEST_CASE("a synonym, an added clause or reordered words are no reversal") {
  // The same pole: "climbed" says what "rose" said.
  CHECK_FALSE(
      reversed("The index rose 5 percent on Monday.", "The index climbed 5 percent on Monday."));
  // The old word stays; the opposite came with a clause of its own.
  CHECK_FALSE(reversed("The index rose 5 percent on Monday.",
                       "The index rose 5 percent on Monday but fell on Tuesday after the report."));
  // Both words in both versions, in another order.
  CHECK_FALSE(reversed("Prices rose while wages fell across the region.",
                       "Wages fell while prices rose across the region."));
}

TEST_CASE("names and particles are not read as opposites") {
  // Capitalised inside the sentence: a person, not a verb.
  CHECK_FALSE(reversed("The report was written by Anna Rose for the ministry.",
                       "The report was written by Anna Fell for the ministry."));
  // "up" is a particle far more often than a direction.
  CHECK_FALSE(reversed(
      "She was deported in March while her child waited to be picked up from school.",
      "She was deported in March after falling under suspicion while her child waited at school."));
}
