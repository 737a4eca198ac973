#include "tracker/diff/speaker_match.h"

#include <doctest/doctest.h>

using tracker::diff::same_speaker;
using tracker::diff::speaker_still_named;

TEST_CASE("one speaker however it is described, spelt or titled") {
  CHECK(same_speaker("the ministry", "Ministry"));
  CHECK(same_speaker("Olena Kovalenko", "Olena Kovalenkko"));  // a typo fix
  CHECK(same_speaker("Kovalenko", "Olena Kovalenko"));
  CHECK(same_speaker("Mrs Kovalenko", "Olena Kovalenko"));
  CHECK(same_speaker("Dr. Kovalenko", "Kovalenko"));
  // The description changes, the person does not.
  CHECK(same_speaker("regional governor Olena Kovalenko", "the governor of the Sumy region, Olena Kovalenko"));
  CHECK(same_speaker("defence analyst Jan Berg", "Swedish security researcher Jan Berg"));
}

TEST_CASE("a bare pronoun names nobody new") {
  CHECK(same_speaker("he", "Olena Kovalenko"));
  CHECK(same_speaker("The agency", "It"));
  CHECK(same_speaker("they", ""));
  CHECK_FALSE(same_speaker("", "Olena Kovalenko"));
}

TEST_CASE("different speakers stay different") {
  CHECK_FALSE(same_speaker("the US military", "NATO's Resolute Support mission"));
  CHECK_FALSE(same_speaker("the US State Department", "the US Defense Department"));
  CHECK_FALSE(same_speaker("Olena Kovalenko", "Petro Kovalenko"));  // the same surname only
  CHECK_FALSE(same_speaker("South Korea's spy agency", "Ukraine's military"));
  CHECK_FALSE(same_speaker("regional governor Olena Kovalenko", "the mayor"));
}

TEST_CASE("a speaker still named in the other version's sentence did not change") {
  CHECK(speaker_still_named("The report", "The report suggests that prices rose."));
  CHECK(speaker_still_named("Jan Berg", "Jan Berg, a researcher at the institute, said prices rose."));
  CHECK(speaker_still_named("the governor's office", "The governor's office stated prices rose."));
  CHECK_FALSE(speaker_still_named("The report", "Prices rose, officials said."));
  CHECK_FALSE(speaker_still_named("Jan Berg", "Prices rose, Berg's colleague Anna said."));
  CHECK_FALSE(speaker_still_named("", "Prices rose."));
  // Run together with the next word or split apart, from the start of a word only.
  CHECK(speaker_still_named("Jan Berg", "Jan Bergsaid that prices rose."));
  CHECK(speaker_still_named("the McLean family", "The Mc Lean family said prices rose."));
  CHECK_FALSE(speaker_still_named("Berg", "Goldberg said prices rose."));
}
