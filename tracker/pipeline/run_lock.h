#pragma once

#include <filesystem>
#include <string>
#include <tl/expected.hpp>

#include "tracker/store/pg_connection.h"

namespace tracker::pipeline {

// An exclusive lock on a store for one `tracker run` (and for reprocess, verify --update and
// prune, which rewrite what a run writes): a second one on the same store refuses with the
// first one's PID rather than racing it. The lock file sits beside the store's real path
// (symlinks followed), so two names for one store share it. Held (flock) until destroyed;
// the kernel drops it if the process dies, so a killed run never leaves a stale lock behind.
// A PostgreSQL store's lock is a session advisory lock on a connection this object holds
// (store::lock_pg_store_for_run), which the server drops as well when the process dies.
class RunLock {
 public:
  static tl::expected<RunLock, std::string> acquire(const std::filesystem::path& store_path);

  RunLock(RunLock&& other) noexcept;
  RunLock& operator=(RunLock&& other) noexcept;
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;
  ~RunLock();

 private:
  explicit RunLock(int fd) : m_fd(fd) {}
  explicit RunLock(store::PgConnection connection) : m_connection(std::move(connection)) {}
  int m_fd = -1;
  store::PgConnection m_connection;  // a PostgreSQL store's: holds its advisory lock
};

}  // namespace tracker::pipeline
