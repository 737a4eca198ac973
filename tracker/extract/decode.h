#pragma once

#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace tracker::extract {

// Converts `bytes` in `charset` (any name glibc's iconv knows) to UTF-8. A byte sequence that
// is invalid in that charset becomes U+FFFD and decoding goes on, so one bad byte never costs
// the rest of the page. Fails only for a charset iconv does not know.
tl::expected<std::string, std::string> decode_to_utf8(std::string_view bytes,
                                                      const std::string& charset);

}  // namespace tracker::extract
