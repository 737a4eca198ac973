// Every word of the certainty and time-reference word lists is still read as such. Both readers
// pass over most words of a sentence with one lookup in a set built from their lists
// (certainty.cc's may_be_a_cue, time_refs.cc's may_name_a_time): a list left out of that set
// would silently stop being read, and these cases would fail.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/shipped_extractor.h"
#include "tracker/claims/claim.h"

using tracker::claims::Certainty;
using tracker::claims::Claim;

namespace {

Claim claim_of(const std::string& sentence) {
  const std::vector<Claim> claims = tracker::test::shipped_extractor().extract({sentence});
  REQUIRE(claims.size() == 1);
  return claims.front();
}

void check_certainty(const std::vector<std::string>& sentences, Certainty expected) {
  for (const std::string& sentence : sentences) {
    INFO(sentence);
    const Claim claim = claim_of(sentence);
    CHECK(claim.certainty == expected);
    CHECK_FALSE(claim.certainty_cues.empty());
  }
}

}  // namespace

TEST_CASE("every hedge of the certainty lists hedges, by stem and as written") {
  check_certainty({"The bridge appears to have collapsed.",
                   "The bridge apparently collapsed.",
                   "The bridge may have collapsed.",
                   "The bridge might have collapsed.",
                   "The bridge could collapse soon.",
                   "The bridge possibly collapsed.",
                   "Perhaps the bridge collapsed.",
                   "The bridge is believed to have collapsed.",
                   "The alleged collapse of the bridge closed the road.",
                   "Officials claimed the bridge collapsed.",
                   "Reports suggest the bridge collapsed.",
                   "The bridge seems to have collapsed.",
                   "There were unconfirmed reports of a collapse.",
                   "Police suspected that the bridge had collapsed.",
                   "The purported collapse closed the road.",
                   "The bridge presumably collapsed.",
                   "The bridge probably collapsed.",
                   "It is unclear whether the bridge collapsed.",
                   "An estimated 40 people crossed the bridge.",
                   "It was rumored that the bridge collapsed.",
                   "It was rumoured that the bridge collapsed.",
                   "Unverified footage shows the collapse.",
                   "Engineers accused the council of ignoring the cracks.",
                   "The bridge reportedly collapsed.",
                   "The bridge likely collapsed.",
                   "A collapse is unlikely before the spring.",
                   "The bridge supposedly collapsed."},
                  Certainty::hedged);
}

TEST_CASE("every denial, retraction and confirmation of the certainty lists is read") {
  check_certainty({"The council denied that the bridge collapsed.",
                   "The council deny that the bridge collapsed.",
                   "The council rejected reports that the bridge collapsed.",
                   "The council refuted reports that the bridge collapsed.",
                   "The council dismissed reports that the bridge collapsed.",
                   "The council rebutted reports that the bridge collapsed.",
                   "The council disputed reports that the bridge collapsed."},
                  Certainty::denied);
  check_certainty({"The council retracted its statement about the bridge.",
                   "The engineer recanted his account of the collapse.",
                   "The council backtracked on its account of the collapse.",
                   "The council withdrew its statement about the bridge.",
                   "The council has withdrawn the claim about the bridge."},
                  Certainty::retracted);
  check_certainty({"The council confirmed that the bridge collapsed.",
                   "Engineers verified that the bridge collapsed.",
                   "Witnesses corroborated the account of the collapse."},
                  Certainty::confirmed);
}

TEST_CASE("every month, weekday and period of the time lists, and a year, is a time reference") {
  for (const std::string phrase :
       {"in January",  "in February", "in March",      "in April",       "in May",
        "in June",     "in July",     "in August",     "in September",   "in October",
        "in November", "in December", "on Monday",     "on Tuesday",     "on Wednesday",
        "on Thursday", "on Friday",   "on Saturday",   "on Sunday",      "yesterday",
        "today",       "tonight",     "overnight",     "last week",      "last weekend",
        "last month",  "last year",   "this morning",  "this afternoon", "this evening",
        "last night",  "in 2009",     "in mid-January"}) {
    const std::string sentence = "The bridge was closed " + phrase + ".";
    INFO(sentence);
    const Claim claim = claim_of(sentence);
    REQUIRE(claim.times.size() == 1);
    CHECK(claim.times[0] == phrase);
  }
}
