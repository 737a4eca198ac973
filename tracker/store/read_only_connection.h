#pragma once

#include <filesystem>
#include <string>

#include <tl/expected.hpp>

#include "tracker/store/sqlite_handle.h"

namespace tracker::store {

// A connection that cannot write (SQLITE_OPEN_READONLY), for the reading commands. A WAL
// store needs its -shm index to be read; when a reader may not create it (a read-only
// folder) and no -wal file holds commits, the main file is complete and is read as immutable.
// Errors are for people, without the path: "cannot open the store: ...".
tl::expected<SqliteDb, std::string> connect_read_only(const std::filesystem::path& path);

}  // namespace tracker::store
