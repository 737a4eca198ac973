#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tracker/text/tokens.h"

namespace tracker::claims {

// Time references in a sentence, as written: "since mid-January", "Tuesday", "in December",
// "last year", "in February 2022", "on 4 February".
std::vector<std::string> find_time_references(std::string_view sentence,
                                              const std::vector<text::Token>& tokens);

}  // namespace tracker::claims
