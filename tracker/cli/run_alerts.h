#pragma once

#include <filesystem>

#include "tracker/config/settings.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::cli {

struct AlertStepOptions {
  bool dry_run = false;                 // compose only: nothing queued or sent (the store discards)
  bool no_alerts = false;               // pass this run's changes over: nothing composed or sent
  std::filesystem::path alerts_to_eml;  // when set, the messages go to files here, not to [smtp]
  store::UnixSeconds now = 0;
};

// Before a run stores changes: gives rules the store has not seen their starting point.
// False (with the error logged) when the store fails.
bool prepare_alert_rules(const config::Settings& settings, store::SnapshotStore& store);

// After a run: queues the alerts for the changes each rule has not looked at, then sends what
// is due in the outbox (this run's and earlier runs' messages). Problems go to stderr. True
// when nothing is left unsent.
bool run_alert_step(const config::Settings& settings, store::SnapshotStore& store,
                    const AlertStepOptions& options);

}  // namespace tracker::cli
