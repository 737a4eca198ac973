#pragma once

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>

namespace tracker::test {

// PRAGMA integrity_check's first row ("ok" for a sound store). Opens read-write, as the next
// run does: a WAL left by a killed run is recovered first, which a read-only connection
// cannot do (SQLITE_READONLY_RECOVERY).
inline std::string integrity_check(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db.get(), "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK);
  std::string result;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  return result;
}

// Documents with at least one stored snapshot, by URL. Read-write for the same reason.
inline std::set<std::string> stored_urls(const std::filesystem::path& store) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(store.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db.get(),
                             "SELECT DISTINCT d.url FROM documents d JOIN snapshots s ON s.document_id = d.id",
                             -1, &statement, nullptr) == SQLITE_OK);
  std::set<std::string> urls;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    urls.insert(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  }
  sqlite3_finalize(statement);
  return urls;
}

// Runs `sql` (statements that return nothing) on the store: how a test damages or empties it.
inline void execute_sql(const std::filesystem::path& store, const std::string& sql) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(store.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
  char* message = nullptr;
  const int result = sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &message);
  const std::string error = message != nullptr ? message : "";
  sqlite3_free(message);
  REQUIRE_MESSAGE(result == SQLITE_OK, sql << ": " << error);
}

// The first column of the first row of `sql`, as a number.
inline long long sql_number(const std::filesystem::path& store, const std::string& sql) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(store.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  const bool row = sqlite3_step(statement) == SQLITE_ROW;
  const long long value = row ? sqlite3_column_int64(statement, 0) : 0;
  sqlite3_finalize(statement);
  REQUIRE_MESSAGE(row, sql << ": no row");
  return value;
}

}  // namespace tracker::test
