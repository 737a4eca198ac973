#include "tracker/config/recheck_schedule.h"

namespace tracker::config {

using namespace std::chrono_literals;

RecheckSchedule RecheckSchedule::standard() {
  return RecheckSchedule{{{6h, 15min}, {48h, 1h}, {7 * 24h, 6h}}};
}

std::optional<std::chrono::seconds> RecheckSchedule::wait_for(std::chrono::seconds age) const {
  for (const RecheckStep& step : steps) {
    if (age < step.younger_than) {
      return step.every;
    }
  }
  return std::nullopt;
}

}  // namespace tracker::config
