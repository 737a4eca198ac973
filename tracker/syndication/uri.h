#pragma once

#include <string>
#include <string_view>

namespace tracker::syndication {

// `reference` (trimmed) resolved against `base` by RFC 3986 section 5.2: "../a" against
// "http://x.org/b/c" is "http://x.org/a". Returned as it is when `base` has no scheme, since
// there is then nothing to resolve against.
std::string resolve_uri(std::string_view base, std::string_view reference);

// False for links that would run code or carry a document if followed or rendered
// (javascript:, vbscript:, data:); feed links end up in reports and emails.
bool is_safe_link(std::string_view uri);

}  // namespace tracker::syndication
