#pragma once

namespace tracker::syndication {

// XML's white space (the S production): space, tab, line feed, carriage return.
constexpr bool is_xml_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace tracker::syndication
