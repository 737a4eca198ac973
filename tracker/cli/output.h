#pragma once

#include <string_view>

#include "tracker/cli/exit_code.h"

namespace tracker::cli {

// Writes a command's result to stdout; a failed write (a full disk, a closed pipe) is an
// error on stderr and ExitCode::failure, never silent.
ExitCode write_stdout(std::string_view text);

// True when stdout is a terminal, so colour is welcome.
bool stdout_is_terminal();

}  // namespace tracker::cli
