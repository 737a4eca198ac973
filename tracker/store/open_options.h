#pragma once

#include <chrono>

namespace tracker::store {

// How a command opens its store, whichever backend holds it.
struct OpenOptions {
  // How long a write waits for another run's transaction before failing as busy.
  std::chrono::milliseconds busy_timeout{5000};
  // False for commands that only read: a missing store is then an error, not a new store.
  bool create = true;
  // For commands that only read: the store is opened read-only (so a store the user may read
  // but not write can be read), is never created or changed, and an empty one is an error. A
  // store of an older schema is still migrated first, with write access.
  bool read_only = false;
  // For `run --dry-run`: the store reads as usual, but nothing written through this connection
  // ever reaches it. Every write happens inside one transaction that is rolled back when the
  // store closes. A missing SQLite store is an empty one in memory: nothing is created.
  bool discard_writes = false;
};

}  // namespace tracker::store
