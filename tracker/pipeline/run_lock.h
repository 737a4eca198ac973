#pragma once

#include <filesystem>
#include <string>

#include <tl/expected.hpp>

namespace tracker::pipeline {

// An exclusive lock on a store for one `tracker run`: a second run on the same store refuses
// with the first one's PID rather than racing it. Held (flock) until destroyed; the kernel
// drops it if the process dies, so a killed run never leaves a stale lock behind.
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
