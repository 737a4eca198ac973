#pragma once

#include <string>
#include <vector>

namespace tracker::report {

// "a, b, c": how reports for people list topics, cues and numbers.
inline std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) {
      out += ", ";
    }
    out += item;
  }
  return out;
}

}  // namespace tracker::report
