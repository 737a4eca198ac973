#pragma once

// CLI11 for every file that declares options. CLI11 2.1 (Debian 12) is header-only, so its
// functions are compiled in each such file, and GCC 12 may warn -Wnull-dereference inside
// CLI::detail::split's inlined string moves: a false positive that comes and goes with what
// else the translation unit holds (it appears in unity builds), so it is silenced here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop
