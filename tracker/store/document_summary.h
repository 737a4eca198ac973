#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "tracker/store/records.h"

namespace tracker::store {

// One stored document as `tracker documents` lists it: what it is, where it came from and
// how much of its history the store holds.
struct DocumentSummary {
  Document document;
  std::string source_name;
  std::int64_t snapshots = 0;
  std::int64_t changes = 0;  // stored claim changes, over all its snapshots
  // The newest snapshot's fetch time: a snapshot is stored only when the text changed, so this
  // is when the document last changed. nullopt when it has no snapshot.
  std::optional<UnixSeconds> last_snapshot_at;
  std::optional<UnixSeconds> last_change_at;  // the newest claim change's; nullopt: none

  // When the document last did anything: its newest snapshot, else when it was first seen.
  UnixSeconds last_activity() const { return last_snapshot_at.value_or(document.first_seen); }
};

}  // namespace tracker::store
