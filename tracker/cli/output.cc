#include "tracker/cli/output.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace tracker::cli {

ExitCode write_stdout(std::string_view text) {
  const std::size_t written = std::fwrite(text.data(), 1, text.size(), stdout);
  if (written != text.size() || std::fflush(stdout) != 0) {
    spdlog::error("cannot write the output: {}", std::strerror(errno));
    return ExitCode::failure;
  }
  return ExitCode::ok;
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

}  // namespace tracker::cli
