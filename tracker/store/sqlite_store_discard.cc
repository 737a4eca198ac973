// OpenOptions::discard_writes: a store that `run --dry-run` may write to freely, because none
// of it is ever committed. One outer transaction holds every write; the run's own
// transactions become savepoints inside it.
#include "tracker/store/sqlite_store.h"

namespace tracker::store {
namespace {

// SQLite calls this before every commit; non-zero turns the commit into a rollback.
int refuse_commit(void* /*unused*/) {
  return 1;
}

}  // namespace

SqliteStore::~SqliteStore() {
  if (m_discard_writes && sqlite3_get_autocommit(m_db.get()) == 0) {
    execute(m_db.get(), "ROLLBACK");
  }
}

StoreResult<void> SqliteStore::start_discarding() {
  m_discard_writes = true;
  sqlite3_commit_hook(m_db.get(), refuse_commit, nullptr);
  // IMMEDIATE: the run reads what it writes against a store no one else changes meanwhile.
  if (auto begun = execute(m_db.get(), "BEGIN IMMEDIATE"); !begun) {
    return tl::make_unexpected(error("start the dry run", begun.error()));
  }
  // A migration inside the transaction cannot turn foreign keys off; they are checked at the
  // commit that never comes.
  if (auto deferred = execute(m_db.get(), "PRAGMA defer_foreign_keys = ON"); !deferred) {
    return tl::make_unexpected(error("start the dry run", deferred.error()));
  }
  return {};
}

StoreResult<void> SqliteStore::begin_discarded_transaction() {
  if (auto begun = execute(m_db.get(), "SAVEPOINT dry_run"); !begun) {
    return tl::make_unexpected(error("begin a transaction", begun.error()));
  }
  return {};
}

StoreResult<void> SqliteStore::commit_discarded_transaction() {
  if (auto released = execute(m_db.get(), "RELEASE dry_run"); !released) {
    return tl::make_unexpected(error("commit", released.error()));
  }
  return {};
}

void SqliteStore::rollback_discarded_transaction() noexcept {
  execute(m_db.get(), "ROLLBACK TO dry_run; RELEASE dry_run");
}

}  // namespace tracker::store
