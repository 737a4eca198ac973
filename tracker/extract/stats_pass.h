#pragma once

#include <libxml/tree.h>

#include <cstdint>

// The content finder's walks over the page: every element's stats (node_stats.h), summed from
// its children, with pruning decided on the way down. Internal to the content finder.
namespace tracker::extract {

// The first walk: every subtree's text before pruning (NodeStats::raw_text), so that pruning can
// spare a container that holds most of the page ("contentWithSidebar"). Returns the page's text.
std::uint32_t measure_raw_text(xmlNode* body);

// One attempt's walk: each element's stats start afresh, keeping its facts and raw text, and are
// the sum of its children's, leaving out the subtrees it drops. Dropped are what is never content
// and readers' comments; with `strip_unlikely`, also chrome by tag, role or name, unless it holds
// most of `page_text`.
void compute_pruned_stats(xmlNode* body, bool strip_unlikely, std::uint32_t page_text);

}  // namespace tracker::extract
