#pragma once

namespace tracker::cli {

// The process exit status: the contract with cron, scripts and CI. Documented in `--help`,
// README.md and cron/. As with diff(1), 0 and 1 are answers and 2 or more means trouble.
enum class ExitCode : int {
  ok = 0,            // success; for comparisons: no significant change
  changes = 1,       // a comparison found significant changes
  failure = 2,       // trouble not covered by a more specific code
  no_article = 3,    // the page was read but holds no article text
  bad_input = 4,     // the input is empty, binary, not HTML, or over a size limit
  fetch_failed = 5,  // a URL could not be fetched: network, timeout, HTTP error
  sources_failed = 6,  // a run finished, but some sources failed (see stderr); status: failing
  alerts_unsent = 7,   // a run finished, but some alerts could not be sent (queued or refused)
  usage = 64,        // the command line is wrong (EX_USAGE)
  no_input = 66,     // an input file is missing or unreadable (EX_NOINPUT)
};

inline int to_int(ExitCode code) { return static_cast<int>(code); }

// The exit codes as `--help` prints them.
inline constexpr const char* k_exit_code_help =
    "Exit status:\n"
    "  0   success (for comparisons: no significant change)\n"
    "  1   a comparison found significant changes\n"
    "  2   trouble not covered below\n"
    "  3   the page holds no article text\n"
    "  4   input is empty, binary, not HTML, or too large\n"
    "  5   a URL could not be fetched (network, timeout, HTTP error)\n"
    "  6   tracker run finished, but some sources failed (see stderr);\n"
    "      tracker status: some source is failing or broken\n"
    "  7   tracker run finished, but some alerts could not be sent (see 'tracker alerts')\n"
    "  64  command-line usage error\n"
    "  66  an input file is missing or unreadable\n";

}  // namespace tracker::cli
