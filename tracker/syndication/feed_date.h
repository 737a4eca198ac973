#pragma once

#include <string>
#include <string_view>

namespace tracker::syndication {

// A feed date (RSS's RFC 822, Atom's RFC 3339, Dublin Core's W3C-DTF) as ISO 8601 by
// extract::normalize_date, or empty when unreadable. Adds what feeds need beyond web pages:
// RFC 822's North American zone names ("EST" is -05:00 by that RFC's own definition) and a
// trailing comment ("+0000 (UTC)").
std::string normalize_feed_date(std::string_view raw);

}  // namespace tracker::syndication
