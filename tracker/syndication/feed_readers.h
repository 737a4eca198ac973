#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "tracker/syndication/feed.h"

// The per-format readers behind parse_feed. The tree has passed parse_xml's checks.
namespace tracker::syndication {

// <rss> (2.0 and 0.9x); its elements are in the root's namespace, usually none.
Feed read_rss2(pugi::xml_node rss, std::string_view feed_url);

// <rdf:RDF> whose channel and items are in `vocabulary` (RSS 1.0 or RSS 0.90).
Feed read_rss1(pugi::xml_node rdf, std::string_view vocabulary, std::string_view feed_url);

// <feed> in the Atom 1.0 namespace, or Atom 0.3 and its drafts (`format` says which).
Feed read_atom(pugi::xml_node feed, FeedFormat format, std::string_view feed_url);

// A title as plain text: HTML-looking text is stripped, the rest has whitespace collapsed.
std::string plain_title(const std::string& raw);

// `raw` resolved against the base in effect at `where`; empty when the result is not safe.
std::string resolve_link(pugi::xml_node where, std::string_view feed_url, const std::string& raw);

}  // namespace tracker::syndication
