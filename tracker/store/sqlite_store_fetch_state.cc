// SqliteStore: what the last fetch of each URL left behind (validators, failures, when it is
// next due, a source's problem).
#include "tracker/store/sqlite_store.h"

namespace tracker::store {

StoreResult<std::optional<FetchState>> SqliteStore::fetch_state(const std::string& url) {
  constexpr std::string_view doing = "read the fetch state";
  auto select = prepare(
      "SELECT url, etag, last_modified, last_fetch, last_status, last_error, "
      "consecutive_failures, next_due, problem FROM fetch_state WHERE url = ?1",
      doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, url);
  auto row = select->step();
  if (!row) {
    return tl::make_unexpected(error(doing, row.error()));
  }
  if (!*row) {
    return std::nullopt;
  }
  return FetchState{select->text(0),
                    select->text(1),
                    select->text(2),
                    select->optional_int64(3),
                    static_cast<int>(select->int64(4)),
                    select->text(5),
                    static_cast<int>(select->int64(6)),
                    select->optional_int64(7),
                    select->text(8)};
}

StoreResult<void> SqliteStore::put_fetch_state(const FetchState& state) {
  constexpr std::string_view doing = "record the fetch state";
  auto upsert = prepare(
      "INSERT INTO fetch_state (url, etag, last_modified, last_fetch, last_status, last_error, "
      "consecutive_failures, next_due, problem) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
      "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
      "last_modified = excluded.last_modified, last_fetch = excluded.last_fetch, "
      "last_status = excluded.last_status, last_error = excluded.last_error, "
      "consecutive_failures = excluded.consecutive_failures, next_due = excluded.next_due, "
      "problem = excluded.problem",
      doing);
  if (!upsert) {
    return tl::make_unexpected(std::move(upsert.error()));
  }
  upsert->bind(1, state.url);
  upsert->bind(2, state.etag);
  upsert->bind(3, state.last_modified);
  upsert->bind_optional(4, state.last_fetch);
  upsert->bind(5, std::int64_t{state.last_status});
  upsert->bind(6, state.last_error);
  upsert->bind(7, std::int64_t{state.consecutive_failures});
  upsert->bind_optional(8, state.next_due);
  upsert->bind(9, state.problem);
  if (auto done = upsert->run(); !done) {
    return tl::make_unexpected(error(doing, done.error()));
  }
  return {};
}

}  // namespace tracker::store
