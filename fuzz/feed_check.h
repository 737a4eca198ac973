#pragma once

// The feed fuzz target's body, shared by fuzz/feed_fuzz.cc and the regression replay in
// tests/fuzz_regressions_test.cc: any bytes as a feed (and as an OPML list) through the
// syndication readers. Beyond not crashing: whatever parses has valid UTF-8 text, and every
// item link is empty or absolute (a scheme, then ':'), never a script or data URL. Other
// schemes (tag:, file:) may pass here: the fetcher's URL policy refuses them.
#include <cctype>
#include <string>
#include <string_view>

#include "tracker/syndication/feed.h"
#include "tracker/syndication/opml.h"
#include "tracker/text/utf8.h"

namespace tracker::fuzz {

namespace feed_detail {

inline std::string lowercase_scheme(std::string_view link) {
  std::string scheme;
  for (const char c : link.substr(0, link.find(':'))) {
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return scheme;
}

}  // namespace feed_detail

// "" when every invariant holds, else the one that broke.
inline std::string check_feed_input(std::string_view bytes) {
  auto feed = syndication::parse_feed(bytes, "https://example.org/news/feed.xml");
  if (feed) {
    if (!text::is_valid_utf8(feed->title)) {
      return "the feed title is not valid UTF-8";
    }
    if (feed->items.size() > syndication::k_max_feed_items) {
      return "more items than k_max_feed_items";
    }
    for (const auto& item : feed->items) {
      if (!text::is_valid_utf8(item.title) || !text::is_valid_utf8(item.id)) {
        return "an item title or id is not valid UTF-8";
      }
      if (!item.link.empty()) {
        if (item.link.find(':') == std::string::npos) {
          return "an item link is not absolute: " + item.link;
        }
        const std::string scheme = feed_detail::lowercase_scheme(item.link);
        if (scheme == "javascript" || scheme == "vbscript" || scheme == "data") {
          return "an item link is a script or data URL: " + item.link;
        }
      }
    }
  } else if (feed.error().message.empty()) {
    return "a feed error with no message";
  }
  static_cast<void>(syndication::parse_opml(bytes));
  return {};
}

}  // namespace tracker::fuzz
