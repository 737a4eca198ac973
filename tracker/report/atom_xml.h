#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "tracker/report/atom_feed.h"
#include "tracker/report/ledger.h"

// What the Atom feeds (claim changes, atom_feed.cc; ledger events, ledger_atom.cc) share in
// writing XML with pugixml.
namespace tracker::report {

// `text` as XML 1.0 can carry it: valid UTF-8, without the C0 controls other than tab, line
// feed and carriage return, and without U+FFFE and U+FFFF. pugixml writes what it is given.
std::string xml_text(std::string_view text);

// Appends `text` (through xml_text) to `parent`.
void add_text(pugi::xml_node parent, std::string_view text);

// Appends <name>text</name> to `parent` and returns it.
pugi::xml_node add_element(pugi::xml_node parent, const char* name, std::string_view text);

// `text` cut to about `limit` bytes at a space, with an ellipsis; whole when short enough.
std::string shortened(const std::string& text, std::size_t limit);

// The XML declaration and the <feed> element with its id, title, updated (`updated`), author
// and generator, in `xml`; returns the feed, for the entries.
pugi::xml_node start_feed(pugi::xml_document& xml, const AtomFeedContext& context,
                          store::UnixSeconds updated);

// Appends the entry of one ledger event to `feed` (ledger_atom.cc), its id from `store_id`.
void add_ledger_entry(pugi::xml_node feed, const LedgerEntry& entry, std::string_view store_id);

// The document as text, indented by two spaces, UTF-8.
std::string feed_text(const pugi::xml_document& xml);

}  // namespace tracker::report
