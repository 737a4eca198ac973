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
  // The titles of the folders (outlines holding outlines) it sits in, outermost first;
  // untitled folders are left out.
  std::vector<std::string> folders;
};

// What an OPML file subscribes to: at most k_max_opml_outlines outlines, and how many more
// there were, so that a caller can say that some were left out.
struct OpmlList {
  std::vector<OpmlOutline> outlines;
  std::size_t dropped = 0;
};

// The subscriptions of an OPML file, at any depth of folders, in document order. Same XML
// rules as parse_feed; a document whose root is not <opml> fails with "not an OPML document:
// root element <rss>".
tl::expected<OpmlList, FeedError> parse_opml(std::string_view bytes);

// Subscriptions past this many are dropped (and counted); no reading list comes near it.
constexpr std::size_t k_max_opml_outlines = 10000;

}  // namespace tracker::syndication
