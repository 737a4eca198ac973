#pragma once

#include <vector>

#include "tracker/extract/content.h"

namespace tracker::extract {

// Teasers for other stories that a page puts inside the article, found by their shape rather
// than by their words (which differ by site and language):
// - a labelled link, a block that is a link after a short label ending in a colon ("SEE MORE:
//   Hong Kong protests: 800 students under siege", "Read also: ..."), anywhere in the article;
// - a labelled list of links, a short label ending in a colon and three links or more with only
//   separators between them ("Tags: a, b, c", "Categories: x | y | z"): the post's filing;
// - a run of at least three blocks that are each a link, ending the article ("You may also
//   like..." and its headlines), with the short heading that introduces it.
// Their numbers are another story's, and would otherwise become this story's claims.
void drop_teasers(std::vector<ContentBlock>& blocks);

}  // namespace tracker::extract
