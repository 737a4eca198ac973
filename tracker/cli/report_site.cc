#include "tracker/cli/report_site.h"

#include <spdlog/spdlog.h>

#include <map>
#include <set>

#include "tracker/cli/output.h"
#include "tracker/config/measures_file.h"
#include "tracker/report/figures.h"
#include "tracker/report/ledger.h"
#include "tracker/report/ledger_page.h"
#include "tracker/report/measures.h"
#include "tracker/report/site.h"
#include "tracker/report/story_ledgers.h"

namespace tracker::cli {

namespace {

// The stories that get a page: those holding two of the site's documents, or one when pinned.
std::vector<report::SiteStory> stories_with_pages(const std::vector<store::DocumentSummary>& documents,
                                                  const std::vector<report::Story>& stories) {
  std::map<store::DocumentId, const store::DocumentSummary*> shown;
  for (const store::DocumentSummary& document : documents) {
    shown.emplace(document.document.id, &document);
  }
  std::vector<report::SiteStory> with_pages;
  for (const report::Story& story : stories) {
    report::SiteStory site_story{&story, {}};
    for (const store::DocumentId id : story.documents) {
      if (const auto found = shown.find(id); found != shown.end()) {
        site_story.documents.push_back(found->second);
      }
    }
    if (site_story.documents.size() >= 2 || (!story.pin.empty() && !site_story.documents.empty())) {
      with_pages.push_back(std::move(site_story));
    }
  }
  return with_pages;
}

// story-ID.html of each story with a page: its ledger from its documents' figures alone.
ExitCode write_story_pages(const std::filesystem::path& dir, const std::vector<report::SiteStory>& stories,
                           const std::map<store::DocumentId, std::vector<report::Figure>>& figures_of,
                           const report::MeasureLexicon& lexicon, store::UnixSeconds generated_at) {
  for (const report::SiteStory& story : stories) {
    std::vector<report::Figure> figures;
    for (const store::DocumentSummary* document : story.documents) {
      if (const auto found = figures_of.find(document->document.id); found != figures_of.end()) {
        figures.insert(figures.end(), found->second.begin(), found->second.end());
      }
    }
    const std::vector<report::MeasureLedger> ledgers =
        report::build_ledger(report::with_ledger_measures(std::move(figures), lexicon));
    if (const ExitCode written = write_file_atomically(dir / report::story_page_name(story.story->id),
                                                       report::story_page_html(story, ledgers, generated_at));
        written != ExitCode::ok) {
      return written;
    }
  }
  return ExitCode::ok;
}

}  // namespace

ExitCode write_report_site(const std::filesystem::path& dir, store::SnapshotStore& store,
                           const std::vector<store::DocumentSummary>& documents,
                           const std::vector<report::Story>& stories, const report::ChangeSet& set,
                           const report::HtmlReportContext& context) {
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
  std::map<store::DocumentId, std::vector<report::Figure>> figures_of;
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
    std::vector<report::Figure>& own = figures_of[document.document.id];
    own = report::document_figures(document, *versions);
    figures.insert(figures.end(), own.begin(), own.end());
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
  const report::MeasureLexicon lexicon(*terms);
  const std::vector<report::SiteStory> site_stories = stories_with_pages(documents, stories);
  std::set<store::DocumentId> with_pages;
  for (const report::SiteStory& story : site_stories) {
    with_pages.insert(story.story->id);
  }
  // Story by story, as `figures --ledger` reads them: one story's count never answers another's.
  if (const ExitCode written = write_file_atomically(
          dir / "figures.html",
          report::figures_page_html(report::ledgers_by_story(std::move(figures), stories, lexicon),
                                    with_pages, context.generated_at));
      written != ExitCode::ok) {
    return written;
  }
  if (const ExitCode written = write_story_pages(dir, site_stories, figures_of, lexicon, context.generated_at);
      written != ExitCode::ok) {
    return written;
  }
  // The index last: a reader who follows it finds every page it names.
  const ExitCode written = write_file_atomically(
      dir / "index.html", report::site_index_html(documents, site_stories, context.generated_at));
  if (written == ExitCode::ok) {
    spdlog::info("{}: {} documents, {} changes", dir.string(), documents.size(),
                 set.changes.size());
  }
  return written;
}

}  // namespace tracker::cli
