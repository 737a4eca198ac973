#include "tracker/cli/progress_bar.h"

#include <spdlog/fmt/fmt.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <string_view>

#include "tracker/cli/output.h"

namespace tracker::cli {
namespace {

constexpr auto k_redraw_interval = std::chrono::milliseconds(100);
constexpr std::size_t k_bar_width = 20;
constexpr std::string_view k_clear_line = "\r\x1b[K";

std::size_t terminal_width(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  return 80;
}

// At most `bytes` bytes of `text`, not cutting a UTF-8 character in two.
std::string_view prefix(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) {
    return text;
  }
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) {
    --bytes;
  }
  return text.substr(0, bytes);
}

}  // namespace

ProgressBar::~ProgressBar() {
  if (m_drawn) {
    write_all(m_fd, k_clear_line);  // a progress display is not worth an error
  }
}

void ProgressBar::update(std::size_t done, std::size_t total, const std::string& source) {
  const auto now = std::chrono::steady_clock::now();
  if (m_drawn && done < total && now - m_last_draw < k_redraw_interval) {
    return;
  }
  m_drawn = true;
  m_last_draw = now;
  const std::size_t filled = total == 0 ? k_bar_width : std::min(done, total) * k_bar_width / total;
  std::string line = fmt::format(
      "[{}{}{}] {}/{} pages  ", std::string(filled, '='), filled < k_bar_width ? ">" : "",
      std::string(k_bar_width - filled - (filled < k_bar_width ? 1 : 0), ' '), done, total);
  // One character short of the width: a full line would wrap on some terminals.
  const std::size_t width = terminal_width(m_fd) - 1;
  if (line.size() < width) {
    line += prefix(source, width - line.size());
  }
  write_all(m_fd, std::string(k_clear_line) + line);
}

bool stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

}  // namespace tracker::cli
