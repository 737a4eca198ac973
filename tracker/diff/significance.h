#pragma once

#include "tracker/diff/claim_diff.h"

namespace tracker::diff {

// DESIGN.md's significance rules, in one place: high when a watched topic is touched by an
// added or removed claim or by a number, certainty or attribution change; medium for other
// topical changes and for number changes outside the watched topics; low for the rest.
Significance grade(const ClaimChange& change, const DiffOptions& options);

// The change's topics that the options watch (all of them when none are named).
bool touches_watched_topic(const ClaimChange& change, const DiffOptions& options);

}  // namespace tracker::diff
