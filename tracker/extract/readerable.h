#pragma once

#include <libxml/tree.h>

#include <vector>

#include "tracker/extract/content.h"

// Judgements on the blocks an extraction produced: is this an article, or at least one post,
// rather than the teasers of a home page or section index? Internal to the content finder.
namespace tracker::extract {

// Readability's "probably readerable" test, loosened for short news briefs.
bool reads_like_an_article(const std::vector<ContentBlock>& blocks);

// A sentence or two of text on a page with at most two headings that are links (a post's own
// permalink title and one more); for pages too short for reads_like_an_article.
bool reads_like_a_short_post(const std::vector<ContentBlock>& blocks, int linked_headings);

// Headings under `body` that are links: the headlines of teasers. Counted over what the last
// extraction attempt kept (node_stats.h), which drops only what is never content: hidden
// elements, scripts, comments...
int linked_headings(const xmlNode* body);

}  // namespace tracker::extract
