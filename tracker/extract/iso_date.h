#pragma once

#include <string>
#include <string_view>

namespace tracker::extract {

// Rewrites a date found in a page as ISO 8601: "2025-02-11T06:12:00+09:00" (the zone kept as
// published, "Z" for UTC), "2025-02-11T06:12:00" when the page gives no zone, or "2025-02-11"
// for a date alone. Accepts ISO 8601 and RFC 3339 variants ("2025-02-11 06:12", "+0900",
// fractional seconds) and RFC 822 ("Tue, 11 Feb 2025 06:12:00 GMT"). Empty when unreadable.
std::string normalize_date(std::string_view raw);

}  // namespace tracker::extract
