#pragma once

#include <string>
#include <vector>

#include "tracker/report/ledger.h"
#include "tracker/report/stored_changes.h"
#include "tracker/report/stories.h"
#include "tracker/store/document_summary.h"
#include "tracker/store/records.h"

namespace tracker::report {

// `tracker report --site DIR`: a browsable history as static pages, with the report's head,
// Content-Security-Policy and escaping, and no scripts. Versions are named by their number
// within the document and the time they were fetched, never by the store's snapshot ids.

// The page of one document's stored file name: "document-12.html".
std::string document_page_name(store::DocumentId id);

// A story with a page of its own: its documents among those the site shows.
struct SiteStory {
  const Story* story = nullptr;
  std::vector<const store::DocumentSummary*> documents;  // in the order they joined the story
};

// The page of one story's stored file name: "story-12.html" (the story's id).
std::string story_page_name(store::DocumentId id);

// index.html: the stories with a page (newest activity first, each with its documents, outlets
// and names), then the documents, newest activity first, each with its source, versions and
// changes, linking to its page; and links to changes.html, the report of every change, and to
// figures.html, the figure ledger of the documents (ledger_page.h).
std::string site_index_html(const std::vector<store::DocumentSummary>& documents,
                            const std::vector<SiteStory>& stories, store::UnixSeconds generated_at);

// One story's page: its name (the pin's, else its first document's title), outlets, names and
// time span, its documents linking to their pages, and its figure ledger (`ledgers`, built from
// its documents' figures alone) with a step chart per measure.
std::string story_page_html(const SiteStory& story, const std::vector<MeasureLedger>& ledgers,
                            store::UnixSeconds generated_at);

// One document's page: every version (number, time fetched, headline, or why the story was
// gone), then each version's changes, newest first, before and after side by side.
std::string document_page_html(const store::DocumentSummary& document, const std::vector<store::Snapshot>& versions,
                               const std::vector<StoredChange>& changes);

}  // namespace tracker::report
