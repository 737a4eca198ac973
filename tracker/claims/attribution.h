#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tracker/text/tokens.h"

namespace tracker::claims {

// Who a sentence says is speaking: "South Korea's National Intelligence Service" from
// "... South Korea's National Intelligence Service said.", "Kyiv" from "according to Kyiv",
// "Joseph Minga" from "..., said Joseph Minga". A bare pronoun ("it added") is returned as
// written; the caller resolves it. Empty when the sentence attributes nothing.
std::string find_attribution(std::string_view sentence, const std::vector<text::Token>& tokens);

// True for a verb that reports speech or a position ("said", "told", "announced", "claimed"),
// lower-case as written.
bool is_reporting_verb(std::string_view lower);

// True for "it", "he", "she", "they": an attribution that refers back to an earlier one.
bool is_pronoun(std::string_view attribution);

}  // namespace tracker::claims
