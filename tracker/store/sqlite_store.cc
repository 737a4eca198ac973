#include "tracker/store/sqlite_store.h"

#include <cerrno>
#include <system_error>

#include "tracker/store/column_lists.h"
#include "tracker/store/read_only_connection.h"
#include "tracker/store/schema.h"

namespace tracker::store {
namespace {

Document read_document(const Statement& row) {
  return Document{row.int64(0), row.int64(1), row.text(2), row.text(3), row.text(4), row.int64(5)};
}

}  // namespace

StoreResult<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& path,
                                                            const OpenOptions& options) {
  auto failure = [&path](StoreErrorKind kind, const std::string& problem) {
    return tl::make_unexpected(StoreError{kind, path.string() + ": " + problem});
  };
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  const bool must_exist = !options.create || options.read_only;
  if (must_exist && !std::filesystem::exists(status)) {
    return failure(StoreErrorKind::unavailable, "no store here (nothing has been stored yet)");
  }
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    return failure(StoreErrorKind::not_a_store,
                   std::filesystem::is_directory(status)
                       ? "not a tracker store but a directory"
                       : "not a tracker store: not a regular file (a device or a pipe?)");
  }
  // SQLite would make an empty file a new store; a command that only reads leaves it be.
  if (must_exist && std::filesystem::file_size(path, ec) == 0 && !ec) {
    return failure(StoreErrorKind::not_a_store, "not a tracker store: the file is empty");
  }
  if (options.read_only) {
    auto db = connect_read_only(path);
    if (!db) {
      return failure(StoreErrorKind::unavailable, db.error());
    }
    std::unique_ptr<SqliteStore> store(new SqliteStore(path, std::move(*db), options.busy_timeout));
    if (StoreResult<void> identity = store->check_identity(); !identity) {
      return tl::make_unexpected(std::move(identity.error()));
    }
    auto version = store->read_integer("PRAGMA user_version", "read the schema version");
    if (!version) {
      return tl::make_unexpected(std::move(version.error()));
    }
    if (*version >= k_schema_version) {
      return store;
    }
    // An older store is migrated first, which takes write access once.
    store.reset();
    OpenOptions writing = options;
    writing.read_only = false;
    writing.create = false;
    return open(path, writing);
  }
  // A dry run on a store not made yet reads an empty one, and creates nothing.
  const bool in_memory = options.discard_writes && !std::filesystem::exists(status);
  if (path.has_parent_path() && !in_memory) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      return failure(
          StoreErrorKind::unavailable,
          "cannot create the directory " + path.parent_path().string() + ": " + ec.message());
    }
  }
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
  const int result = sqlite3_open_v2(in_memory ? ":memory:" : path.c_str(), &raw, flags, nullptr);
  SqliteDb db(raw);
  if (result != SQLITE_OK) {
    return failure(StoreErrorKind::unavailable,
                   std::string("cannot open the store: ") +
                       (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(result)));
  }
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), static_cast<int>(options.busy_timeout.count()));

  std::unique_ptr<SqliteStore> store(new SqliteStore(path, std::move(db), options.busy_timeout));
  store->m_in_memory = in_memory;
  // Identity first: a file we refuse is left exactly as it was. A dry run migrates an older
  // schema inside the transaction it never commits.
  std::vector<StoreResult<void> (SqliteStore::*)()> steps = {&SqliteStore::check_identity,
                                                             &SqliteStore::configure};
  if (options.discard_writes) {
    steps.push_back(&SqliteStore::start_discarding);
  }
  steps.push_back(&SqliteStore::migrate);
  for (auto step : steps) {
    if (StoreResult<void> done = (store.get()->*step)(); !done) {
      return tl::make_unexpected(std::move(done.error()));
    }
  }
  return store;
}

StoreResult<std::int64_t> SqliteStore::read_integer(std::string_view sql, std::string_view doing) {
  auto statement = prepare(sql, doing);
  if (!statement) {
    return tl::make_unexpected(std::move(statement.error()));
  }
  auto row = statement->step();
  if (!row) {
    return tl::make_unexpected(error(doing, row.error()));
  }
  return *row ? statement->int64(0) : 0;
}

StoreResult<void> SqliteStore::check_identity() {
  constexpr std::string_view doing = "read the store";
  auto application_id = read_integer("PRAGMA application_id", doing);
  if (!application_id) {
    return tl::make_unexpected(std::move(application_id.error()));
  }
  auto version = read_integer("PRAGMA user_version", doing);
  if (!version) {
    return tl::make_unexpected(std::move(version.error()));
  }
  auto objects = read_integer("SELECT count(*) FROM sqlite_master", doing);
  if (!objects) {
    return tl::make_unexpected(std::move(objects.error()));
  }
  const bool empty = *application_id == 0 && *version == 0 && *objects == 0;
  if (*application_id != k_application_id && !empty) {
    return tl::make_unexpected(error(StoreErrorKind::not_a_store, "",
                                     "not a tracker store: an SQLite database of another program"));
  }
  if (*version > k_schema_version) {
    return tl::make_unexpected(error(StoreErrorKind::newer_schema, "",
                                     "store schema version " + std::to_string(*version) +
                                         " is newer than this tracker understands (" +
                                         std::to_string(k_schema_version) + "); upgrade tracker"));
  }
  return {};
}

StoreResult<void> SqliteStore::configure() {
  constexpr std::string_view doing = "configure the store";
  auto journal = prepare("PRAGMA journal_mode = WAL", doing);
  if (!journal) {
    return tl::make_unexpected(std::move(journal.error()));
  }
  auto row = journal->step();
  if (!row) {
    return tl::make_unexpected(error(doing, row.error()));
  }
  const std::string mode = *row ? journal->text(0) : std::string();
  if (mode != "wal" && !(m_in_memory && mode == "memory")) {
    return tl::make_unexpected(
        error(StoreErrorKind::unavailable, doing,
              "SQLite cannot use write-ahead logging here (a network file system?)"));
  }
  for (const char* pragma : {"PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"}) {
    if (auto done = execute(m_db.get(), pragma); !done) {
      return tl::make_unexpected(error(doing, done.error()));
    }
  }
  return {};
}

StoreResult<void> SqliteStore::migrate() {
  constexpr std::string_view doing = "read the schema version";
  auto outside = read_integer("PRAGMA user_version", doing);
  if (!outside || *outside >= k_schema_version) {
    return outside.map([](std::int64_t) {});  // up to date: no need to wait for a writer
  }
  // A migration that rebuilds a table drops the old one, which foreign keys would refuse while
  // snapshots point into it; SQLite's way is to turn them off outside the transaction and
  // check them all before committing (foreign_key_check below).
  if (auto off = execute(m_db.get(), "PRAGMA foreign_keys = OFF"); !off) {
    return tl::make_unexpected(error("migrate the store schema", off.error()));
  }
  auto migrated = atomically("migrate the store schema", [&]() -> StoreResult<void> {
    // Read again inside the transaction: another run may have migrated while this one waited.
    auto version = read_integer("PRAGMA user_version", doing);
    if (!version) {
      return tl::make_unexpected(std::move(version.error()));
    }
    const std::int64_t current = *version;
    for (const Migration& migration : migrations()) {
      if (migration.version > current) {
        if (auto done = execute(m_db.get(), migration.sql); !done) {
          return tl::make_unexpected(error(
              "migrate to schema version " + std::to_string(migration.version), done.error()));
        }
      }
    }
    auto broken = read_integer("SELECT count(*) FROM pragma_foreign_key_check", doing);
    if (!broken) {
      return tl::make_unexpected(std::move(broken.error()));
    }
    if (*broken != 0) {
      return tl::make_unexpected(error(StoreErrorKind::corrupt, "migrate the store schema",
                                       "the store is damaged: " + std::to_string(*broken) +
                                           " rows refer to rows that are not there"));
    }
    return {};
  });
  if (auto on = execute(m_db.get(), "PRAGMA foreign_keys = ON"); !on && migrated) {
    return tl::make_unexpected(error("migrate the store schema", on.error()));
  }
  return migrated;
}

StoreError SqliteStore::error(StoreErrorKind kind, std::string_view doing,
                              std::string_view problem) const {
  std::string message = m_path.string();
  message += doing.empty() ? ": " : ": cannot " + std::string(doing) + ": ";
  message += problem;
  return StoreError{kind, std::move(message)};
}

StoreError SqliteStore::error(std::string_view doing, int result) const {
  // The connection's message explains `result` only if it is the connection's last error.
  const std::string sqlite_message = sqlite3_extended_errcode(m_db.get()) == result
                                         ? sqlite3_errmsg(m_db.get())
                                         : sqlite3_errstr(result);
  // A full disk shows as SQLITE_FULL when a write finds no room, but as SQLITE_IOERR when the
  // WAL index or journal cannot be created or grown: the system error tells them apart.
  const bool no_space = (result & 0xff) == SQLITE_FULL ||
                        ((result & 0xff) == SQLITE_IOERR && sqlite3_system_errno(m_db.get()) == ENOSPC);
  if (no_space) {
    return error(StoreErrorKind::disk_full, doing,
                 "the disk holding the store is full; nothing stored before is lost: free some "
                 "space and run again");
  }
  switch (result & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return error(StoreErrorKind::busy, doing,
                   "store is busy: another tracker run has been writing to it for over " +
                       std::to_string(m_busy_timeout.count()) + " ms; try again when it is done");
    case SQLITE_NOTADB:
      return error(StoreErrorKind::not_a_store, "", "not a tracker store: not an SQLite database");
    case SQLITE_CORRUPT:
      return error(StoreErrorKind::corrupt, doing, "the store is damaged (" + sqlite_message + ")");
    case SQLITE_CONSTRAINT:
      if (result == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return error(StoreErrorKind::invalid_input, doing,
                     "it refers to a source, document or snapshot that is not in the store");
      }
      return error(StoreErrorKind::invalid_input, doing, sqlite_message);
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return error(StoreErrorKind::unavailable, doing, sqlite_message);
    default:
      return error(StoreErrorKind::failed, doing, sqlite_message);
  }
}

StoreResult<Statement> SqliteStore::prepare(std::string_view sql, std::string_view doing) {
  auto statement = m_statements.prepare(m_db.get(), sql);
  if (!statement) {
    return tl::make_unexpected(error(doing, statement.error()));
  }
  return std::move(*statement);
}

StoreResult<void> SqliteStore::atomically(std::string_view doing,
                                          const std::function<StoreResult<void>()>& body) {
  const bool own_transaction = sqlite3_get_autocommit(m_db.get()) != 0;
  if (auto begun = execute(m_db.get(), own_transaction ? "BEGIN IMMEDIATE" : "SAVEPOINT operation");
      !begun) {
    return tl::make_unexpected(error(doing, begun.error()));
  }
  StoreResult<void> result = body();
  if (result) {
    auto ended = execute(m_db.get(), own_transaction ? "COMMIT" : "RELEASE operation");
    if (ended) {
      return result;
    }
    result = tl::make_unexpected(error(doing, ended.error()));
  }
  // Fails harmlessly when SQLite has already rolled back on its own (a full disk, say).
  execute(m_db.get(), own_transaction ? "ROLLBACK" : "ROLLBACK TO operation; RELEASE operation");
  return result;
}

StoreResult<void> SqliteStore::begin_transaction() {
  if (m_discard_writes) {
    return begin_discarded_transaction();
  }
  if (sqlite3_get_autocommit(m_db.get()) == 0) {
    return tl::make_unexpected(error(StoreErrorKind::invalid_input, "begin a transaction",
                                     "a transaction is already open"));
  }
  if (auto begun = execute(m_db.get(), "BEGIN IMMEDIATE"); !begun) {
    return tl::make_unexpected(error("begin a transaction", begun.error()));
  }
  return {};
}

StoreResult<void> SqliteStore::commit_transaction() {
  if (m_discard_writes) {
    return commit_discarded_transaction();
  }
  if (auto committed = execute(m_db.get(), "COMMIT"); !committed) {
    return tl::make_unexpected(error("commit", committed.error()));
  }
  return {};
}

void SqliteStore::rollback_transaction() noexcept {
  if (m_discard_writes) {
    rollback_discarded_transaction();
    return;
  }
  if (sqlite3_get_autocommit(m_db.get()) == 0) {
    execute(m_db.get(), "ROLLBACK");
  }
}

StoreResult<void> SqliteStore::check_integrity() {
  constexpr std::string_view doing = "check the store";
  std::string problems;
  for (std::string_view sql : {"PRAGMA integrity_check", "PRAGMA foreign_key_check"}) {
    auto check = prepare(sql, doing);
    if (!check) {
      return tl::make_unexpected(std::move(check.error()));
    }
    for (;;) {
      auto row = check->step();
      if (!row) {
        return tl::make_unexpected(error(doing, row.error()));
      }
      if (!*row) {
        break;
      }
      const std::string line = sql == "PRAGMA integrity_check"
                                   ? check->text(0)
                                   : "foreign key broken in table " + check->text(0);
      if (line != "ok") {
        problems += problems.empty() ? line : "; " + line;
      }
    }
  }
  if (!problems.empty()) {
    return tl::make_unexpected(error(StoreErrorKind::corrupt, "", "store is damaged: " + problems));
  }
  return {};
}

StoreResult<std::optional<Source>> SqliteStore::source(SourceId id) {
  constexpr std::string_view doing = "read a source";
  auto select = prepare("SELECT id, name, url, kind FROM sources WHERE id = ?1", doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, id);
  return first_row(*select, doing, [](const Statement& row) {
    return Source{row.int64(0), row.text(1), row.text(2), row.text(3)};
  });
}

StoreResult<SourceId> SqliteStore::upsert_source(const std::string& name, const std::string& url,
                                                 const std::string& kind) {
  constexpr std::string_view doing = "record the source";
  auto upsert = prepare(
      "INSERT INTO sources (name, url, kind) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (url) DO UPDATE SET name = excluded.name, kind = excluded.kind RETURNING id",
      doing);
  if (!upsert) {
    return tl::make_unexpected(std::move(upsert.error()));
  }
  upsert->bind(1, name);
  upsert->bind(2, url);
  upsert->bind(3, kind);
  auto row = upsert->step();
  if (!row || !*row) {
    return tl::make_unexpected(error(doing, row ? SQLITE_ERROR : row.error()));
  }
  return upsert->int64(0);
}

StoreResult<std::optional<Document>> SqliteStore::document(DocumentId id) {
  auto select = prepare(std::string(k_document_columns) + "WHERE id = ?1", "read a document");
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, id);
  auto row = select->step();
  if (!row) {
    return tl::make_unexpected(error("read a document", row.error()));
  }
  return *row ? std::optional(read_document(*select)) : std::nullopt;
}

StoreResult<std::optional<Document>> SqliteStore::find_document(SourceId source, const std::string& key,
                                                                const std::string& url) {
  // The source's own document first; another source's only when it is the same key at the
  // same URL; the oldest such when there are several.
  auto select = prepare(std::string(k_document_columns) +
                            "WHERE key = ?2 AND (source_id = ?1 OR url = ?3) "
                            "ORDER BY source_id = ?1 DESC, id LIMIT 1",
                        "read a document");
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, source);
  select->bind(2, key);
  select->bind(3, url);
  auto row = select->step();
  if (!row) {
    return tl::make_unexpected(error("read a document", row.error()));
  }
  return *row ? std::optional(read_document(*select)) : std::nullopt;
}

StoreResult<std::vector<Document>> SqliteStore::recent_documents(SourceId source, std::size_t limit) {
  auto select = prepare(std::string(k_document_columns) +
                            "WHERE source_id = ?1 ORDER BY first_seen DESC, id DESC LIMIT ?2",
                        "list the source's documents");
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, source);
  select->bind(2, static_cast<std::int64_t>(limit));
  return collect_rows<Document>(*select, "list the source's documents", read_document);
}

StoreResult<std::vector<Document>> SqliteStore::all_documents() {
  constexpr std::string_view doing = "list the documents";
  auto select = prepare(std::string(k_document_columns) + "ORDER BY id", doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  return collect_rows<Document>(*select, doing, read_document);
}

StoreResult<DocumentId> SqliteStore::ensure_document(const DocumentInput& input) {
  constexpr std::string_view doing = "record the document";
  auto found = find_document(input.source_id, input.key, input.url);
  if (!found) {
    return tl::make_unexpected(std::move(found.error()));
  }
  if (found->has_value() && (*found)->source_id != input.source_id) {
    return (*found)->id;  // another source's article, listed here too: its own feed names it
  }
  // Story terms read the title where a document has no version, or one without a headline: a
  // new title drops them, to be found again by the run's last step. Dropped first, so that a
  // run killed between the two leaves them missing, never stale.
  if (found->has_value() && (*found)->title != input.title) {
    if (auto dropped = drop_story_terms((*found)->id, doing); !dropped) {
      return tl::make_unexpected(std::move(dropped.error()));
    }
  }
  auto upsert = prepare(
      "INSERT INTO documents (source_id, key, url, title, first_seen) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (source_id, key) DO UPDATE SET url = excluded.url, title = excluded.title "
      "RETURNING id",
      doing);
  if (!upsert) {
    return tl::make_unexpected(std::move(upsert.error()));
  }
  upsert->bind(1, input.source_id);
  upsert->bind(2, input.key);
  upsert->bind(3, input.url);
  upsert->bind(4, input.title);
  upsert->bind(5, input.seen_at);
  auto row = upsert->step();
  if (!row || !*row) {
    return tl::make_unexpected(error(doing, row ? SQLITE_ERROR : row.error()));
  }
  return upsert->int64(0);
}

StoreResult<std::string> SqliteStore::store_id() {
  constexpr std::string_view doing = "read the store's id";
  auto select = prepare("SELECT store_id FROM store_identity WHERE id = 1", doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  auto id = first_row(*select, doing, [](const Statement& row) { return row.text(0); });
  if (!id) {
    return tl::make_unexpected(std::move(id.error()));
  }
  // The CHECK keeps its length; only its characters can be damaged. It goes into headers.
  if (!id->has_value() || (*id)->find_first_not_of("0123456789abcdef") != std::string::npos) {
    return tl::make_unexpected(
        error(StoreErrorKind::corrupt, doing, "the store is damaged: its id is missing or not hex"));
  }
  return **id;
}

}  // namespace tracker::store
