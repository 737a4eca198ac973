#pragma once

#include <libxml/tree.h>

#include <vector>

// Choosing the article among the elements that paragraphs credited, from their NodeStats
// alone. Internal to the content finder; only valid while it runs.
namespace tracker::extract {

// A candidate's score scaled down by its link density.
double final_score(const xmlNode* node);

// The element holding the article: the best of `candidates`, lifted to an ancestor that
// several strong candidates share, to a parent that scores comparably, and out of lone-child
// wrappers. `body` when nothing below it was credited.
const xmlNode* pick_top_candidate(const std::vector<const xmlNode*>& candidates,
                                  const xmlNode* body);

// `top` and those of its siblings that read like more of the same article, in document order.
std::vector<const xmlNode*> article_nodes(const xmlNode* top, const xmlNode* body);

}  // namespace tracker::extract
