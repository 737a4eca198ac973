#pragma once

#include <cstddef>
#include <limits>

namespace tracker::extract {

// Bounds on the tree of one page, checked while it is parsed: a page past one is refused,
// never kept in part. Unbounded by default; then libxml2's own depth cap (256) applies,
// which silently drops whatever is nested deeper.
struct DomLimits {
  std::size_t max_elements = std::numeric_limits<std::size_t>::max();
  std::size_t max_depth = std::numeric_limits<std::size_t>::max();  // <html> is at depth 1
  // Attributes of one element. Bounded even by default: libxml2's work on them is quadratic
  // (see find_crowded_tag), and no real page comes near this.
  std::size_t max_attributes = 1000;
};

// Which of the DomLimits a page went past.
enum class DomLimit { none, elements, depth, attributes };

}  // namespace tracker::extract
