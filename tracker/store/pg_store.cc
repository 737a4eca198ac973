// PgStore: opening, errors, transactions, sources and documents. Snapshots and changes are in
// pg_store_snapshots.cc; the rest beside them, one file each, as SqliteStore's.
#include "tracker/store/pg_store.h"

#include "tracker/store/column_lists.h"
#include "tracker/store/pg_schema.h"

namespace tracker::store {
namespace {

// The key of the advisory lock every write transaction holds: one writer at a time, as in
// SQLite, so that "is this version stored already?" and the insert that follows cannot
// interleave with another run's.
constexpr std::int64_t k_write_lock = k_application_id;

Document read_document(const PgRows& rows, int i) {
  return Document{rows.int64(i, 0), rows.int64(i, 1), rows.text(i, 2),
                  rows.text(i, 3),  rows.text(i, 4),  rows.int64(i, 5)};
}

}  // namespace

StoreResult<std::unique_ptr<PgStore>> PgStore::open(const std::string& location,
                                                    const OpenOptions& options) {
  const std::string shown = redacted_location(location);
  PgConnection connection(PQconnectdb(location.c_str()));
  if (!connection) {
    return tl::make_unexpected(
        StoreError{StoreErrorKind::unavailable, shown + ": cannot connect: out of memory"});
  }
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    return tl::make_unexpected(
        StoreError{StoreErrorKind::unavailable,
                   shown + ": cannot connect: " + connection_problem(connection.get())});
  }
  std::unique_ptr<PgStore> store(new PgStore(shown, std::move(connection), options.busy_timeout));
  // Identity first: a database we refuse is left exactly as it was.
  if (auto configured = store->configure(options); !configured) {
    return tl::make_unexpected(std::move(configured.error()));
  }
  if (auto identity = store->check_identity(options); !identity) {
    return tl::make_unexpected(std::move(identity.error()));
  }
  if (options.discard_writes) {
    // Every write of a dry run goes into this transaction, which is never committed.
    if (auto begun = store->begin_locked("start the dry run"); !begun) {
      return tl::make_unexpected(std::move(begun.error()));
    }
    store->m_discard_writes = true;
  }
  if (!options.read_only) {
    if (auto migrated = store->migrate(); !migrated) {
      return tl::make_unexpected(std::move(migrated.error()));
    }
  }
  return store;
}

PgStore::~PgStore() {
  if (in_transaction()) {
    pg_execute(m_connection.get(), "ROLLBACK");
  }
}

StoreResult<void> PgStore::configure(const OpenOptions& options) {
  constexpr std::string_view doing = "configure the connection";
  // lock_timeout bounds the wait for the write lock (and any row lock): busy, as SQLite's
  // busy_timeout. Notices (an index that exists already) are not the user's business.
  std::string settings = "SET lock_timeout = " + std::to_string(options.busy_timeout.count()) +
                         "; SET client_min_messages = warning; SET bytea_output = 'hex'";
  if (options.read_only) {
    settings += "; SET default_transaction_read_only = on";
  }
  if (auto done = pg_execute(m_connection.get(), settings); !done) {
    return tl::make_unexpected(error(doing, done.error()));
  }
  return {};
}

StoreResult<void> PgStore::check_identity(const OpenOptions& options) {
  constexpr std::string_view doing = "read the store";
  auto marked = read_integer(
      "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
      "AND tablename = 'tracker_schema'",
      doing);
  if (!marked) {
    return tl::make_unexpected(std::move(marked.error()));
  }
  if (*marked == 0) {
    auto tables =
        read_integer("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", doing);
    if (!tables) {
      return tl::make_unexpected(std::move(tables.error()));
    }
    if (*tables != 0) {
      return tl::make_unexpected(
          error(StoreErrorKind::not_a_store, "",
                "not a tracker store: a PostgreSQL database of another program "
                "(its schema holds tables, none of them tracker's)"));
    }
    if (!options.create || options.read_only) {
      return tl::make_unexpected(
          error(StoreErrorKind::unavailable, "", "no store here (nothing has been stored yet)"));
    }
    return {};
  }
  auto identity = bound_first_row(
      "SELECT application_id, version FROM tracker_schema WHERE id = 1", doing,
      [](const PgRows& rows, int i) { return std::pair(rows.int64(i, 0), rows.int64(i, 1)); });
  if (!identity) {
    return tl::make_unexpected(std::move(identity.error()));
  }
  if (!identity->has_value() || (*identity)->first != k_application_id) {
    return tl::make_unexpected(
        error(StoreErrorKind::not_a_store, "",
              "not a tracker store: its tracker_schema table is another program's"));
  }
  const std::int64_t version = (*identity)->second;
  if (version > k_schema_version) {
    return tl::make_unexpected(error(StoreErrorKind::newer_schema, "",
                                     "store schema version " + std::to_string(version) +
                                         " is newer than this tracker understands (" +
                                         std::to_string(k_schema_version) + "); upgrade tracker"));
  }
  return {};
}

StoreResult<void> PgStore::migrate() {
  constexpr std::string_view doing = "migrate the store schema";
  return atomically(doing, [&]() -> StoreResult<void> {
    // Read under the write lock: another run may have made or migrated the tables meanwhile.
    auto marked = read_integer(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
        "AND tablename = 'tracker_schema'",
        doing);
    if (!marked) {
      return tl::make_unexpected(std::move(marked.error()));
    }
    std::int64_t current = 0;
    if (*marked != 0) {
      auto version = read_integer("SELECT version FROM tracker_schema WHERE id = 1", doing);
      if (!version) {
        return tl::make_unexpected(std::move(version.error()));
      }
      current = *version;
    }
    for (const Migration& migration : pg_migrations()) {
      if (migration.version <= current) {
        continue;
      }
      if (auto done = pg_execute(m_connection.get(), migration.sql); !done) {
        return tl::make_unexpected(
            error("migrate to schema version " + std::to_string(migration.version), done.error()));
      }
      // A later step records its version here; the first one inserts the row itself.
      if (auto recorded = run_bound("UPDATE tracker_schema SET version = $1 WHERE id = 1", doing,
                                    std::int64_t{migration.version});
          !recorded) {
        return recorded;
      }
    }
    return {};
  });
}

StoreError PgStore::error(StoreErrorKind kind, std::string_view doing,
                          std::string_view problem) const {
  std::string message = m_location;
  message += doing.empty() ? ": " : ": cannot " + std::string(doing) + ": ";
  message += problem;
  return StoreError{kind, std::move(message)};
}

StoreError PgStore::error(std::string_view doing, const PgFailure& failure) const {
  const std::string& state = failure.sqlstate;
  const std::string_view state_class = std::string_view(state).substr(0, 2);
  if (state == "53100") {  // disk_full
    return error(StoreErrorKind::disk_full, doing,
                 "the disk holding the database is full; nothing stored before is lost: free some "
                 "space and run again");
  }
  if (state == "55P03" || state == "40P01" ||
      state == "40001") {  // lock timeout, deadlock, serialization
    return error(StoreErrorKind::busy, doing,
                 "store is busy: another tracker run has been writing to it for over " +
                     std::to_string(m_busy_timeout.count()) + " ms; try again when it is done");
  }
  if (state == "23503") {  // foreign_key_violation
    return error(StoreErrorKind::invalid_input, doing,
                 "it refers to a source, document or snapshot that is not in the store");
  }
  if (state_class == "23" || state_class == "22") {  // integrity constraint, data exception
    return error(StoreErrorKind::invalid_input, doing, failure.message);
  }
  if (state == "XX001" || state == "XX002") {  // data_corrupted, index_corrupted
    return error(StoreErrorKind::corrupt, doing, "the store is damaged (" + failure.message + ")");
  }
  // No SQLSTATE: the connection broke. 08: connection exceptions; 57P: the server shut down;
  // 25006: a read-only transaction; 42501: no privilege; 3D000: no such database.
  if (state.empty() || state_class == "08" || state.starts_with("57P") || state == "25006" ||
      state == "42501" || state == "3D000") {
    return error(StoreErrorKind::unavailable, doing, failure.message);
  }
  return error(StoreErrorKind::failed, doing, failure.message);
}

bool PgStore::in_transaction() const {
  return PQtransactionStatus(m_connection.get()) != PQTRANS_IDLE;
}

StoreResult<void> PgStore::begin_locked(std::string_view doing) {
  if (auto begun = pg_execute(m_connection.get(), "BEGIN"); !begun) {
    return tl::make_unexpected(error(doing, begun.error()));
  }
  if (auto locked = run_bound("SELECT pg_advisory_xact_lock($1)", doing, k_write_lock); !locked) {
    pg_execute(m_connection.get(), "ROLLBACK");
    return locked;
  }
  return {};
}

StoreResult<void> PgStore::atomically(std::string_view doing,
                                      const std::function<StoreResult<void>()>& body) {
  const bool own_transaction = !in_transaction();
  if (own_transaction) {
    if (auto begun = begin_locked(doing); !begun) {
      return begun;
    }
  } else if (auto saved = pg_execute(m_connection.get(), "SAVEPOINT operation"); !saved) {
    return tl::make_unexpected(error(doing, saved.error()));
  }
  StoreResult<void> result = body();
  if (result) {
    auto ended = pg_execute(m_connection.get(), own_transaction ? "COMMIT" : "RELEASE operation");
    if (ended) {
      return result;
    }
    result = tl::make_unexpected(error(doing, ended.error()));
  }
  pg_execute(m_connection.get(),
             own_transaction ? "ROLLBACK" : "ROLLBACK TO operation; RELEASE operation");
  return result;
}

StoreResult<void> PgStore::begin_transaction() {
  if (m_discard_writes) {
    if (auto saved = pg_execute(m_connection.get(), "SAVEPOINT dry_run"); !saved) {
      return tl::make_unexpected(error("begin a transaction", saved.error()));
    }
    return {};
  }
  if (in_transaction()) {
    return tl::make_unexpected(error(StoreErrorKind::invalid_input, "begin a transaction",
                                     "a transaction is already open"));
  }
  return begin_locked("begin a transaction");
}

StoreResult<void> PgStore::commit_transaction() {
  if (auto committed =
          pg_execute(m_connection.get(), m_discard_writes ? "RELEASE dry_run" : "COMMIT");
      !committed) {
    return tl::make_unexpected(error("commit", committed.error()));
  }
  return {};
}

void PgStore::rollback_transaction() noexcept {
  if (m_discard_writes) {
    pg_execute(m_connection.get(), "ROLLBACK TO dry_run; RELEASE dry_run");
  } else if (in_transaction()) {
    pg_execute(m_connection.get(), "ROLLBACK");
  }
}

StoreResult<std::optional<Source>> PgStore::source(SourceId id) {
  return bound_first_row(
      "SELECT id, name, url, kind FROM sources WHERE id = $1", "read a source",
      [](const PgRows& rows, int i) {
        return Source{rows.int64(i, 0), rows.text(i, 1), rows.text(i, 2), rows.text(i, 3)};
      },
      id);
}

StoreResult<SourceId> PgStore::upsert_source(const std::string& name, const std::string& url,
                                             const std::string& kind) {
  StoreResult<SourceId> id = 0;
  auto stored = atomically("record the source", [&]() -> StoreResult<void> {
    id = read_integer(
        "INSERT INTO sources (name, url, kind) VALUES ($1, $2, $3) "
        "ON CONFLICT (url) DO UPDATE SET name = excluded.name, kind = excluded.kind RETURNING id",
        "record the source", name, url, kind);
    return id.map([](SourceId) {});
  });
  return stored ? id : tl::make_unexpected(std::move(stored.error()));
}

StoreResult<std::optional<Document>> PgStore::document(DocumentId id) {
  return bound_first_row(std::string(k_document_columns) + "WHERE id = $1", "read a document",
                         read_document, id);
}

StoreResult<std::optional<Document>> PgStore::find_document(SourceId source, const std::string& key,
                                                            const std::string& url) {
  // The source's own document first; another source's only when it is the same key at the
  // same URL; the oldest such when there are several.
  return bound_first_row(std::string(k_document_columns) +
                             "WHERE key = $2 AND (source_id = $1 OR url = $3) "
                             "ORDER BY source_id = $1 DESC, id LIMIT 1",
                         "read a document", read_document, source, key, url);
}

StoreResult<std::vector<Document>> PgStore::recent_documents(SourceId source, std::size_t limit) {
  return bound_rows<Document>(std::string(k_document_columns) +
                                  "WHERE source_id = $1 ORDER BY first_seen DESC, id DESC LIMIT $2",
                              "list the source's documents", read_document, source,
                              static_cast<std::int64_t>(limit));
}

StoreResult<std::vector<Document>> PgStore::all_documents() {
  return bound_rows<Document>(std::string(k_document_columns) + "ORDER BY id", "list the documents",
                              read_document);
}

StoreResult<DocumentId> PgStore::ensure_document(const DocumentInput& input) {
  constexpr std::string_view doing = "record the document";
  StoreResult<DocumentId> id = 0;
  auto stored = atomically(doing, [&]() -> StoreResult<void> {
    auto found = find_document(input.source_id, input.key, input.url);
    if (!found) {
      return tl::make_unexpected(std::move(found.error()));
    }
    if (found->has_value() && (*found)->source_id != input.source_id) {
      id = (*found)->id;  // another source's article, listed here too: its own feed names it
      return {};
    }
    // Story terms read the title where a document has no version, or one without a headline:
    // a new title drops them, to be found again by the run's last step.
    if (found->has_value() && (*found)->title != input.title) {
      if (auto dropped = drop_story_terms((*found)->id, doing); !dropped) {
        return dropped;
      }
    }
    id = read_integer(
        "INSERT INTO documents (source_id, key, url, title, first_seen) VALUES ($1, $2, $3, $4, "
        "$5) "
        "ON CONFLICT (source_id, key) DO UPDATE SET url = excluded.url, title = excluded.title "
        "RETURNING id",
        doing, input.source_id, input.key, input.url, input.title, input.seen_at);
    return id.map([](DocumentId) {});
  });
  return stored ? id : tl::make_unexpected(std::move(stored.error()));
}

}  // namespace tracker::store
