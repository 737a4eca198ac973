#include "tracker/text/did_you_mean.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace tracker::text {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows: the one two back is what a swap of two adjacent letters ("smpt", "smtp")
  // starts from, so that a swap costs one edit (the optimal string alignment distance).
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(previous.begin(), previous.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[b.size()];
}

std::string did_you_mean(std::string_view typed, std::span<const std::string_view> candidates) {
  constexpr std::size_t k_max_edits = 3;
  std::string best;
  std::size_t best_distance = std::min(k_max_edits, std::max<std::size_t>(1, typed.size() / 3)) + 1;
  for (std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(typed, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace tracker::text
