#pragma once

#include <span>

namespace tracker::store {

// The schema this tracker writes, recorded in the file as PRAGMA user_version.
inline constexpr int k_schema_version = 13;

// Marks a file as a tracker store (PRAGMA application_id, "trkr" in ASCII), so that another
// program's SQLite database is refused rather than given tables of ours.
inline constexpr int k_application_id = 0x74726b72;

// One step of the schema: constant DDL that ends by recording its version.
struct Migration {
  int version;      // the user_version this migration leaves behind
  const char* sql;  // never holds a value, so it needs no parameters
};

// Every migration, oldest first; the last one produces k_schema_version.
std::span<const Migration> migrations();

}  // namespace tracker::store
