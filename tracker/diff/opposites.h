#pragma once

#include "tracker/diff/claim_words.h"

namespace tracker::diff {

// True when `after` says the opposite of `before` in one word: it lost a word of one pole of
// an English pair of opposites and gained a word of the other ("rose" -> "fell", "won" ->
// "lost", "convicted" -> "acquitted", "found alive" -> "found dead", "ahead of" -> "behind",
// "tested positive" -> "tested negative"). Counted as multisets of words, so a clause that
// keeps its word and adds the opposite ("rose, then fell") is no reversal, and neither is a
// sentence that only reorders them. Capitalised words inside the sentence are names ("Rose",
// "Fell") and not read. Like negations, these are grammar, not a story's vocabulary: the
// pairs are compiled in.
bool says_the_opposite(const ClaimWords& before, const ClaimWords& after);

}  // namespace tracker::diff
