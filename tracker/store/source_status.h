#pragma once

#include <cstdint>
#include <optional>

#include "tracker/store/records.h"

namespace tracker::store {

// What the store knows about one source's health, for `tracker status`.
struct SourceStatus {
  Source source;
  std::optional<FetchState> fetch;          // of the source's own URL; nullopt: never fetched
  std::optional<UnixSeconds> last_success;  // the last fetch that worked (200 or 304)
  std::int64_t documents = 0;
  std::int64_t snapshots = 0;  // of all its documents
};

}  // namespace tracker::store
