#include "tracker/cli/verify_baseline.h"

#include <fstream>
#include <sstream>

#include "tracker/cli/output.h"

namespace tracker::cli {

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void check_baseline(const std::filesystem::path& baseline, const std::string& now,
                    const BaselineDrift& drift, bool update, VerifyTally& tally) {
  ++tally.checked;
  const std::optional<std::string> before = read_text_file(baseline);
  if (before && *before == now) {
    return;
  }
  ++tally.drifted;
  tally.report +=
      baseline.string() + (before ? ": drifted\n" + drift(*before, now) : ": no baseline yet\n");
  if (update) {
    if (write_file_atomically(baseline, now) != ExitCode::ok) {
      ++tally.failed;  // write_file_atomically has said why
      return;
    }
    ++tally.updated;
  }
}

}  // namespace tracker::cli
