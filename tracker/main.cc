#include <spdlog/spdlog.h>

#include <exception>

#include "tracker/cli/app.h"
#include "tracker/cli/exit_code.h"

// The one place exceptions are caught: everything expected is an outcome value by now.
int main(int argc, char** argv) {
  try {
    return tracker::cli::run(argc, argv);
  } catch (const std::exception& error) {
    spdlog::critical("internal error: {}", error.what());
  } catch (...) {
    spdlog::critical("internal error: unknown exception");
  }
  return tracker::cli::to_int(tracker::cli::ExitCode::failure);
}
