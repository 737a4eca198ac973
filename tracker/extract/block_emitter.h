#pragma once

#include <libxml/tree.h>

#include <functional>
#include <string_view>
#include <vector>

#include "tracker/extract/content.h"

namespace tracker::extract {

// Says whether an element is left out of the article, with its subtree.
using SkipsElement = std::function<bool(const xmlNode*)>;

// The text of the article `nodes`, in document order, as blocks: a block-level element starts
// a new block, two <br>s in a row separate paragraphs, and text inside <blockquote> is a quote.
// Elements for which `skips` holds are left out (each of `nodes` is tested too), and so is a
// heading that repeats the page `title`. Reads the tag facts from the elements' NodeStats, so
// only valid while a ContentFinder runs; internal to it.
std::vector<ContentBlock> emit_blocks(const std::vector<const xmlNode*>& nodes,
                                      std::string_view title, const SkipsElement& skips);

}  // namespace tracker::extract
