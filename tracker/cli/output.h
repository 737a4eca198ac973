#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "tracker/cli/exit_code.h"

namespace tracker::cli {

// Writes a command's result to stdout; a failed write (a full disk, a closed pipe) is an
// error on stderr and ExitCode::failure, never silent.
ExitCode write_stdout(std::string_view text);

// Writes an output file (a report, a watch file, an .eml) so that nothing is half written:
// a regular file, or none yet, is replaced by a temporary file beside it renamed in (keeping
// the old file's permissions); a symlink to a regular file has the file it points to replaced
// that way and stays a link; a device, FIFO or socket (/dev/null, /dev/stdout) is written
// directly, never replaced; a directory or a dangling link is refused. A failure is an error
// on stderr naming `target`, and ExitCode::failure.
ExitCode write_file_atomically(const std::filesystem::path& target, const std::string& text);

// Writes all of `text` to `fd`, again after EINTR; false with errno set on failure.
bool write_all(int fd, std::string_view text);

// True when stdout is a terminal, so colour is welcome.
bool stdout_is_terminal();

}  // namespace tracker::cli
