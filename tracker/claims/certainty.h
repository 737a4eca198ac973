#pragma once

#include <string>
#include <vector>

#include "tracker/claims/claim.h"
#include "tracker/text/tokens.h"

namespace tracker::claims {

struct CertaintyReading {
  Certainty certainty = Certainty::asserted;
  std::vector<std::string> cues;  // the words that made it hedged or denied, as written
};

// Whether a sentence asserts, hedges ("appears", "may", "believed", "reportedly", "claimed")
// or denies ("denied", "rejected") what it says. `stems` are the tokens' stems.
CertaintyReading read_certainty(const std::vector<text::Token>& tokens,
                                const std::vector<std::string>& stems);

}  // namespace tracker::claims
