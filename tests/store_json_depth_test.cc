// Stored JSON nested deep enough to exhaust the stack of its reader (nlohmann::json's dump and
// destructor recurse): a store tampered with behind tracker's back is "damaged", named by row,
// and the reading commands say so instead of dying with SIGSEGV.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>

#include "support/process.h"
#include "support/seeded_store.h"
#include "support/temp_dir.h"
#include "support/text_search.h"
#include "tracker/store/json_columns.h"
#include "tracker/store/sqlite_store.h"

using tracker::test::contains;
using tracker::test::run_tracker;
using tracker::test::TempDir;
using namespace tracker::store;

namespace {

using Stored = tracker::test::SeededChange;

// A store with one document, one snapshot and one change, as a run leaves them.
Stored seed_store(const std::filesystem::path& path) {
  SnapshotInput input;
  input.fetched_at = 1'739'260'800;
  input.http_status = 200;
  input.raw = "<p>More than 10,000 troops.</p>";
  input.text = "More than 10,000 troops.";
  input.claims_json = R"([{"text":"More than 10,000 troops.","numbers":[{"value":10000}]}])";
  ChangeInput change;
  change.kind = "modified";
  change.significance = "high";
  change.topics = {"deployment"};
  change.aspects = {"number"};
  change.old_text = "more than 10,000 troops";
  change.new_text = "more than 11,000 troops";
  change.detail_json = R"({"kind":"modified","words":[]})";
  change.created_at = 1'739'260'800;
  return tracker::test::seed_one_change(path, input, change);
}

// Sets one column of one row to `value`, behind the store's back.
void tamper(const std::filesystem::path& path, const std::string& table, const std::string& column,
            std::int64_t id, const std::string& value) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
  sqlite3_stmt* statement = nullptr;
  const std::string sql = "UPDATE " + table + " SET " + column + " = ?1 WHERE id = ?2";
  REQUIRE(sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  sqlite3_bind_text(statement, 1, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(statement, 2, id);
  CHECK(sqlite3_step(statement) == SQLITE_DONE);
  sqlite3_finalize(statement);
}

}  // namespace

TEST_CASE("json_depth_within counts nesting outside strings only") {
  CHECK(json_depth_within(R"([{"a":[1,2]}])", 3));
  CHECK_FALSE(json_depth_within(R"([{"a":[1,2]}])", 2));
  CHECK(json_depth_within(R"(["[[[[", "\"[[[["])", 1));
  CHECK(json_depth_within("", 0));
  CHECK_FALSE(json_depth_within(std::string(65, '['), 64));
  CHECK(json_depth_within(std::string(64, '[') + std::string(64, ']'), 64));
}

TEST_CASE("show and changes --format json refuse JSON nested 100,000 deep as a damaged store, naming the row") {
  TempDir dir;
  const std::filesystem::path path = dir / "tracker.db";
  const Stored stored = seed_store(path);
  const std::string store = path.string();
  // Valid JSON, as the attack wrote it: unbalanced brackets never parsed, so never crashed.
  tamper(path, "snapshots", "claims_json", stored.snapshot, std::string(100'000, '[') + std::string(100'000, ']'));
  tamper(path, "changes", "detail_json", stored.change, std::string(60'000, '[') + std::string(60'000, ']'));

  auto show = run_tracker({"show", std::to_string(stored.snapshot), "--store", store, "--format", "json"});
  CHECK(show.exit_code == 2);  // not a signal
  CHECK(contains(show.err, "tracker: error: " + store + ": cannot read a snapshot: store is damaged: snapshot " +
                               std::to_string(stored.snapshot) + "'s claims_json nests deeper than 64 levels"));

  auto changes = run_tracker({"changes", "--store", store, "--format", "json"});
  CHECK(changes.exit_code == 2);
  CHECK(contains(changes.err, "store is damaged: change " + std::to_string(stored.change) +
                                  "'s detail_json nests deeper than 64 levels"));

  auto history = run_tracker({"history", "kursk-1", "--store", store, "--format", "json"});
  CHECK(history.exit_code == 2);
  CHECK(contains(history.err, "store is damaged: snapshot " + std::to_string(stored.snapshot)));

  // Put back, the rows read as before: the check refuses only what tracker never writes.
  tamper(path, "snapshots", "claims_json", stored.snapshot, R"([{"text":"x","numbers":[{"value":1}]}])");
  tamper(path, "changes", "detail_json", stored.change, R"({"kind":"modified"})");
  CHECK(run_tracker({"show", std::to_string(stored.snapshot), "--store", store, "--format", "json"}).exit_code == 0);
  CHECK(run_tracker({"changes", "--store", store, "--format", "json"}).exit_code == 0);
}
