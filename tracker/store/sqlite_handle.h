#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <tl/expected.hpp>

namespace tracker::store {

// An open connection; closing it also finalizes any statement still alive (sqlite3_close_v2).
struct SqliteClose {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteClose>;

struct StatementFinalize {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};

// What a Statement does with its handle when it goes: finalizes a statement of its own; hands
// one borrowed from a StatementCache back, reset (its read lock released) and with its bindings
// cleared, so that no bound view outlives the values it points at.
struct StatementRelease {
  bool* borrowed = nullptr;  // the cache's "in use" flag; null: the statement is its own
  void operator()(sqlite3_stmt* statement) const;
};

// One prepared statement. Values only ever reach SQL through bind(), never through the SQL
// text. Parameters are numbered from 1 (`?1`, `?2`), columns from 0, as in SQLite. Bound text
// and blobs are not copied: they must outlive the last step().
class Statement {
 public:
  // Fails with SQLite's result code; `sql` must hold exactly one statement.
  static tl::expected<Statement, int> prepare(sqlite3* db, std::string_view sql);

  void bind(int index, std::int64_t value);
  // Text and blobs are bound without a copy (SQLITE_STATIC): what they view must outlive the
  // statement's step or run, so never bind a temporary.
  void bind(int index, std::string_view text);
  void bind_optional(int index, const std::optional<std::string>& text);  // NULL for nullopt
  void bind_optional(int index, std::optional<std::int64_t> value);
  void bind_blob(int index, std::string_view bytes);
  void bind_null(int index);

  // True for a row, false when done. A failed bind() surfaces here, as its result code.
  tl::expected<bool, int> step();
  // Steps a statement that returns no rows (INSERT, UPDATE, DELETE).
  tl::expected<void, int> run();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;  // nullopt for NULL
  std::string text(int column) const;                            // "" for NULL
  std::optional<std::string> optional_text(int column) const;    // nullopt for NULL
  std::string blob(int column) const;                            // "" for NULL

 private:
  friend class StatementCache;
  Statement(sqlite3_stmt* statement, bool* borrowed) : m_statement(statement, StatementRelease{borrowed}) {}
  void remember(int result);

  std::unique_ptr<sqlite3_stmt, StatementRelease> m_statement;
  int m_bind_error = SQLITE_OK;
};

// The statements of one connection, prepared once and reused: SQLite compiles a statement's SQL
// on every prepare, which was a fifth of a run's storing thread (perf on a cold run). A
// statement whose SQL is in use already (a second query of the same text while the first is
// alive) is prepared afresh and finalized as before, as are statements past `capacity`
// distinct texts. Must go before its connection: declare it after the SqliteDb it serves.
class StatementCache {
 public:
  explicit StatementCache(std::size_t capacity = 128) : m_capacity(capacity) {}
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // As Statement::prepare, from the cache when it can.
  tl::expected<Statement, int> prepare(sqlite3* db, std::string_view sql);
  std::size_t size() const { return m_entries.size(); }

 private:
  // Hashes a std::string and a std::string_view alike, so that find() takes the view.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  struct Entry {
    std::unique_ptr<sqlite3_stmt, StatementFinalize> statement;
    bool borrowed = false;  // a Statement holds it now; its address is stable (a map node)
  };
  std::unordered_map<std::string, Entry, SqlHash, std::equal_to<>> m_entries;
  std::size_t m_capacity;
};

// Runs SQL without parameters: schema scripts and pragmas whose text is a constant.
tl::expected<void, int> execute(sqlite3* db, const char* sql);

}  // namespace tracker::store
