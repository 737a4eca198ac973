#pragma once

#include <vector>

#include "tracker/alert/rules.h"
#include "tracker/report/ledger.h"
#include "tracker/report/measures.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::alert {

// The ledger events a figure-ledger rule has not yet looked at, and how far it looked.
struct LedgerMatches {
  // Oldest version first; within a version, by measure. LedgerEntry::figure says where.
  std::vector<report::LedgerEntry> events;
  store::SnapshotId newest = 0;  // the rule's progress after this run
};

// The events of the figures first reported by the snapshots after `last` that `rule` asks for.
// The ledger is built as `tracker figures --ledger` builds it, from every version of the
// documents the rule selects (its sources, story and search words), so each event is judged
// against the whole story; then only the rule's events, measures and topics are kept. A rule
// that names no story (neither `story` nor `search`) has each stored story's ledger built apart,
// so that one story's "soldiers killed" is never a revision of another's; documents no run has
// placed in a story yet are read together, and so is every document of a store whose runs never
// grouped stories. Reads nothing but the newest snapshot id when no snapshot came after `last`,
// and no document's versions when none of the rule's documents has a version after `last`.
store::StoreResult<LedgerMatches> ledger_events_after(store::SnapshotStore& store,
                                                      const AlertRule& rule,
                                                      const report::MeasureLexicon& lexicon,
                                                      store::SnapshotId last);

}  // namespace tracker::alert
