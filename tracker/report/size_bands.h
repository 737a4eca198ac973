#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tracker/report/figures.h"
#include "tracker/report/measures.h"

namespace tracker::report {

// Tells apart by size the counts of a selection that no event or amount term names
// (Measure::size_band): nothing in "23 people were treated in hospital" and "more than 4,000
// people were evacuated" says they count one thing, and a ledger that put them in one timeline
// would call the one a revision of the other. A count joins the band of the values near it,
// and an outlet's own revision of a sentence ("have sprayed about 2,500 hectares so far"
// rewritten as "about 7,400") keeps its old and new values in one band however far apart.
// Where a name's counts fall in one band, nothing changes.
void split_unnamed_counts_by_size(std::vector<std::pair<Figure, Measure>>& measured,
                                  const MeasureLexicon& lexicon);

// A value as a reader writes it: whole, with thousands grouped ("11,500"), or in millions and
// billions to a tenth ("6.2 billion").
std::string readable_value(double value);

}  // namespace tracker::report
