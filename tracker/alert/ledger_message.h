#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tracker/alert/message.h"
#include "tracker/report/ledger.h"

namespace tracker::alert {

// The subject of a figure-ledger alert (`tag` and a space first): the most telling event
// (contradicted, then revised, new-figure, corroborated, repeated) in a few words, then its
// document's title and source and how many more events the message holds, e.g.
//   [tracker] soldiers killed revised up "300" → "more than 400" (lawmakers) — North Korea… (afp)
//   +1 more
// At most 200 code points, one line, valid UTF-8, no control characters. Not yet encoded.
std::string ledger_alert_subject(const std::vector<report::LedgerEntry>& events,
                                 std::string_view tag = "[tracker]");

// A complete message (compose_message's headers) about ledger events, grouped by document:
// for each event, what it did, the figure now and the figure it answers (was, first, against),
// who said each, the claim, and the outlets that carried the value. Every piece of web text
// made one safe line and escaped in the HTML part; only http(s) URLs become links. Throws
// std::invalid_argument when `events` is empty, or as compose_message does.
std::string compose_ledger_alert(const Envelope& envelope,
                                 const std::vector<report::LedgerEntry>& events);

}  // namespace tracker::alert
