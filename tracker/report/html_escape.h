#pragma once

#include <string>
#include <string_view>

namespace tracker::report {

// `text` safe to place in HTML element content or a double-quoted attribute value.
std::string html_escape(std::string_view text);

}  // namespace tracker::report
