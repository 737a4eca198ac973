#include "tracker/pipeline/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tracker::pipeline {
namespace {

// Where the store really is: symlinks followed (a dangling one too, for a store not created
// yet) and the directories made canonical, so that every name for one store finds one lock.
std::filesystem::path real_store_path(const std::filesystem::path& store_path) {
  std::error_code ec;
  std::filesystem::path path = std::filesystem::absolute(store_path, ec);
  if (ec) {
    path = store_path;
  }
  for (int hops = 0; hops < 40 && std::filesystem::is_symlink(path, ec); ++hops) {
    std::filesystem::path target = std::filesystem::read_symlink(path, ec);
    if (ec) {
      break;
    }
    path = target.is_absolute() ? target : path.parent_path() / target;
  }
  std::filesystem::path real = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : real;
}

}  // namespace

tl::expected<RunLock, std::string> RunLock::acquire(const std::filesystem::path& store_path) {
  if (store::is_postgresql_location(store_path.string())) {
    return store::lock_pg_store_for_run(store_path.string())
        .map([](store::PgConnection connection) { return RunLock(std::move(connection)); });
  }
  std::error_code ignored;
  const std::filesystem::path real_path = real_store_path(store_path);
  if (real_path.has_parent_path()) {
    std::filesystem::create_directories(real_path.parent_path(), ignored);
  }
  const std::string lock_path = real_path.string() + ".lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return tl::make_unexpected(lock_path + ": cannot open the lock file: " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    std::string holder(32, '\0');
    const ssize_t n = ::pread(fd, holder.data(), holder.size() - 1, 0);
    holder.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\0')) {
      holder.pop_back();
    }
    ::close(fd);
    return tl::make_unexpected(store_path.string() + ": another tracker run is using this store" +
                               (holder.empty() ? "" : " (pid " + holder + ")") +
                               "; try again when it has finished");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The PID is only for the message a second run prints; the lock itself is held.
  }
  return RunLock(fd);
}

RunLock::RunLock(RunLock&& other) noexcept
    : m_fd(other.m_fd), m_connection(std::move(other.m_connection)) {
  other.m_fd = -1;
}

RunLock& RunLock::operator=(RunLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = other.m_fd;
    other.m_fd = -1;
    m_connection = std::move(other.m_connection);
  }
  return *this;
}

RunLock::~RunLock() {
  if (m_fd >= 0) {
    ::close(m_fd);  // releases the flock
  }
}

}  // namespace tracker::pipeline
