#pragma once

#include <chrono>
#include <optional>
#include <vector>

namespace tracker::config {

// One step of a recheck schedule: an article younger than `younger_than` is fetched again
// once `every` has passed since its last fetch.
struct RecheckStep {
  std::chrono::seconds younger_than{0};
  std::chrono::seconds every{0};
};

// How often article pages found in feeds are fetched again, by the age of the article (since
// tracker first saw it): often while the story is young and moving, rarely once it is old,
// never past the last step. Steps are sorted by `younger_than`.
struct RecheckSchedule {
  std::vector<RecheckStep> steps;

  // The default: every feed fetch for the first 6 hours (at most every 15 minutes), then
  // hourly for two days, every 6 hours to a week, then no more.
  static RecheckSchedule standard();

  // How long after its last fetch an article of `age` is due again; nullopt: too old, never.
  std::optional<std::chrono::seconds> wait_for(std::chrono::seconds age) const;
};

}  // namespace tracker::config
