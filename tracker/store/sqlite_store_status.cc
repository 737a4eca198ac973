// SqliteStore: each source's health, for `tracker status`.
#include "tracker/store/sqlite_store.h"

namespace tracker::store {

StoreResult<std::vector<SourceStatus>> SqliteStore::source_statuses() {
  constexpr std::string_view doing = "read the sources' status";
  // One pass over documents and snapshots (by their indexes), not one count per source.
  auto select = prepare(
      "SELECT s.id, s.name, s.url, s.kind, f.url IS NOT NULL, f.etag, f.last_modified, "
      "f.last_fetch, f.last_status, f.last_error, f.consecutive_failures, f.next_due, "
      "f.last_success, coalesce(c.documents, 0), coalesce(c.snapshots, 0), f.problem "
      "FROM sources s LEFT JOIN fetch_state f ON f.url = s.url "
      "LEFT JOIN (SELECT d.source_id, count(DISTINCT d.id) AS documents, count(n.id) AS snapshots "
      "           FROM documents d LEFT JOIN snapshots n ON n.document_id = d.id "
      "           GROUP BY d.source_id) c ON c.source_id = s.id "
      "ORDER BY s.name, s.id",
      doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  return collect_rows<SourceStatus>(*select, doing, [](const Statement& row) {
    SourceStatus status;
    status.source = Source{row.int64(0), row.text(1), row.text(2), row.text(3)};
    if (row.int64(4) != 0) {
      status.fetch = FetchState{row.text(2),
                                row.text(5),
                                row.text(6),
                                row.optional_int64(7),
                                static_cast<int>(row.int64(8)),
                                row.text(9),
                                static_cast<int>(row.int64(10)),
                                row.optional_int64(11),
                                row.text(15)};
    }
    status.last_success = row.optional_int64(12);
    status.documents = row.int64(13);
    status.snapshots = row.int64(14);
    return status;
  });
}

}  // namespace tracker::store
