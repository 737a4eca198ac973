#pragma once

#include <cstdint>

#include "tracker/extract/node_stats.h"

namespace tracker::extract {

// Readability's conditional cleaning: true for a table, list, div (and the like) inside the
// article that looks like a link farm, an image gallery or a form rather than text.
// `class_weight` is the element's class weight when the attempt weighs classes, else 0;
// `article_text` is the visible characters of the whole article being emitted. Internal to
// the content finder.
bool should_clean(const NodeStats& stats, int class_weight, std::uint32_t article_text);

}  // namespace tracker::extract
