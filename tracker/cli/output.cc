#include "tracker/cli/output.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace tracker::cli {

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

namespace {

ExitCode write_failed(const std::filesystem::path& target, const std::string& reason) {
  spdlog::error("{}: cannot write: {}", target.string(), reason);
  return ExitCode::failure;
}

// A device, a FIFO or a socket (/dev/null, /dev/stdout, a named pipe) is written as it is:
// renaming a file over it would replace the device node instead of writing to it.
ExitCode write_in_place(const std::filesystem::path& target, std::string_view text) {
  const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    return write_failed(target, std::strerror(errno));
  }
  const bool written = write_all(fd, text);
  const int saved = errno;
  if (::close(fd) != 0 || !written) {
    return write_failed(target, std::strerror(written ? errno : saved));
  }
  return ExitCode::ok;
}

// A regular file (or none yet) at `target`: a temporary file beside it, renamed in, so that
// readers see the old file or the new one, never half of one. `mode` is the new file's.
ExitCode replace_regular_file(const std::filesystem::path& target, std::string_view text,
                              mode_t mode) {
  std::string temp = target.string() + ".tmp-XXXXXX";
  // mkstemp opens with O_EXCL: a file or symlink planted at the temporary name is never used.
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    return write_failed(target, std::strerror(errno));
  }
  const bool written = ::fchmod(fd, mode) == 0 && write_all(fd, text);
  const int saved = errno;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    ::unlink(temp.c_str());
    return write_failed(target, std::strerror(written ? errno : saved));
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int rename_error = errno;
    ::unlink(temp.c_str());
    return write_failed(target, std::strerror(rename_error));
  }
  return ExitCode::ok;
}

// The permissions a new file gets: 0666 less the umask, as for any file a shell creates.
mode_t new_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

}  // namespace

ExitCode write_stdout(std::string_view text) {
  const std::size_t written = std::fwrite(text.data(), 1, text.size(), stdout);
  if (written != text.size() || std::fflush(stdout) != 0) {
    spdlog::error("cannot write the output: {}", std::strerror(errno));
    return ExitCode::failure;
  }
  return ExitCode::ok;
}

ExitCode write_file_atomically(const std::filesystem::path& target, const std::string& text) {
  struct stat link_status {};
  if (::lstat(target.c_str(), &link_status) != 0) {
    if (errno != ENOENT) {
      return write_failed(target, std::strerror(errno));
    }
    return replace_regular_file(target, text, new_file_mode());
  }
  struct stat status = link_status;
  if (S_ISLNK(link_status.st_mode) && ::stat(target.c_str(), &status) != 0) {
    return write_failed(target, "a symbolic link to a file that cannot be reached (" +
                                    std::string(std::strerror(errno)) + ")");
  }
  if (S_ISDIR(status.st_mode)) {
    return write_failed(target, "it is a directory");
  }
  if (!S_ISREG(status.st_mode)) {
    return write_in_place(target, text);
  }
  // A symlink to a regular file: replace the file it points to and keep the link, so that a
  // link into a web server's folder goes on serving the newest report.
  std::filesystem::path real = target;
  if (S_ISLNK(link_status.st_mode)) {
    std::error_code error;
    real = std::filesystem::canonical(target, error);
    if (error) {
      return write_failed(target, error.message());
    }
  }
  return replace_regular_file(real, text, status.st_mode & 0777);
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

}  // namespace tracker::cli
