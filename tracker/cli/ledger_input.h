#pragma once

#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "tracker/cli/page_input.h"
#include "tracker/cli/store_input.h"
#include "tracker/report/figures.h"
#include "tracker/report/measures.h"
#include "tracker/report/story_ledgers.h"
#include "tracker/store/document_summary.h"

// The figure ledger as the reading commands build it from a store: `figures --ledger` and the
// ledger events of `changes --format atom`.
namespace tracker::cli {

// Every figure of `documents`' stored versions (report/figures.h). A store that fails to read
// is ExitCode::failure.
tl::expected<std::vector<report::Figure>, InputError> stored_figures(
    const OpenedStore& opened, const std::vector<store::DocumentSummary>& documents);

struct LedgerReading {
  bool as_one = false;   // one ledger of all the figures, not one per story
  std::string measures;  // the measure lexicon file; empty: the built-in feeds/measures.toml
  report::LedgerGrouping grouping = report::LedgerGrouping::model;
};

// The ledger of `figures`, story by story as `tracker stories` groups the whole store
// (report/story_ledgers.h), or as one when `reading.as_one`. A lexicon that does not read, or a
// store whose stories do not, is an error naming it.
tl::expected<std::vector<report::StoryLedger>, InputError> story_ledgers(
    const OpenedStore& opened, std::vector<report::Figure> figures, const LedgerReading& reading);

}  // namespace tracker::cli
