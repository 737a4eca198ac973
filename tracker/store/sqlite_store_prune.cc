// SqliteStore: removing old snapshots (`tracker prune`).
#include "tracker/store/sqlite_store.h"

namespace tracker::store {
namespace {

// Snapshots to remove, chosen first so that every later statement agrees on them.
constexpr const char* k_create_doomed =
    "CREATE TEMP TABLE IF NOT EXISTS prune_doomed (id INTEGER PRIMARY KEY, document_id INTEGER NOT "
    "NULL);"
    "DELETE FROM temp.prune_doomed;";

constexpr std::string_view k_choose =
    "INSERT INTO temp.prune_doomed (id, document_id) "
    "SELECT id, document_id FROM (SELECT id, document_id, fetched_at, "
    "  row_number() OVER (PARTITION BY document_id ORDER BY id DESC) AS newness FROM snapshots) "
    "WHERE newness > ?1 AND (?2 IS NULL OR fetched_at < ?2)";

// A pending message is sent from its own copy, but `alerts` shows its changes until then; and
// the newest change stays, since SQLite gives a new row the largest id plus one, and an alert
// rule's progress (last_change_id) would then pass over a new change of a reused id.
constexpr std::string_view k_spare =
    "DELETE FROM temp.prune_doomed WHERE id IN ("
    "  SELECT c.snapshot_id FROM outbox o, json_each(o.change_ids) j JOIN changes c ON c.id = "
    "j.value "
    "  WHERE o.status = 'pending') "
    "OR id = (SELECT snapshot_id FROM changes ORDER BY id DESC LIMIT 1)";

constexpr std::string_view k_tally =
    "SELECT count(*), count(DISTINCT d.document_id), "
    "  coalesce(sum(length(s.raw_compressed) + length(CAST(s.text AS BLOB)) + length(CAST(s.claims_json "
    "AS BLOB))), 0), "
    "  (SELECT count(*) FROM changes WHERE snapshot_id IN (SELECT id FROM temp.prune_doomed)) "
    "FROM temp.prune_doomed d JOIN snapshots s ON s.id = d.id";

constexpr const char* k_remove =
    "UPDATE outbox SET change_ids = (SELECT json_group_array(j.value) FROM "
    "json_each(outbox.change_ids) j "
    "  WHERE j.value NOT IN (SELECT c.id FROM changes c JOIN temp.prune_doomed d ON d.id = "
    "c.snapshot_id)) "
    "WHERE status <> 'pending' AND EXISTS (SELECT 1 FROM json_each(outbox.change_ids) j "
    "  JOIN changes c ON c.id = j.value JOIN temp.prune_doomed d ON d.id = c.snapshot_id);"
    "UPDATE changes SET previous_snapshot_id = NULL "
    "  WHERE previous_snapshot_id IN (SELECT id FROM temp.prune_doomed) "
    "  AND snapshot_id NOT IN (SELECT id FROM temp.prune_doomed);"
    "DELETE FROM changes WHERE snapshot_id IN (SELECT id FROM temp.prune_doomed);"
    "DELETE FROM snapshots WHERE id IN (SELECT id FROM temp.prune_doomed);";

}  // namespace

StoreResult<PruneTally> SqliteStore::prune_snapshots(const PruneOptions& options) {
  constexpr std::string_view doing = "prune snapshots";
  if (options.keep < 1) {
    return tl::make_unexpected(error(StoreErrorKind::invalid_input, doing,
                                     "every document keeps at least its newest snapshot"));
  }
  PruneTally tally;
  auto done = atomically(doing, [&]() -> StoreResult<void> {
    if (auto created = execute(m_db.get(), k_create_doomed); !created) {
      return tl::make_unexpected(error(doing, created.error()));
    }
    if (auto chosen = run_bound(k_choose, doing, static_cast<std::int64_t>(options.keep), options.fetched_before);
        !chosen) {
      return chosen;
    }
    if (auto spared = run_bound(k_spare, doing); !spared) {
      return spared;
    }
    tally.kept = sqlite3_changes(m_db.get());
    auto count = prepare(k_tally, doing);
    if (!count) {
      return tl::make_unexpected(std::move(count.error()));
    }
    auto row = count->step();
    if (!row || !*row) {
      return tl::make_unexpected(error(doing, row ? SQLITE_ERROR : row.error()));
    }
    tally.snapshots = count->int64(0);
    tally.documents = count->int64(1);
    tally.bytes = count->int64(2);
    tally.changes = count->int64(3);
    if (!options.dry_run && tally.snapshots > 0) {
      if (auto removed = execute(m_db.get(), k_remove); !removed) {
        return tl::make_unexpected(error(doing, removed.error()));
      }
    }
    if (auto emptied = execute(m_db.get(), "DELETE FROM temp.prune_doomed"); !emptied) {
      return tl::make_unexpected(error(doing, emptied.error()));
    }
    return {};
  });
  if (!done) {
    return tl::make_unexpected(std::move(done.error()));
  }
  return tally;
}

StoreResult<void> SqliteStore::vacuum() {
  if (auto done = execute(m_db.get(), "VACUUM"); !done) {
    return tl::make_unexpected(error("vacuum the store", done.error()));
  }
  return {};
}

}  // namespace tracker::store
