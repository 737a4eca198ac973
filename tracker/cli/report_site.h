#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tracker/cli/exit_code.h"
#include "tracker/report/html_report.h"
#include "tracker/report/stored_changes.h"
#include "tracker/report/stories.h"
#include "tracker/store/document_summary.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::cli {

// Writes `report --site DIR`: DIR/index.html (the stories and the documents), DIR/changes.html
// (the report of `set`, as `--html` writes it), DIR/figures.html (the figure ledger), one
// DIR/document-ID.html per document of `documents`, and one DIR/story-ID.html per story of
// `stories` that holds two of them, or one when the story is pinned; each file whole (a
// temporary file, renamed). DIR is created if missing; other files in it stay.
ExitCode write_report_site(const std::filesystem::path& dir, store::SnapshotStore& store,
                           const std::vector<store::DocumentSummary>& documents,
                           const std::vector<report::Story>& stories, const report::ChangeSet& set,
                           const report::HtmlReportContext& context);

}  // namespace tracker::cli
