// PgStore: each source's health, for `tracker status`.
#include "tracker/store/pg_store.h"

namespace tracker::store {

StoreResult<std::vector<SourceStatus>> PgStore::source_statuses() {
  // One pass over documents and snapshots (by their indexes), not one count per source. The
  // names sort by their bytes (COLLATE "C"), as SQLite's BINARY sorts them, not by the
  // database's locale; whether a fetch state exists comes as 1 or 0, not PostgreSQL's t or f.
  return bound_rows<SourceStatus>(
      "SELECT s.id, s.name, s.url, s.kind, (f.url IS NOT NULL)::integer, f.etag, f.last_modified, "
      "f.last_fetch, f.last_status, f.last_error, f.consecutive_failures, f.next_due, "
      "f.last_success, coalesce(c.documents, 0), coalesce(c.snapshots, 0), f.problem "
      "FROM sources s LEFT JOIN fetch_state f ON f.url = s.url "
      "LEFT JOIN (SELECT d.source_id, count(DISTINCT d.id) AS documents, count(n.id) AS snapshots "
      "           FROM documents d LEFT JOIN snapshots n ON n.document_id = d.id "
      "           GROUP BY d.source_id) c ON c.source_id = s.id "
      "ORDER BY s.name COLLATE \"C\", s.id",
      "read the sources' status", [](const PgRows& rows, int i) {
        SourceStatus status;
        status.source = Source{rows.int64(i, 0), rows.text(i, 1), rows.text(i, 2), rows.text(i, 3)};
        if (rows.int64(i, 4) != 0) {
          status.fetch = FetchState{rows.text(i, 2),
                                    rows.text(i, 5),
                                    rows.text(i, 6),
                                    rows.optional_int64(i, 7),
                                    static_cast<int>(rows.int64(i, 8)),
                                    rows.text(i, 9),
                                    static_cast<int>(rows.int64(i, 10)),
                                    rows.optional_int64(i, 11),
                                    rows.text(i, 15)};
        }
        status.last_success = rows.optional_int64(i, 12);
        status.documents = rows.int64(i, 13);
        status.snapshots = rows.int64(i, 14);
        return status;
      });
}

}  // namespace tracker::store
