#include "tracker/store/sqlite_handle.h"

#include <climits>

namespace tracker::store {
namespace {

// SQLite reads a null pointer as NULL, even with a length of zero; an empty value is not NULL.
const char* not_null(std::string_view value) {
  return value.data() != nullptr ? value.data() : "";
}

// Compiles `sql`, which must be exactly one statement; `flags` as for sqlite3_prepare_v3.
tl::expected<std::unique_ptr<sqlite3_stmt, StatementFinalize>, int> compile(sqlite3* db, std::string_view sql,
                                                                             unsigned int flags) {
  if (sql.size() > static_cast<std::size_t>(INT_MAX)) {
    return tl::make_unexpected(SQLITE_TOOBIG);
  }
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int result = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), flags, &raw, &tail);
  std::unique_ptr<sqlite3_stmt, StatementFinalize> statement(raw);
  if (result != SQLITE_OK) {
    return tl::make_unexpected(result);
  }
  if (raw == nullptr || tail != sql.data() + sql.size()) {
    return tl::make_unexpected(SQLITE_MISUSE);  // empty, or more than one statement
  }
  return statement;
}

}  // namespace

void StatementRelease::operator()(sqlite3_stmt* statement) const {
  if (borrowed == nullptr) {
    sqlite3_finalize(statement);
    return;
  }
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  *borrowed = false;
}

tl::expected<Statement, int> Statement::prepare(sqlite3* db, std::string_view sql) {
  return compile(db, sql, 0).map([](auto statement) { return Statement(statement.release(), nullptr); });
}

tl::expected<Statement, int> StatementCache::prepare(sqlite3* db, std::string_view sql) {
  auto found = m_entries.find(sql);  // no string made: the lookup is on every query
  if (found != m_entries.end() && !found->second.borrowed) {
    found->second.borrowed = true;
    return Statement(found->second.statement.get(), &found->second.borrowed);
  }
  if (found != m_entries.end() || m_entries.size() >= m_capacity) {
    return Statement::prepare(db, sql);
  }
  auto compiled = compile(db, sql, SQLITE_PREPARE_PERSISTENT);
  if (!compiled) {
    return tl::make_unexpected(compiled.error());
  }
  Entry& entry = m_entries.emplace(std::string(sql), Entry{std::move(*compiled), true}).first->second;
  return Statement(entry.statement.get(), &entry.borrowed);
}

void Statement::remember(int result) {
  if (result != SQLITE_OK && m_bind_error == SQLITE_OK) {
    m_bind_error = result;
  }
}

void Statement::bind(int index, std::int64_t value) {
  remember(sqlite3_bind_int64(m_statement.get(), index, value));
}

void Statement::bind(int index, std::string_view text) {
  remember(sqlite3_bind_text64(m_statement.get(), index, not_null(text), text.size(), SQLITE_STATIC,
                               SQLITE_UTF8));
}

void Statement::bind_optional(int index, const std::optional<std::string>& text) {
  if (text) {
    bind(index, std::string_view(*text));
  } else {
    bind_null(index);
  }
}

void Statement::bind_optional(int index, std::optional<std::int64_t> value) {
  if (value) {
    bind(index, *value);
  } else {
    bind_null(index);
  }
}

void Statement::bind_blob(int index, std::string_view bytes) {
  remember(
      sqlite3_bind_blob64(m_statement.get(), index, not_null(bytes), bytes.size(), SQLITE_STATIC));
}

void Statement::bind_null(int index) {
  remember(sqlite3_bind_null(m_statement.get(), index));
}

tl::expected<bool, int> Statement::step() {
  if (m_bind_error != SQLITE_OK) {
    return tl::make_unexpected(m_bind_error);
  }
  const int result = sqlite3_step(m_statement.get());
  if (result == SQLITE_ROW) {
    return true;
  }
  if (result == SQLITE_DONE) {
    return false;
  }
  return tl::make_unexpected(result);
}

tl::expected<void, int> Statement::run() {
  return step().map([](bool) {});
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(m_statement.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(m_statement.get(), column);
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) {
    return std::nullopt;
  }
  return int64(column);
}

std::string Statement::text(int column) const {
  // The pointer first, then the size: that order is what SQLite documents as safe.
  const unsigned char* data = sqlite3_column_text(m_statement.get(), column);
  const int size = sqlite3_column_bytes(m_statement.get(), column);
  if (data == nullptr || size <= 0) {
    return {};
  }
  return {reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)};
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) {
    return std::nullopt;
  }
  return text(column);
}

std::string Statement::blob(int column) const {
  const void* data = sqlite3_column_blob(m_statement.get(), column);
  const int size = sqlite3_column_bytes(m_statement.get(), column);
  if (data == nullptr || size <= 0) {
    return {};
  }
  return {static_cast<const char*>(data), static_cast<std::size_t>(size)};
}

tl::expected<void, int> execute(sqlite3* db, const char* sql) {
  const int result = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (result != SQLITE_OK) {
    return tl::make_unexpected(result);
  }
  return {};
}

}  // namespace tracker::store
