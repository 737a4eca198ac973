// PgStore: what the last fetch of each URL left behind (validators, failures, when it is
// next due, a source's problem).
#include "tracker/store/pg_store.h"

namespace tracker::store {

StoreResult<std::optional<FetchState>> PgStore::fetch_state(const std::string& url) {
  return bound_first_row(
      "SELECT url, etag, last_modified, last_fetch, last_status, last_error, "
      "consecutive_failures, next_due, problem FROM fetch_state WHERE url = $1",
      "read the fetch state",
      [](const PgRows& rows, int i) {
        return FetchState{rows.text(i, 0),
                          rows.text(i, 1),
                          rows.text(i, 2),
                          rows.optional_int64(i, 3),
                          static_cast<int>(rows.int64(i, 4)),
                          rows.text(i, 5),
                          static_cast<int>(rows.int64(i, 6)),
                          rows.optional_int64(i, 7),
                          rows.text(i, 8)};
      },
      url);
}

StoreResult<void> PgStore::put_fetch_state(const FetchState& state) {
  // last_success: SQLite's triggers keep it (schema.cc, migration 3); here the statement does.
  // A success is a row with no failure in a row and a fetch time: it sets last_success to that
  // time; any other row leaves the stored one as it was (NULL for a new URL).
  return run_bound(
      "INSERT INTO fetch_state (url, etag, last_modified, last_fetch, last_status, last_error, "
      "consecutive_failures, next_due, problem, last_success) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9, "
      "CASE WHEN $7::bigint = 0 AND $4::bigint IS NOT NULL THEN $4::bigint END) "
      "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
      "last_modified = excluded.last_modified, last_fetch = excluded.last_fetch, "
      "last_status = excluded.last_status, last_error = excluded.last_error, "
      "consecutive_failures = excluded.consecutive_failures, next_due = excluded.next_due, "
      "problem = excluded.problem, last_success = coalesce(excluded.last_success, "
      "fetch_state.last_success)",
      "record the fetch state", state.url, state.etag, state.last_modified, state.last_fetch,
      std::int64_t{state.last_status}, state.last_error, std::int64_t{state.consecutive_failures},
      state.next_due, state.problem);
}

}  // namespace tracker::store
