#include "tracker/cli/ledger_input.h"

#include <utility>

#include "tracker/cli/story_selection.h"
#include "tracker/config/measures_file.h"

namespace tracker::cli {

tl::expected<std::vector<report::Figure>, InputError> stored_figures(
    const OpenedStore& opened, const std::vector<store::DocumentSummary>& documents) {
  std::vector<report::Figure> figures;
  for (const store::DocumentSummary& document : documents) {
    auto snapshots = opened.store->document_snapshots(document.document.id);
    if (!snapshots) {
      return tl::make_unexpected(InputError{ExitCode::failure, snapshots.error().message});
    }
    for (report::Figure& figure : report::document_figures(document, *snapshots)) {
      figures.push_back(std::move(figure));
    }
  }
  return figures;
}

tl::expected<std::vector<report::StoryLedger>, InputError> story_ledgers(
    const OpenedStore& opened, std::vector<report::Figure> figures, const LedgerReading& reading) {
  auto terms = reading.measures.empty() ? config::default_measures()
                                        : config::load_measures(reading.measures);
  if (!terms) {
    return tl::make_unexpected(
        InputError{ExitCode::failure, terms.error()});  // as a topics file that does not read
  }
  std::vector<report::Story> stories;
  if (!reading.as_one) {
    // Grouped over every document, as 'tracker stories' lists them, so that a selection by
    // source or document does not change which story a document is in.
    auto all = opened.store->document_summaries();
    if (!all) {
      return tl::make_unexpected(InputError{ExitCode::failure, all.error().message});
    }
    auto grouped = stories_of(opened, *all);
    if (!grouped) {
      return tl::make_unexpected(grouped.error());
    }
    stories = std::move(*grouped);
  }
  return report::ledgers_by_story(std::move(figures), stories, report::MeasureLexicon(*terms),
                                  reading.grouping);
}

}  // namespace tracker::cli
