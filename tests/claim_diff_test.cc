#include "tracker/diff/claim_diff.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "support/diffed_versions.h"

using namespace tracker::claims;
using namespace tracker::diff;

namespace {

using DiffCase = tracker::test::DiffedVersions;

DiffCase run(const std::vector<std::string>& old_paragraphs,
             const std::vector<std::string>& new_paragraphs, const DiffOptions& options = {}) {
  return tracker::test::diff_versions(old_paragraphs, new_paragraphs, options);
}

const std::vector<std::string> k_story = {
    "Pyongyang deployed more than 10,000 troops to Kursk, intelligence agencies say.",
    "The soldiers appear not to have fought since mid-January, the spy agency told AFP Tuesday.",
    "Kyiv captured dozens of border settlements in the operation.",
    "The weather in the region was cold.",
};

}  // namespace

TEST_CASE("identical versions have no changes and count every claim unchanged") {
  const DiffCase c = run(k_story, k_story);
  CHECK(c.result.changes.empty());
  CHECK(c.result.unchanged == 4);
  CHECK(c.result.moved == 0);
}

TEST_CASE("quote style, whitespace, case and punctuation edits are no change") {
  const DiffCase c = run(k_story, {
      "Pyongyang deployed more than 10,000 troops to Kursk intelligence agencies say",
      "The  soldiers \u201cappear\u201d not to have fought since mid-January, the spy agency told AFP Tuesday.",
      "KYIV captured dozens of border settlements in the operation!",
      "The weather in the region was cold.",
  });
  CHECK(c.result.changes.empty());
  CHECK(c.result.unchanged == 4);
}

TEST_CASE("reordered paragraphs are moved claims, not changes") {
  const DiffCase c = run(k_story, {k_story[2], k_story[0], k_story[1], k_story[3]});
  CHECK(c.result.changes.empty());
  CHECK(c.result.moved == 1);
  CHECK(c.result.unchanged == 3);
}

TEST_CASE("a revised troop number is a modified claim with the number aspect, graded high") {
  std::vector<std::string> revised = k_story;
  revised[0] = "Pyongyang deployed around 11,000 troops to Kursk, intelligence agencies say.";
  const DiffCase c = run(k_story, revised);
  REQUIRE(c.result.changes.size() == 1);
  const ClaimChange& change = c.result.changes[0];
  CHECK(change.kind == ChangeKind::modified);
  CHECK(change.aspects == std::vector<Aspect>{Aspect::number});
  CHECK(change.significance == Significance::high);
  CHECK_FALSE(change.possible_correction);
  REQUIRE(change.old_claim != nullptr);
  CHECK(change.old_claim->numbers.at(0).value == 10000);
  CHECK(change.new_claim->numbers.at(0).value == 11000);
  const bool marks_words = std::any_of(change.words.begin(), change.words.end(), [](const WordEdit& e) {
    return e.op == WordEdit::Op::removed && e.text == "more than 10,000";
  });
  CHECK(marks_words);
}

TEST_CASE("a casualty count that goes down is flagged as a possible correction") {
  const DiffCase c = run({"Around 300 soldiers have been killed, the agency said."},
                         {"Around 200 soldiers have been killed, the agency said."});
  REQUIRE(c.result.changes.size() == 1);
  CHECK(c.result.changes[0].possible_correction);
  CHECK(c.result.changes[0].significance == Significance::high);
}

TEST_CASE("an added correction or editor's note is flagged and at least medium") {
  const std::vector<std::string> body = {"The bridge collapsed on Monday.", "Three people were killed."};
  for (const std::string note : {"Correction: An earlier version of this story gave the wrong day.",
                                 "Editor's note: This story has been updated to remove a name.",
                                 "CLARIFICATION - The mayor spoke on Tuesday, not Monday."}) {
    std::vector<std::string> edited = body;
    edited.push_back(note);
    const DiffCase c = run(body, edited);
    REQUIRE(c.result.changes.size() == 1);
    CHECK_MESSAGE(c.result.changes[0].correction_note, note);
    CHECK(c.result.changes[0].significance >= Significance::medium);
  }
  // A sentence that only mentions a correction, or a removed note, is no note.
  std::vector<std::string> mention = body;
  mention.push_back("Corrections officers searched the prison.");
  CHECK_FALSE(run(body, mention).result.changes.at(0).correction_note);
  std::vector<std::string> with_note = body;
  with_note.push_back("Correction: An earlier version of this story gave the wrong day.");
  CHECK_FALSE(run(with_note, body).result.changes.at(0).correction_note);
}

TEST_CASE("a changed source is the attribution aspect") {
  const DiffCase c = run({"North Korea rotated fresh troops into Kursk, South Korea's spy agency said."},
                         {"North Korea rotated fresh troops into Kursk, Ukraine's military said."});
  REQUIRE(c.result.changes.size() == 1);
  CHECK(c.result.changes[0].aspects == std::vector<Aspect>{Aspect::attribution});
  CHECK(c.result.changes[0].significance == Significance::high);
}

TEST_CASE("a speaker described anew, or no longer read as reporting, is no attribution change") {
  // The same person under another description: the description is weighed as words.
  const DiffCase described =
      run({"Regional governor Olena Kovalenko said the bridge was closed."},
          {"The governor of the Sumy region, Olena Kovalenko, said the bridge was closed."});
  REQUIRE(described.result.changes.size() == 1);
  CHECK_FALSE(described.result.changes[0].has_aspect(Aspect::attribution));
  CHECK(described.result.changes[0].evidence.changed_words > 0);
  // The verb changed, the speaker named in both versions did not.
  const DiffCase verb = run({"The audit asserts the funds were misused."},
                            {"The audit indicates that the funds were misused."});
  REQUIRE(verb.result.changes.size() == 1);
  CHECK_FALSE(verb.result.changes[0].has_aspect(Aspect::attribution));
  // Another speaker is still an attribution change.
  const DiffCase other = run({"The funds were misused, the minister said."},
                             {"The funds were misused, the opposition said."});
  REQUIRE(other.result.changes.size() == 1);
  CHECK(other.result.changes[0].has_aspect(Aspect::attribution));
}

TEST_CASE("a dropped hedge is the certainty aspect, even when another hedge remains") {
  const DiffCase c = run(
      {"Soldiers appear not to have been engaged in combat, after Ukraine claimed they had left."},
      {"Soldiers have not been engaged in combat, after Ukraine claimed they had left."});
  REQUIRE(c.result.changes.size() == 1);
  CHECK(c.result.changes[0].has_aspect(Aspect::certainty));
  CHECK_FALSE(c.result.changes[0].has_aspect(Aspect::number));
  CHECK(c.result.changes[0].significance == Significance::high);
}

TEST_CASE("a hedge or negation that came or went with its whole clause is no certainty move") {
  // The clause "but the cause is believed to be faulty wiring" went: a statement was cut,
  // weighed by its words; the sentence that stays was neither hedged nor firmed.
  const DiffCase cut = run(
      {"The blaze destroyed the warehouse on Monday, but investigators believe faulty wiring started the fire."},
      {"The blaze destroyed the warehouse on Monday."});
  REQUIRE(cut.result.changes.size() == 1);
  CHECK_FALSE(cut.result.changes[0].has_aspect(Aspect::certainty));
  CHECK_FALSE(cut.result.changes[0].evidence.negation);
  const DiffCase negation = run({"The crew reached the island, but the missing hiker could not be located."},
                                {"The crew reached the island."});
  REQUIRE(negation.result.changes.size() == 1);
  CHECK_FALSE(negation.result.changes[0].evidence.negation);
  // A hedge dropped from words both versions keep is a move of certainty.
  const DiffCase dropped = run({"Investigators believe faulty wiring started the fire."},
                               {"Faulty wiring started the fire."});
  REQUIRE(dropped.result.changes.size() == 1);
  CHECK(dropped.result.changes[0].has_aspect(Aspect::certainty));
}

TEST_CASE(
    "a quoted clause put before the sentence brings its hedge with it, though it reuses a word") {
  // "flood" is in both versions, so by its words alone the new clause is only half new; the word
  // diff shows it came whole.
  const DiffCase quoted = run({"The mayor said it was the town's worst flood in a century."},
                              {"\"The flood might not have peaked,\" said the mayor, who also said "
                               "it was the town's worst flood in a century."});
  REQUIRE(quoted.result.changes.size() == 1);
  CHECK_FALSE(quoted.result.changes[0].has_aspect(Aspect::certainty));
  CHECK_FALSE(quoted.result.changes[0].evidence.negation);
  // A hedge put into words both versions keep still moves the claim.
  const DiffCase hedged =
      run({"The mayor said it was the town's worst flood in a century."},
          {"The mayor said it was probably the town's worst flood in a century."});
  REQUIRE(hedged.result.changes.size() == 1);
  CHECK(hedged.result.changes[0].has_aspect(Aspect::certainty));
}

TEST_CASE("added and removed claims are graded by their topics") {
  std::vector<std::string> changed = k_story;
  changed.insert(changed.begin() + 1, "Around 300 North Korean soldiers have been killed.");
  changed.erase(changed.end() - 1);  // the weather
  const DiffCase c = run(k_story, changed);
  REQUIRE(c.result.changes.size() == 2);
  CHECK(c.result.changes[0].kind == ChangeKind::added);
  CHECK(c.result.changes[0].significance == Significance::high);
  CHECK(c.result.changes[1].kind == ChangeKind::removed);
  CHECK(c.result.changes[1].significance == Significance::low);
}

TEST_CASE("watched topics decide what is significant") {
  DiffOptions options;
  options.watched_topics = {"territory"};
  std::vector<std::string> changed = k_story;
  changed[0] = "Pyongyang deployed around 11,000 troops to Kursk, intelligence agencies say.";
  const DiffCase c = run(k_story, changed, options);
  REQUIRE(c.result.changes.size() == 1);
  CHECK(c.result.changes[0].significance == Significance::medium);  // a number outside the watch
}

TEST_CASE("a reworded sentence without topical facts is low significance wording") {
  const DiffCase c = run({"The weather in the region was cold and wet."},
                         {"In the region, the weather was wet and cold."});
  REQUIRE(c.result.changes.size() == 1);
  CHECK(c.result.changes[0].aspects == std::vector<Aspect>{Aspect::wording});
  CHECK(c.result.changes[0].significance == Significance::low);
}

TEST_CASE("an unrelated sentence replacing another is a removal and an addition") {
  const DiffCase c = run({"The weather in the region was cold."},
                         {"Markets rallied after the central bank cut rates."});
  REQUIRE(c.result.changes.size() == 2);
  CHECK(c.result.changes[0].kind == ChangeKind::removed);
  CHECK(c.result.changes[1].kind == ChangeKind::added);
}

TEST_CASE("a sentence rewritten in its place is one modified claim, even when few words stay") {
  const std::string before =
      "Rescuers pulled two fishermen from the sea near the harbour on Monday.";
  const std::string after =
      "Two fishermen were rescued by a coast guard helicopter off the harbour.";
  // Between the same unchanged sentences: the one rewritten as the other.
  const DiffCase in_place = run({k_story[2], before, k_story[3]}, {k_story[2], after, k_story[3]});
  REQUIRE(in_place.result.changes.size() == 1);
  CHECK(in_place.result.changes[0].kind == ChangeKind::modified);
  // The same two sentences in different places share too few words to be called one.
  const DiffCase elsewhere = run({k_story[2], before, k_story[3]}, {k_story[2], k_story[3], after});
  REQUIRE(elsewhere.result.changes.size() == 2);
  CHECK(elsewhere.result.changes[0].kind == ChangeKind::removed);
  CHECK(elsewhere.result.changes[1].kind == ChangeKind::added);
}

TEST_CASE("a negation added to a claim flips it: the certainty aspect, graded high") {
  const DiffCase c = run({"The soldiers have engaged in combat."},
                         {"The soldiers have not engaged in combat."});
  REQUIRE(c.result.changes.size() == 1);
  CHECK(c.result.changes[0].aspects == std::vector<Aspect>{Aspect::certainty});
  CHECK(c.result.changes[0].significance == Significance::high);
}

TEST_CASE(
    "a verb that negates the next ('refused to', 'failed to') flips the claim as 'not' does") {
  const DiffCase refused = run({"The minister resigned on Monday after the vote."},
                               {"The minister refused to resign on Monday after the vote."});
  REQUIRE(refused.result.changes.size() == 1);
  CHECK(refused.result.changes[0].has_aspect(Aspect::certainty));
  CHECK(refused.result.changes[0].significance >= Significance::medium);
  // Two ways of saying the same refusal: no flip.
  const DiffCase same = run({"The spokesman declined to comment on the report."},
                            {"The spokesman did not comment on the report."});
  REQUIRE(same.result.changes.size() == 1);
  CHECK_FALSE(same.result.changes[0].has_aspect(Aspect::certainty));
  // Such a verb that came with a clause of its own flips nothing, as "not" in one would not.
  const DiffCase clause = run({"The minister resigned on Monday after the vote."},
                              {"The minister resigned on Monday after the vote, but his deputy "
                               "refused to follow."});
  REQUIRE(clause.result.changes.size() == 1);
  CHECK_FALSE(clause.result.changes[0].has_aspect(Aspect::certainty));
}

TEST_CASE("a vague quantity in both versions is no number change") {
  const DiffCase c = run({"Many casualties were reported in the town, officials said."},
                         {"Many casualties were reported in the city, officials said."});
  REQUIRE(c.result.changes.size() == 1);
  CHECK(c.result.changes[0].aspects == std::vector<Aspect>{Aspect::wording});
  // "town" to "city" is for the meaning model; it is never a number change.
  CHECK(c.result.changes[0].significance != Significance::high);
}
