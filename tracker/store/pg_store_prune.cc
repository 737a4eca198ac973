// PgStore: removing old snapshots (`tracker prune`), as SqliteStore's (sqlite_store_prune.cc).
#include <array>

#include "tracker/store/pg_store.h"

namespace tracker::store {
namespace {

// The snapshots to remove, as a common table expression that every statement of one prune
// starts with: the same rows each time, since the prune holds the write lock (and a dry run,
// read-only, runs the tally alone). `chosen`: beyond the newest $1 of each document and, with
// $2, fetched before it; `spared`: those of them that a pending message reports a change of,
// or that hold the newest change (alert rules' progress is measured in change ids).
constexpr std::string_view k_doomed =
    "WITH chosen AS (SELECT id, document_id FROM (SELECT id, document_id, fetched_at, "
    "  row_number() OVER (PARTITION BY document_id ORDER BY id DESC) AS newness FROM snapshots) AS "
    "ranked "
    "  WHERE newness > $1 AND ($2::bigint IS NULL OR fetched_at < $2::bigint)), "
    "spared AS (SELECT id FROM chosen WHERE id IN ("
    "  SELECT c.snapshot_id FROM outbox o, json_array_elements_text(o.change_ids::json) AS "
    "j(value) "
    "  JOIN changes c ON c.id = j.value::bigint WHERE o.status = 'pending') "
    "  OR id = (SELECT snapshot_id FROM changes ORDER BY id DESC LIMIT 1)), "
    "doomed AS (SELECT id, document_id FROM chosen WHERE id NOT IN (SELECT id FROM spared)) ";

constexpr std::string_view k_tally =
    "SELECT count(*), count(DISTINCT d.document_id), "
    "  coalesce(sum(octet_length(s.raw_compressed) + octet_length(s.text) + "
    "octet_length(s.claims_json)), 0), "
    "  (SELECT count(*) FROM changes WHERE snapshot_id IN (SELECT id FROM doomed)), "
    "  (SELECT count(*) FROM spared) "
    "FROM doomed d JOIN snapshots s ON s.id = d.id";

// In this order: sent and failed messages stop listing the changes that go, a kept change
// whose previous snapshot goes says so no more, then the changes and snapshots go.
constexpr std::array<std::string_view, 4> k_remove = {
    "UPDATE outbox SET change_ids = (SELECT coalesce(json_agg(j.value::bigint), '[]'::json)::text "
    "  FROM json_array_elements_text(outbox.change_ids::json) AS j(value) "
    "  WHERE j.value::bigint NOT IN (SELECT c.id FROM changes c JOIN doomed d ON d.id = "
    "c.snapshot_id)) "
    "WHERE status <> 'pending' AND EXISTS (SELECT 1 FROM "
    "json_array_elements_text(outbox.change_ids::json) "
    "  AS j(value) JOIN changes c ON c.id = j.value::bigint JOIN doomed d ON d.id = c.snapshot_id)",
    "UPDATE changes SET previous_snapshot_id = NULL WHERE previous_snapshot_id IN (SELECT id FROM "
    "doomed) "
    "  AND snapshot_id NOT IN (SELECT id FROM doomed)",
    "DELETE FROM changes WHERE snapshot_id IN (SELECT id FROM doomed)",
    "DELETE FROM snapshots WHERE id IN (SELECT id FROM doomed)",
};

}  // namespace

StoreResult<PruneTally> PgStore::prune_snapshots(const PruneOptions& options) {
  constexpr std::string_view doing = "prune snapshots";
  if (options.keep < 1) {
    return tl::make_unexpected(error(StoreErrorKind::invalid_input, doing,
                                     "every document keeps at least its newest snapshot"));
  }
  const auto keep = static_cast<std::int64_t>(options.keep);
  PruneTally tally;
  auto count = [&]() -> StoreResult<void> {
    auto counted =
        query(std::string(k_doomed) + std::string(k_tally), doing, keep, options.fetched_before);
    if (!counted) {
      return tl::make_unexpected(std::move(counted.error()));
    }
    tally = PruneTally{counted->int64(0, 0), counted->int64(0, 1), counted->int64(0, 3),
                       counted->int64(0, 2), counted->int64(0, 4)};
    return {};
  };
  if (options.dry_run) {
    return count().map([&] { return tally; });
  }
  auto done = atomically(doing, [&]() -> StoreResult<void> {
    if (auto counted = count(); !counted || tally.snapshots == 0) {
      return counted;
    }
    for (std::string_view statement : k_remove) {
      if (auto removed = run_bound(std::string(k_doomed) + std::string(statement), doing, keep,
                                   options.fetched_before);
          !removed) {
        return removed;
      }
    }
    return {};
  });
  if (!done) {
    return tl::make_unexpected(std::move(done.error()));
  }
  return tally;
}

StoreResult<void> PgStore::vacuum() {
  // VACUUM cannot run inside a transaction block; FULL rewrites the tables so that their files
  // shrink, where a plain VACUUM only marks the space for reuse (autovacuum does that anyway).
  if (auto done = pg_execute(m_connection.get(), "VACUUM FULL snapshots, changes, outbox"); !done) {
    return tl::make_unexpected(error("vacuum the store", done.error()));
  }
  return {};
}

}  // namespace tracker::store
