#include "tracker/syndication/feed_date.h"

#include <array>
#include <utility>

#include "tracker/extract/iso_date.h"
#include "tracker/text/whitespace.h"

namespace tracker::syndication {
namespace {

// RFC 822 section 5.1 defines these names as fixed offsets.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> k_rfc822_zones = {{
    {"EST", "-0500"},
    {"EDT", "-0400"},
    {"CST", "-0600"},
    {"CDT", "-0500"},
    {"MST", "-0700"},
    {"MDT", "-0600"},
    {"PST", "-0800"},
    {"PDT", "-0700"},
}};

}  // namespace

std::string normalize_feed_date(std::string_view raw) {
  std::string date = text::collapse_whitespace(raw);
  if (date.ends_with(')')) {
    if (const std::size_t open = date.rfind(" ("); open != std::string::npos) {
      date.erase(open);
    }
  }
  for (const auto& [name, offset] : k_rfc822_zones) {
    if (date.size() > name.size() && date.ends_with(name) &&
        date[date.size() - name.size() - 1] == ' ') {
      date.replace(date.size() - name.size(), name.size(), offset);
      break;
    }
  }
  return extract::normalize_date(date);
}

}  // namespace tracker::syndication
