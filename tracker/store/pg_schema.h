#pragma once

#include <span>

#include "tracker/store/schema.h"

namespace tracker::store {

// The PostgreSQL store's schema steps, oldest first; the last produces k_schema_version, which
// both backends share: a PostgreSQL store starts at the version SQLite had reached when it came
// (13), with the same tables and columns, and each later version goes to both. The version and
// k_application_id are kept in the table tracker_schema (PostgreSQL has no user_version).
std::span<const Migration> pg_migrations();

}  // namespace tracker::store
