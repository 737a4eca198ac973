#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
  explicit Statement(sqlite3_stmt* statement) : m_statement(statement) {}
  void remember(int result);

  std::unique_ptr<sqlite3_stmt, StatementFinalize> m_statement;
  int m_bind_error = SQLITE_OK;
};

// Runs SQL without parameters: schema scripts and pragmas whose text is a constant.
tl::expected<void, int> execute(sqlite3* db, const char* sql);

}  // namespace tracker::store
