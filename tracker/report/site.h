#pragma once

#include <string>
#include <vector>

#include "tracker/report/stored_changes.h"
#include "tracker/store/document_summary.h"
#include "tracker/store/records.h"

namespace tracker::report {

// `tracker report --site DIR`: a browsable history as static pages, with the report's head,
// Content-Security-Policy and escaping, and no scripts. Versions are named by their number
// within the document and the time they were fetched, never by the store's snapshot ids.

// The page of one document's stored file name: "document-12.html".
std::string document_page_name(store::DocumentId id);

// index.html: the documents, newest activity first, each with its source, versions and changes,
// linking to its page; and links to changes.html, the report of every change, and to
// figures.html, the figure ledger of the documents (ledger_page.h).
std::string site_index_html(const std::vector<store::DocumentSummary>& documents, store::UnixSeconds generated_at);

// One document's page: every version (number, time fetched, headline, or why the story was
// gone), then each version's changes, newest first, before and after side by side.
std::string document_page_html(const store::DocumentSummary& document, const std::vector<store::Snapshot>& versions,
                               const std::vector<StoredChange>& changes);

}  // namespace tracker::report
