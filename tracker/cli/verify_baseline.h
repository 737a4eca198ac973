#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace tracker::cli {

// What one `tracker verify` found, and what it is printed as.
struct VerifyTally {
  std::size_t checked = 0;
  std::size_t drifted = 0;
  std::size_t updated = 0;
  std::size_t failed = 0;  // could not be checked at all
  std::string report;      // for stdout
};

// The whole of a file, or nullopt when it cannot be read.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

// How a result differs from its baseline, as lines for the report ("  ...\n"): `before` the
// baseline's text, `now` this build's.
using BaselineDrift = std::function<std::string(const std::string& before, const std::string& now)>;

// Compares `now` with the baseline file and, with `update`, writes it in its place.
void check_baseline(const std::filesystem::path& baseline, const std::string& now,
                    const BaselineDrift& drift, bool update, VerifyTally& tally);

}  // namespace tracker::cli
