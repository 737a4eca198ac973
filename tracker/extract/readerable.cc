#include "tracker/extract/readerable.h"

#include <cmath>
#include <cstddef>

#include "tracker/extract/dom.h"
#include "tracker/extract/node_stats.h"

namespace tracker::extract {

// A home page or section index yields a teaser or two, not an article.
bool reads_like_an_article(const std::vector<ContentBlock>& blocks) {
  constexpr std::size_t k_min_brief_chars = 300;
  constexpr std::size_t k_min_paragraph_chars = 140;
  constexpr double k_min_readerable_score = 20;
  std::size_t total = 0;
  double score = 0;
  for (const ContentBlock& block : blocks) {
    if (block.kind == BlockKind::heading) {
      continue;
    }
    total += block.text.size();
    if (block.text.size() >= k_min_paragraph_chars) {
      score += std::sqrt(static_cast<double>(block.text.size() - k_min_paragraph_chars));
    }
  }
  return total >= k_min_brief_chars || score >= k_min_readerable_score;
}

// A page too short for reads_like_an_article is still one post (a video or photo post, a
// one-paragraph note, a brief) when it has a sentence or two of text and is not a listing: a
// home page or section front shows many headlines that link to their stories, while a post
// shows at most its own title as a permalink and one more.
bool reads_like_a_short_post(const std::vector<ContentBlock>& blocks, int linked_headings) {
  constexpr std::size_t k_min_post_chars = 80;
  constexpr int k_max_linked_headings = 2;
  std::size_t total = 0;
  for (const ContentBlock& block : blocks) {
    total += block.kind == BlockKind::heading ? 0 : block.text.size();
  }
  return total >= k_min_post_chars && linked_headings <= k_max_linked_headings;
}

namespace {

bool inside_link(const xmlNode* node, const xmlNode* body) {
  for (const xmlNode* at = node->parent; at != body && dom::is_element(at); at = at->parent) {
    if (stats_of(at).facts.tag.tag == Tag::a) {
      return true;
    }
  }
  return false;
}

}  // namespace

int linked_headings(const xmlNode* body) {
  int count = 0;
  for_each_kept_element(body, [&](const xmlNode* element, const NodeStats& stats) {
    const Tag tag = stats.facts.tag.tag;
    const bool heading = is_heading(tag);
    if (heading && stats.text > 0 &&
        (stats.link_text * 5 >= stats.text * 4 || inside_link(element, body))) {
      ++count;
    }
    return heading;
  });
  return count;
}

}  // namespace tracker::extract
