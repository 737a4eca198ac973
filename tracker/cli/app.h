#pragma once

namespace tracker::cli {

// Parses the command line, runs the chosen subcommand and returns the process exit status.
// Errors a person can act on are logged to stderr here; only bugs escape as exceptions.
int run(int argc, char** argv);

}  // namespace tracker::cli
