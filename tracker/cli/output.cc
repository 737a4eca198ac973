#include "tracker/cli/output.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace tracker::cli {

ExitCode write_stdout(std::string_view text) {
  const std::size_t written = std::fwrite(text.data(), 1, text.size(), stdout);
  if (written != text.size() || std::fflush(stdout) != 0) {
    spdlog::error("cannot write the output: {}", std::strerror(errno));
    return ExitCode::failure;
  }
  return ExitCode::ok;
}

ExitCode write_file_atomically(const std::filesystem::path& target, const std::string& text) {
  std::filesystem::path temp = target;
  temp += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      spdlog::error("{}: cannot write: {}", temp.string(), std::strerror(errno));
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return ExitCode::failure;
    }
  }
  std::error_code error;
  std::filesystem::rename(temp, target, error);
  if (error) {
    spdlog::error("{}: cannot write: {}", target.string(), error.message());
    std::filesystem::remove(temp, error);
    return ExitCode::failure;
  }
  return ExitCode::ok;
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

}  // namespace tracker::cli
