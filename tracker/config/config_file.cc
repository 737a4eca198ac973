#include "tracker/config/config_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "tracker/config/toml_values.h"

namespace tracker::config {
namespace {

// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  ~FileDescriptor() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

ConfigFileError file_error(const std::filesystem::path& path, const std::string& problem,
                           bool missing = false) {
  return ConfigFileError{path.string() + ": " + problem, missing};
}

std::string not_regular(mode_t mode) {
  return S_ISDIR(mode) ? "is a directory, not a file" : "is not a regular file (a device or a pipe?)";
}

bool is_bare_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// The position just past the string starting at `pos` (a ' or " string, single- or
// multi-line), or text.size() when it does not end.
std::size_t skip_string(std::string_view text, std::size_t pos, std::size_t& line) {
  const char quote = text[pos];
  const bool multi_line = text.substr(pos, 3) == std::string(3, quote);
  const std::string_view end = multi_line ? text.substr(pos, 3) : text.substr(pos, 1);
  for (std::size_t i = pos + end.size(); i < text.size(); ++i) {
    if (text[i] == '\n') {
      if (!multi_line) {
        return i;  // an unterminated string: toml++ will say so
      }
      ++line;
    } else if (text[i] == '\\' && quote == '"') {
      ++i;
    } else if (text.substr(i, end.size()) == end) {
      return i + end.size();
    }
  }
  return text.size();
}

// The line of the first key with more than k_max_key_parts dot-separated parts, or 0. Dots
// are counted outside strings and comments, in runs of key characters, spaces and quoted
// parts: a float or a time ("1.5", "07:32:00.25") never makes a long run.
std::size_t line_of_too_deep_key(std::string_view text) {
  std::size_t line = 1;
  std::size_t dots = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const char c = text[pos];
    if (c == '"' || c == '\'') {
      pos = skip_string(text, pos, line);  // a quoted part of a key keeps the run going
      continue;
    }
    if (c == '.') {
      if (++dots >= k_max_key_parts) {
        return line;
      }
    } else if (c == '#') {
      while (pos < text.size() && text[pos] != '\n') {
        ++pos;
      }
      continue;
    } else if (!is_bare_key_char(c) && c != ' ' && c != '\t') {
      dots = 0;
      line += c == '\n' ? 1 : 0;
    }
    ++pos;
  }
  return 0;
}

}  // namespace

tl::expected<std::string, ConfigFileError> read_config_file(const std::filesystem::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    const int error = errno;
    return tl::make_unexpected(
        file_error(path, "cannot read the file: " + std::string(std::strerror(error)), error == ENOENT));
  }
  // Checked before opening: opening a FIFO would wait for a writer.
  if (!S_ISREG(status.st_mode)) {
    return tl::make_unexpected(file_error(path, not_regular(status.st_mode)));
  }
  const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    return tl::make_unexpected(
        file_error(path, "cannot read the file: " + std::string(std::strerror(errno))));
  }
  if (::fstat(fd.get(), &status) != 0 || !S_ISREG(status.st_mode)) {
    return tl::make_unexpected(file_error(path, not_regular(status.st_mode)));
  }
  std::string bytes;
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return tl::make_unexpected(
          file_error(path, "cannot read the file: " + std::string(std::strerror(errno))));
    }
    if (n == 0) {
      return bytes;
    }
    if (bytes.size() + static_cast<std::size_t>(n) > k_max_config_file_bytes) {
      return tl::make_unexpected(file_error(
          path, "larger than " + std::to_string(k_max_config_file_bytes / (1024 * 1024)) +
                    " MB, too large to be a configuration file"));
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
}

tl::expected<toml::table, std::string> parse_toml(std::string_view text, const std::string& source) {
  if (const std::size_t line = line_of_too_deep_key(text); line != 0) {
    return tl::make_unexpected(source + ":" + std::to_string(line) + ": a key with more than " +
                               std::to_string(k_max_key_parts) + " dotted parts");
  }
  // Debian builds toml++ with exceptions: a syntax error is thrown, and becomes a value here.
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& error) {
    std::string description(error.description());
    // toml++ meets the end of the line inside the string: say what the user has to fix.
    if (description.find("parsing string") != std::string::npos &&
        (description.find("unescaped control characters") != std::string::npos ||
         description.find("encountered end-of-file") != std::string::npos)) {
      description = "unterminated string: the closing quote is missing (" + description + ")";
    }
    return tl::make_unexpected(where(source, error.source()) + ": " + description);
  }
}

tl::expected<toml::table, std::string> parse_toml_file(const std::filesystem::path& path) {
  auto text = read_config_file(path);
  if (!text) {
    return tl::make_unexpected(text.error().message);
  }
  return parse_toml(*text, path.string());
}

}  // namespace tracker::config
