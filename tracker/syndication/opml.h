#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "tracker/syndication/feed_error.h"

namespace tracker::syndication {

// One subscription of an OPML list: an <outline> with an xmlUrl.
struct OpmlOutline {
  std::string title;     // title attribute, else text; whitespace collapsed
  std::string xml_url;   // the feed's address, as written
  std::string html_url;  // the site's page, as written; may be empty
};

// The subscriptions of an OPML file, at any depth of folders, in document order (at most
// k_max_opml_outlines). Same XML rules as parse_feed; a document whose root is not <opml>
// fails with "not an OPML document: root element <rss>".
tl::expected<std::vector<OpmlOutline>, FeedError> parse_opml(std::string_view bytes);

// Subscriptions past this many are dropped; no reading list comes near it.
constexpr std::size_t k_max_opml_outlines = 10000;

}  // namespace tracker::syndication
