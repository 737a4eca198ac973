// PgStore: the documents with their counts, for `tracker documents`.
#include <algorithm>
#include <utility>

#include "tracker/store/pg_store.h"

namespace tracker::store {
namespace {

// Named apart from sqlite_store_documents.cc's helpers: a unity build compiles both in one file.
DocumentSummary read_pg_summary(const PgRows& rows, int i) {
  DocumentSummary summary;
  summary.document = Document{rows.int64(i, 0), rows.int64(i, 1), rows.text(i, 2),
                              rows.text(i, 3),  rows.text(i, 4),  rows.int64(i, 5)};
  summary.source_name = rows.text(i, 6);
  summary.snapshots = rows.int64(i, 7);
  summary.changes = rows.int64(i, 8);
  summary.last_snapshot_at = rows.optional_int64(i, 9);
  summary.last_change_at = rows.optional_int64(i, 10);
  return summary;
}

}  // namespace

StoreResult<std::vector<DocumentSummary>> PgStore::document_summaries() {
  constexpr std::string_view doing = "list the documents";
  // One grouped pass over snapshots and one over changes, not a count per document.
  return bound_rows<DocumentSummary>(
      "SELECT d.id, d.source_id, d.key, d.url, d.title, d.first_seen, s.name, "
      "coalesce(n.snapshots, 0), coalesce(c.changes, 0), n.last_snapshot_at, c.last_change_at "
      "FROM documents d JOIN sources s ON s.id = d.source_id "
      "LEFT JOIN (SELECT document_id, count(*) AS snapshots, max(fetched_at) AS last_snapshot_at "
      "           FROM snapshots GROUP BY document_id) n ON n.document_id = d.id "
      "LEFT JOIN (SELECT document_id, count(*) AS changes, max(created_at) AS last_change_at "
      "           FROM changes GROUP BY document_id) c ON c.document_id = d.id "
      "ORDER BY coalesce(n.last_snapshot_at, d.first_seen) DESC, d.id DESC",
      doing, read_pg_summary);
}

StoreResult<std::vector<DocumentSummary>> PgStore::document_summaries(
    const std::vector<DocumentId>& only) {
  constexpr std::string_view doing = "list the documents";
  // Each by its id, its counts by the indexes on document_id: one story's few documents cost
  // nothing like the grouped passes over every snapshot and change above (a change's snapshot
  // is of its document, so its changes are found through changes_by_snapshot).
  std::vector<DocumentSummary> summaries;
  for (const DocumentId id : only) {
    auto summary = bound_first_row(
        "SELECT d.id, d.source_id, d.key, d.url, d.title, d.first_seen, s.name, "
        "(SELECT count(*) FROM snapshots WHERE document_id = d.id), "
        "(SELECT count(*) FROM changes WHERE snapshot_id IN (SELECT id FROM snapshots WHERE "
        "document_id = d.id)), "
        "(SELECT max(fetched_at) FROM snapshots WHERE document_id = d.id), "
        "(SELECT max(created_at) FROM changes WHERE snapshot_id IN (SELECT id FROM snapshots WHERE "
        "document_id = d.id)) "
        "FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = $1",
        doing, read_pg_summary, id);
    if (!summary) {
      return tl::make_unexpected(std::move(summary.error()));
    }
    if (*summary) {
      summaries.push_back(std::move(**summary));
    }
  }
  // In the order of the listing of every document: newest snapshot first.
  std::sort(summaries.begin(), summaries.end(),
            [](const DocumentSummary& a, const DocumentSummary& b) {
              return std::pair(a.last_snapshot_at.value_or(a.document.first_seen), a.document.id) >
                     std::pair(b.last_snapshot_at.value_or(b.document.first_seen), b.document.id);
            });
  return summaries;
}

}  // namespace tracker::store
