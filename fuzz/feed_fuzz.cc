// libFuzzer target: any bytes as a feed (and as an OPML list) through the syndication
// readers. Beyond not crashing: whatever parses has valid UTF-8 text, and every item link is
// empty or absolute (a scheme, then ':'), never a script or data URL. Other schemes (tag:,
// file:) may pass here: the fetcher's URL policy refuses them.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <cctype>

#include "tracker/syndication/feed.h"
#include "tracker/syndication/opml.h"
#include "tracker/text/utf8.h"

namespace {

void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

std::string lowercase_scheme(std::string_view link) {
  std::string scheme;
  for (const char c : link.substr(0, link.find(':'))) {
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return scheme;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto feed = tracker::syndication::parse_feed(bytes, "https://example.org/news/feed.xml");
  if (feed) {
    require(tracker::text::is_valid_utf8(feed->title));
    require(feed->items.size() <= tracker::syndication::k_max_feed_items);
    for (const auto& item : feed->items) {
      require(tracker::text::is_valid_utf8(item.title));
      require(tracker::text::is_valid_utf8(item.id));
      if (!item.link.empty()) {
        require(item.link.find(':') != std::string::npos);
        const std::string scheme = lowercase_scheme(item.link);
        require(scheme != "javascript" && scheme != "vbscript" && scheme != "data");
      }
    }
  } else {
    require(!feed.error().message.empty());
  }
  static_cast<void>(tracker::syndication::parse_opml(bytes));
  return 0;
}
