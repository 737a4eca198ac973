#pragma once

#include <string>
#include <vector>

#include "tracker/alert/rules.h"
#include "tracker/report/measures.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::alert {

// Records a starting point for each rule the store has not seen: a new (or edited) rule alerts
// about the changes found from now on, not about the store's whole past (a figure-ledger rule:
// about the figures of the versions stored from now on). Call before a run stores its changes.
store::StoreResult<void> start_rules(store::SnapshotStore& store, const std::vector<AlertRule>& rules);

enum class QueueMode {
  queue,    // into the outbox, to be sent
  compose,  // composed and returned only (a dry run writes them to files)
  skip,     // nothing composed: the changes are passed over for good (--no-alerts)
};

struct QueueOptions {
  std::string from;  // the From address; its domain also ends every Message-ID
  store::UnixSeconds now = 0;
  QueueMode mode = QueueMode::queue;
  // The measure lexicon figure-ledger rules read (feeds/measures.toml); needed when a rule has
  // `events`, which otherwise fails with an error naming the rule.
  const report::MeasureTerms* measures = nullptr;
};

// Composes the alert messages for every change each rule has not yet looked at: one message
// per new version of a document (its matching changes), or one per rule for a digest. In one
// transaction the messages are queued and each rule's progress moves past the changes it
// looked at, so a change is alerted at most once per rule, also across a crash. Message-IDs
// are derived from the store's random id, the rule and the changes: composing the same alert
// twice queues it once, and no other store ever makes the same Message-ID. An address that
// several rules name gets each change of the run once, from the first rule that matches it.
// A figure-ledger rule (AlertRule::events) gets the ledger events of the figures that the
// versions stored since it last looked first reported (ledger_alerts.h), one message per new
// version or one digest, threaded with the document's change alerts; its progress is through
// snapshots, and addresses are not shared out between ledger rules.
// Returns the messages composed (queued or not).
store::StoreResult<std::vector<store::OutboxMessage>> queue_alerts(
    store::SnapshotStore& store, const std::vector<AlertRule>& rules, const QueueOptions& options);

}  // namespace tracker::alert
