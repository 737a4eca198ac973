#include "tracker/cli/report_site.h"

#include <spdlog/spdlog.h>

#include <map>

#include "tracker/cli/output.h"
#include "tracker/config/measures_file.h"
#include "tracker/report/figures.h"
#include "tracker/report/ledger.h"
#include "tracker/report/ledger_page.h"
#include "tracker/report/measures.h"
#include "tracker/report/site.h"

namespace tracker::cli {

ExitCode write_report_site(const std::filesystem::path& dir, store::SnapshotStore& store,
                           const std::vector<store::DocumentSummary>& documents,
                           const report::ChangeSet& set, const report::HtmlReportContext& context) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    spdlog::error("{}: cannot create the folder: {}", dir.string(), error.message());
    return ExitCode::failure;
  }
  auto terms = config::default_measures();
  if (!terms) {
    spdlog::error("{}", terms.error());
    return ExitCode::failure;
  }
  std::vector<report::Figure> figures;
  std::map<store::DocumentId, std::vector<report::StoredChange>> changes_of;
  for (const report::StoredChange& item : set.changes) {
    changes_of[item.change.document_id].push_back(item);
  }
  for (const store::DocumentSummary& document : documents) {
    auto versions = store.document_snapshots(document.document.id);
    if (!versions) {
      spdlog::error("{}", versions.error().message);
      return ExitCode::failure;
    }
    for (report::Figure& figure : report::document_figures(document, *versions)) {
      figures.push_back(std::move(figure));
    }
    const std::string page =
        report::document_page_html(document, *versions, changes_of[document.document.id]);
    if (const ExitCode written =
            write_file_atomically(dir / report::document_page_name(document.document.id), page);
        written != ExitCode::ok) {
      return written;
    }
  }
  if (const ExitCode written =
          write_file_atomically(dir / "changes.html", report::html_report(set, context));
      written != ExitCode::ok) {
    return written;
  }
  const std::vector<report::MeasureLedger> ledgers = report::build_ledger(
      report::with_ledger_measures(std::move(figures), report::MeasureLexicon(*terms)));
  if (const ExitCode written = write_file_atomically(
          dir / "figures.html", report::figures_page_html(ledgers, context.generated_at));
      written != ExitCode::ok) {
    return written;
  }
  // The index last: a reader who follows it finds every page it names.
  const ExitCode written = write_file_atomically(
      dir / "index.html", report::site_index_html(documents, context.generated_at));
  if (written == ExitCode::ok) {
    spdlog::info("{}: {} documents, {} changes", dir.string(), documents.size(),
                 set.changes.size());
  }
  return written;
}

}  // namespace tracker::cli
