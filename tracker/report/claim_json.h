#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tracker/claims/claim.h"

namespace tracker::report {

// One claim as the JSON contract of DESIGN.md has it: text, topics, numbers (text, value,
// qualifier, and upper and noun where known), attribution (string or null), certainty,
// certainty_cues, times, paragraph.
nlohmann::ordered_json claim_to_json(const claims::Claim& claim);

// `tracker claims --format json`: {"claims": [...]}, pretty-printed, with a trailing newline.
std::string claims_json(const std::vector<claims::Claim>& claims);

// `tracker claims --format text`: one block per claim, for people.
std::string claims_text(const std::vector<claims::Claim>& claims);

}  // namespace tracker::report
