#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tracker/extract/element_facts.h"

// Choosing the article among the elements that paragraphs credited, from their NodeStats
// alone. Internal to the content finder; only valid while it runs.
namespace tracker::extract {

// Readability's starting score of a candidate by its tag: a <div> starts above a list, a form
// or a heading, which hold the article less often.
double starting_score(Tag tag);

// A candidate's score scaled down by its link density.
double final_score(const xmlNode* node);

// Whether `ancestor` is above `node` in the tree (not `node` itself).
bool is_ancestor(const xmlNode* ancestor, const xmlNode* node);

// The one post the page marks under `body` (<article>, itemprop=articleBody, an article-body
// class; not <main>, which wraps a page's chrome as often as its post), with text in it;
// nullptr when it marks none or several (teasers, a listing). Reads the kept elements' stats.
// A post with less text than `min_text` counts as none.
const xmlNode* marked_post(const xmlNode* body, std::uint32_t min_text = 150);

// Whether `node` or an element above it (below `body`) is page chrome: an <aside>, header,
// footer, menu or form, a landmark that is not content, or named as a sidebar, widget, menu or
// the like (ClassHints::unlikely); or whether most of `node`'s kept text is in such chrome
// below it (a page's side column around its <aside>).
bool in_page_chrome(const xmlNode* node, const xmlNode* body);

// Whether `node` or an element above it (below `body`) marks a post, as marked_post reads it.
bool in_marked_post(const xmlNode* node, const xmlNode* body);

// Those of `candidates` that are `post` or inside it.
std::vector<const xmlNode*> candidates_within(const std::vector<const xmlNode*>& candidates,
                                              const xmlNode* post);

// The element holding the article: the best of `candidates`, lifted to an ancestor that
// several strong candidates share, to a parent that scores comparably, and out of lone-child
// wrappers. `body` when nothing below it was credited.
const xmlNode* pick_top_candidate(const std::vector<const xmlNode*>& candidates,
                                  const xmlNode* body);

// Whether a looser attempt's top candidate `looser_top` is the page rather than the post that
// the strictest attempt with a yield found (`strict_top`): <body>, or an ancestor of the post
// that holds three quarters of the page's text (`page_text`) or more, or that yields five
// times the post's text (`looser_length`, `strict_length`): menus, sidebars and footer with
// it. Measured on the dragnet train split: 11 pages changed, 10 better (blog posts of a
// paragraph or two), 1 by 0.05 worse.
bool takes_the_page(const xmlNode* looser_top, const xmlNode* strict_top, const xmlNode* body,
                    std::uint32_t page_text, std::size_t looser_length, std::size_t strict_length);

// `top` and those of its siblings that read like more of the same article, in document order.
std::vector<const xmlNode*> article_nodes(const xmlNode* top, const xmlNode* body);

// `nodes` (the article_nodes of `top`) and, in document order among them, the other parts of a
// story its template splits around ads into cousins of one class: elements elsewhere in the page
// with `top`'s tag and class attribute that hold prose, mostly unlinked.
std::vector<const xmlNode*> with_split_parts(const std::vector<const xmlNode*>& nodes,
                                             const xmlNode* top, const xmlNode* body);

}  // namespace tracker::extract
