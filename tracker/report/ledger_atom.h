#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tracker/report/atom_feed.h"
#include "tracker/report/ledger.h"

namespace tracker::report {

// `tracker figures --ledger --format atom`: an Atom 1.0 feed (RFC 4287) of the ledger's events,
// newest first: one entry per figure, titled with what it did ("troops revised up: some 12,000
// (intelligence agencies), was more than 10,000 — Kursk"), linked to its document (http(s)
// only), its event, measure and topics as categories, and text content with the figure it
// answers, the claim and the outlets that carried the value. Entry ids come from `store_id`,
// the document and the figure, so a reader sees each event once however often the feed is
// written. The feed's updated is its newest entry's first report, else context.generated_at.
std::string ledger_atom_feed(const std::vector<MeasureLedger>& ledgers,
                             const AtomFeedContext& context, std::string_view store_id);

}  // namespace tracker::report
