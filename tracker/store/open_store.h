#pragma once

#include <memory>
#include <string>

#include "tracker/store/open_options.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::store {

// Opens the store at `location`: a PostgreSQL database for a libpq URI ("postgresql://..." or
// "postgres://..."), else the SQLite file at that path.
StoreResult<std::unique_ptr<SnapshotStore>> open_store(const std::string& location,
                                                       const OpenOptions& options = {});

// Whether a store is there to read: an SQLite file that exists, or any PostgreSQL location (only
// connecting tells whether its database holds a store).
bool store_may_exist(const std::string& location);

// `location` as messages show it: a PostgreSQL URI without its password, a path as it is.
std::string shown_location(const std::string& location);

}  // namespace tracker::store
