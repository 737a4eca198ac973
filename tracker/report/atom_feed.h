#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tracker/report/ledger.h"
#include "tracker/report/stored_changes.h"
#include "tracker/store/records.h"

namespace tracker::report {

// What the feed says about itself.
struct AtomFeedContext {
  std::string id;     // the feed's atom:id, stable for one store and filter (see feed_uuid_urn)
  std::string title;  // "tracker: claim changes"
  store::UnixSeconds generated_at = 0;  // the feed's `updated` when it holds no change
};

// `tracker changes --format atom`: an Atom 1.0 feed (RFC 4287), newest change first, one
// entry per change with a stable id, a text title, the document's http(s) link, its topics
// as categories and XHTML content with the old and new claims, changed words in <del>/<ins>.
// Written with pugixml; characters XML 1.0 cannot carry are dropped, bad UTF-8 replaced.
std::string atom_feed(const ChangeSet& set, const AtomFeedContext& context);

// The same with figure-ledger events among the changes (`changes --format atom --ledger-events`):
// each event an entry as ledger_atom_feed writes it (ids from `store_id`), all entries newest
// first, a change and an event of one moment in the order stored.
std::string atom_feed(const ChangeSet& set, const std::vector<const LedgerEntry*>& events,
                      const AtomFeedContext& context, std::string_view store_id);

// "urn:uuid:…" made from `name` (RFC 9562 version 8, from SHA-256): the same name always
// gives the same id, and different names practically never the same one.
std::string uuid_urn(std::string_view name);

// An entry's atom:id: from the document's key and the change's snapshot and id, so a reader
// sees each change once however often the feed is written, and two stores' changes apart.
std::string entry_id(const store::Change& change, const ChangedDocument& document);

}  // namespace tracker::report
