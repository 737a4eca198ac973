#pragma once

#include "tracker/store/records.h"

namespace tracker::test {

// A day in seconds, for the stored times of fixtures.
inline constexpr tracker::store::UnixSeconds k_day = 86'400;

}  // namespace tracker::test
