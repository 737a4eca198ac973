// The statement cache of a store's connection (store/sqlite_handle.h): a statement handed back
// is reused, and reuse never shows a caller what an earlier caller left behind (rows half read,
// values bound, a read lock held).
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "support/temp_dir.h"
#include "tracker/store/sqlite_handle.h"

using tracker::store::execute;
using tracker::store::SqliteDb;
using tracker::store::Statement;
using tracker::store::StatementCache;

namespace {

SqliteDb open_database(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  SqliteDb db(raw);
  REQUIRE(opened == SQLITE_OK);
  REQUIRE(execute(db.get(), "CREATE TABLE t(n INTEGER, s TEXT); INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')"));
  return db;
}

std::int64_t count_rows(StatementCache& cache, sqlite3* db) {
  auto select = cache.prepare(db, "SELECT count(*) FROM t");
  REQUIRE(select);
  REQUIRE(*select->step() == true);
  return select->int64(0);
}

}  // namespace

TEST_CASE("a cached statement is prepared once and starts from its first row when reused") {
  tracker::test::TempDir dir;
  SqliteDb db = open_database(dir.path() / "cache.db");
  StatementCache cache;
  const std::string sql = "SELECT n FROM t ORDER BY n";
  sqlite3_stmt* first_handle = nullptr;
  {
    auto select = cache.prepare(db.get(), sql);
    REQUIRE(select);
    REQUIRE(*select->step());
    CHECK(select->int64(0) == 1);
    first_handle = sqlite3_next_stmt(db.get(), nullptr);
    // Left after one row of three: the next caller must not get row 2.
  }
  auto again = cache.prepare(db.get(), sql);
  REQUIRE(again);
  CHECK(cache.size() == 1);
  CHECK(sqlite3_next_stmt(db.get(), nullptr) == first_handle);
  REQUIRE(*again->step());
  CHECK(again->int64(0) == 1);
}

TEST_CASE("a reused statement has no value bound from its last use") {
  tracker::test::TempDir dir;
  SqliteDb db = open_database(dir.path() / "cache.db");
  StatementCache cache;
  const std::string sql = "SELECT count(*) FROM t WHERE s = ?1";
  {
    const std::string value = "b";
    auto select = cache.prepare(db.get(), sql);
    REQUIRE(select);
    select->bind(1, std::string_view(value));
    REQUIRE(*select->step());
    CHECK(select->int64(0) == 1);
  }
  auto unbound = cache.prepare(db.get(), sql);
  REQUIRE(unbound);
  REQUIRE(*unbound->step());
  CHECK(unbound->int64(0) == 0);  // ?1 is NULL, which equals nothing
}

TEST_CASE("the same SQL twice at once gets two statements, and both read their own rows") {
  tracker::test::TempDir dir;
  SqliteDb db = open_database(dir.path() / "cache.db");
  StatementCache cache;
  const std::string sql = "SELECT n FROM t ORDER BY n";
  auto outer = cache.prepare(db.get(), sql);
  REQUIRE(outer);
  REQUIRE(*outer->step());
  {
    auto inner = cache.prepare(db.get(), sql);
    REQUIRE(inner);
    REQUIRE(*inner->step());
    REQUIRE(*inner->step());
    CHECK(inner->int64(0) == 2);
  }
  CHECK(cache.size() == 1);
  REQUIRE(*outer->step());
  CHECK(outer->int64(0) == 2);
}

TEST_CASE("a statement handed back releases its read lock, so another connection can write") {
  tracker::test::TempDir dir;
  SqliteDb db = open_database(dir.path() / "cache.db");
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2((dir.path() / "cache.db").c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  SqliteDb writer(raw);
  REQUIRE(opened == SQLITE_OK);
  StatementCache cache;
  {
    auto select = cache.prepare(db.get(), "SELECT n FROM t ORDER BY n");
    REQUIRE(select);
    REQUIRE(*select->step());  // a read transaction is open while the statement is mid-read
  }
  // In rollback-journal mode a pending reader holds SHARED, which blocks a writer's commit.
  CHECK(execute(writer.get(), "INSERT INTO t VALUES (4, 'd')"));
  CHECK(count_rows(cache, db.get()) == 4);
}

TEST_CASE("past its capacity the cache prepares and finalizes statements as before") {
  tracker::test::TempDir dir;
  SqliteDb db = open_database(dir.path() / "cache.db");
  StatementCache cache(2);
  for (int n = 0; n < 5; ++n) {
    auto select = cache.prepare(db.get(), "SELECT n FROM t WHERE n > " + std::to_string(n));
    REQUIRE(select);
    CHECK(select->step());
  }
  CHECK(cache.size() == 2);
  // Two cached statements are left on the connection; the other three were finalized.
  int statements = 0;
  for (sqlite3_stmt* at = sqlite3_next_stmt(db.get(), nullptr); at != nullptr; at = sqlite3_next_stmt(db.get(), at)) {
    ++statements;
  }
  CHECK(statements == 2);
}

TEST_CASE("bad SQL is refused by the cache with SQLite's code and is not kept") {
  tracker::test::TempDir dir;
  SqliteDb db = open_database(dir.path() / "cache.db");
  StatementCache cache;
  auto bad = cache.prepare(db.get(), "SELECT FROM nowhere");
  REQUIRE_FALSE(bad);
  CHECK(bad.error() == SQLITE_ERROR);
  auto two = cache.prepare(db.get(), "SELECT 1; SELECT 2");
  REQUIRE_FALSE(two);
  CHECK(two.error() == SQLITE_MISUSE);
  CHECK(cache.size() == 0);
}
