#pragma once

#include <string>
#include <string_view>

#include "tracker/text/quantities.h"

namespace tracker::report {

// The population `count` gives of a place the sentence describes, named by the place where the
// sentence names it: "Ennby, a town of about 18,000 people" is the `population of Ennby`, "a
// region of 1.9 million inhabitants" a `population`. A figure of the background, never a count
// of the story's event, and one place's, not another's. Empty when `count` is no population.
std::string population_of(std::string_view sentence, const text::Quantity& count);

}  // namespace tracker::report
