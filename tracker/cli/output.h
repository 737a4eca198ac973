#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "tracker/cli/exit_code.h"

namespace tracker::cli {

// Writes a command's result to stdout; a failed write (a full disk, a closed pipe) is an
// error on stderr and ExitCode::failure, never silent.
ExitCode write_stdout(std::string_view text);

// Writes `text` to a temporary file beside `target` and renames it in, so that `target` is
// never half written; a failure is an error on stderr and ExitCode::failure.
ExitCode write_file_atomically(const std::filesystem::path& target, const std::string& text);

// True when stdout is a terminal, so colour is welcome.
bool stdout_is_terminal();

}  // namespace tracker::cli
