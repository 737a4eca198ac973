#pragma once

#include <filesystem>
#include <string>

#include <tl/expected.hpp>

namespace tracker::pipeline {

// An exclusive lock on a store for one `tracker run` (and for reprocess, verify --update and
// prune, which rewrite what a run writes): a second one on the same store refuses with the
// first one's PID rather than racing it. The lock file sits beside the store's real path
// (symlinks followed), so two names for one store share it. Held (flock) until destroyed;
// the kernel drops it if the process dies, so a killed run never leaves a stale lock behind.
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
  int m_fd = -1;
};

}  // namespace tracker::pipeline
