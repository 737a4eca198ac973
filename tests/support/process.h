#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace tracker::test {

struct ProcessResult {
  int exit_code = -1;  // -signal when killed by a signal
  std::string out;
  std::string err;
};

// Runs `argv` to completion with `input` on its stdin, capturing stdout and stderr.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {});

// Runs the tracker binary under test with `arguments`.
ProcessResult run_tracker(const std::vector<std::string>& arguments, const std::string& input = {});

// A process running beside the test, killed (SIGTERM, then SIGKILL) when this goes away.
class BackgroundProcess {
 public:
  explicit BackgroundProcess(const std::vector<std::string>& argv);
  // The same, with the process's stdout and stderr written to `output` (created or emptied),
  // so that a chatty process neither clutters the test's output nor blocks on a full pipe.
  BackgroundProcess(const std::vector<std::string>& argv, const std::filesystem::path& output);
  ~BackgroundProcess();

  // Sends `signal` now and reaps the process; its exit code, or -signal.
  int kill_and_wait(int signal);
  pid_t pid() const { return m_pid; }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

 private:
  pid_t m_pid = -1;
};

}  // namespace tracker::test
