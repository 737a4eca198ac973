#include "tracker/store/open_store.h"

#include <filesystem>

#include "tracker/store/pg_connection.h"
#include "tracker/store/pg_store.h"
#include "tracker/store/sqlite_store.h"

namespace tracker::store {

StoreResult<std::unique_ptr<SnapshotStore>> open_store(const std::string& location,
                                                       const OpenOptions& options) {
  if (is_postgresql_location(location)) {
    return PgStore::open(location, options).map([](auto store) {
      return std::unique_ptr<SnapshotStore>(std::move(store));
    });
  }
  return SqliteStore::open(location, options).map([](auto store) {
    return std::unique_ptr<SnapshotStore>(std::move(store));
  });
}

bool store_may_exist(const std::string& location) {
  std::error_code ec;
  return is_postgresql_location(location) || std::filesystem::exists(location, ec);
}

std::string shown_location(const std::string& location) {
  return is_postgresql_location(location) ? redacted_location(location) : location;
}

}  // namespace tracker::store
