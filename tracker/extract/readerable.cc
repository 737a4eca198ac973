#include "tracker/extract/readerable.h"

#include <cmath>
#include <cstddef>

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

}  // namespace tracker::extract
