#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "tracker/syndication/feed_error.h"

namespace tracker::syndication {

// One entry of a feed, in the terms the tracker needs whatever the format.
struct FeedItem {
  std::string id;         // guid / atom:id / rdf:about as written (never resolved), else the link
  std::string title;      // plain text: markup stripped, references decoded, whitespace collapsed
  std::string link;       // absolute, resolved against xml:base and the feed URL; empty if unsafe
  std::string published;  // ISO 8601 by normalize_feed_date; empty when absent or unreadable
  std::string updated;    // likewise; not filled from `published`
  std::string summary;    // HTML: RSS description, atom:summary (plain text arrives escaped)
  std::string content;    // HTML: content:encoded, atom:content
};

enum class FeedFormat { rss2, rss1, atom1, atom03 };

struct Feed {
  FeedFormat format = FeedFormat::rss2;
  std::string title;            // plain text, as for items
  std::string link;             // the site's page (RSS channel link, Atom alternate link), absolute
  std::vector<FeedItem> items;  // in document order, at most k_max_feed_items
};

// Items past this many are dropped: a news feed carries tens, and the cap bounds memory.
constexpr std::size_t k_max_feed_items = 10000;

// Reads RSS 2.0 (and 0.9x), RSS 1.0 / 0.90 (RDF), Atom 1.0 and Atom 0.3. `feed_url` resolves
// relative links; `content_type` is the HTTP header, whose charset wins over the XML declaration
// (may be empty). The XML must be well-formed (see parse_xml), with one leniency: HTML's named
// entities (&nbsp;, &eacute;) are decoded, as RSS 0.91's DTD declared them. Anything else fails
// with a message: "not a feed: root element <html>", "XML error at line 12: ...".
tl::expected<Feed, FeedError> parse_feed(std::string_view bytes, std::string_view feed_url,
                                         std::string_view content_type = {});

// A cheap sniff: true when the first element of `bytes` is <rss>, <feed> or <rdf:RDF>. It does
// not parse the document, so a true answer does not promise parse_feed will succeed.
bool looks_like_feed(std::string_view bytes);

// "RSS 2.0", "RSS 1.0", "Atom 1.0", "Atom 0.3".
std::string_view format_name(FeedFormat format);

}  // namespace tracker::syndication
