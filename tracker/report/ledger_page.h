#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/report/ledger.h"
#include "tracker/report/story_ledgers.h"
#include "tracker/store/records.h"

namespace tracker::report {

// A measure's timeline as a small step chart: inline SVG written here, no scripts. One line per
// speaker (the attribution, or the outlet for unattributed figures), each holding its value from
// the time it was first reported until the speaker's next value or the figure's end; a dot per
// figure with its words, speaker and outlet as a tooltip (<title>). Values from 0 up; time runs
// from the measure's first figure to `until` (or its last figure). Vague figures ("dozens") are
// not drawn. Scales to its container (viewBox); colours are the legend's, in speaker order of
// first appearance. Empty when the measure has no counted figure.
std::string step_chart_svg(const MeasureLedger& ledger, store::UnixSeconds until);

// The speakers of a ledger in the chart's order, each with its colour: the legend.
std::vector<std::pair<std::string, std::string>> chart_legend(const MeasureLedger& ledger);

// The measures of `ledgers` as figures.html shows them, measures with the most figures first,
// each headed by `heading` ("h2", "h3"): for a page that holds them (figures.html, a story's page).
std::string measure_sections_html(const std::vector<MeasureLedger>& ledgers,
                                  store::UnixSeconds generated_at, std::string_view heading = "h2");

// figures.html of `tracker report --site`: story by story (story_ledgers.h), each story's
// measures with their latest figure, step chart, and timeline as a table (when, value, who,
// outlet, event and what it answers, carried by), measures with the most figures first. A
// story in `with_pages` links to its page. Same head, escaping and Content-Security-Policy as
// the other pages.
std::string figures_page_html(const std::vector<StoryLedger>& stories,
                              const std::set<store::DocumentId>& with_pages,
                              store::UnixSeconds generated_at);

}  // namespace tracker::report
