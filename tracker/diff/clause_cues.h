#pragma once

#include <vector>

#include "tracker/claims/claim.h"
#include "tracker/diff/word_diff.h"

namespace tracker::diff {

// True when the certainty cues and negations that tell the two versions of a claim apart all
// sit in clauses that came or went whole: "..., but the missing man could not be found" cut
// from a sentence, "which suggests why ..." dropped, "the cause is believed to be lightning"
// removed. The sentence lost or gained a statement, weighed by its words; what it still says
// was not hedged, firmed or negated. A clause came or went when most of its content words
// (three at least) are nowhere in the other version of the sentence, or when all its words,
// two content words at least, sit in one run the word diff added or removed (a quotation put
// before the sentence may reuse a word the sentence has). False when no cue
// differs, or when one differs in a clause both versions share ("allegedly" dropped before
// the same words).
// `word_edits` is word_diff(before.text, after.text).
bool cue_changes_ride_on_clauses(const claims::Claim& before, const claims::Claim& after,
                                 const std::vector<WordEdit>& word_edits);

}  // namespace tracker::diff
