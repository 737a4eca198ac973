#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace tracker::cli {

// A one-line progress display on a terminal, "[=======>            ] 12/40 pages  afp-asia",
// redrawn in place at most ten times a second; the line is cleared when it goes away, so
// that what is printed next starts on a clean line.
class ProgressBar {
 public:
  explicit ProgressBar(int terminal_fd) : m_fd(terminal_fd) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar();

  // `done` of `total` pages finished, the last one from `source`. The last page is always drawn.
  void update(std::size_t done, std::size_t total, const std::string& source);

 private:
  int m_fd;
  bool m_drawn = false;
  std::chrono::steady_clock::time_point m_last_draw;
};

// True when stderr is a terminal: a person is watching, so progress is welcome.
bool stderr_is_terminal();

}  // namespace tracker::cli
