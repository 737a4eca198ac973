// SqliteStore: the documents with their counts, for `tracker documents`.
#include "tracker/store/sqlite_store.h"

namespace tracker::store {

StoreResult<std::vector<DocumentSummary>> SqliteStore::document_summaries() {
  constexpr std::string_view doing = "list the documents";
  // One grouped pass over snapshots and one over changes, not a count per document.
  auto select = prepare(
      "SELECT d.id, d.source_id, d.key, d.url, d.title, d.first_seen, s.name, "
      "coalesce(n.snapshots, 0), coalesce(c.changes, 0), n.last_snapshot_at, c.last_change_at "
      "FROM documents d JOIN sources s ON s.id = d.source_id "
      "LEFT JOIN (SELECT document_id, count(*) AS snapshots, max(fetched_at) AS last_snapshot_at "
      "           FROM snapshots GROUP BY document_id) n ON n.document_id = d.id "
      "LEFT JOIN (SELECT document_id, count(*) AS changes, max(created_at) AS last_change_at "
      "           FROM changes GROUP BY document_id) c ON c.document_id = d.id "
      "ORDER BY coalesce(n.last_snapshot_at, d.first_seen) DESC, d.id DESC",
      doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  return collect_rows<DocumentSummary>(*select, doing, [](const Statement& row) {
    DocumentSummary summary;
    summary.document =
        Document{row.int64(0), row.int64(1), row.text(2), row.text(3), row.text(4), row.int64(5)};
    summary.source_name = row.text(6);
    summary.snapshots = row.int64(7);
    summary.changes = row.int64(8);
    summary.last_snapshot_at = row.optional_int64(9);
    summary.last_change_at = row.optional_int64(10);
    return summary;
  });
}

}  // namespace tracker::store
