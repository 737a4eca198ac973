#pragma once

#include <libxml/tree.h>

#include <cstdint>

#include "tracker/extract/node_stats.h"

namespace tracker::extract {

// Readability's conditional cleaning: true for a table, list, div (and the like) inside the
// article that looks like a link farm, an image gallery or a form rather than text.
// `class_weight` is the element's class weight when the attempt weighs classes, else 0;
// `article_text` is the visible characters of the whole article being emitted. Internal to
// the content finder.
bool should_clean(const NodeStats& stats, int class_weight, std::uint32_t article_text);

// A card spliced into running text: an inline element holding a picture and a run of links
// (a person's hover card with their latest stories, a product box). Shown on hover or not at
// all, it reads into the sentence around it ("Gov. Kristi NoemKristi Lynn NoemSouth Dakota
// governor doubles down ... MORE (R) said").
bool is_inline_card(const NodeStats& stats);

// Whether a child element of `node` is an inline card (the card itself is skipped, not the
// name it hangs on).
bool holds_inline_card(const xmlNode* node);

}  // namespace tracker::extract
