#include "tracker/extract/standfirst_anchor.h"

#include <algorithm>
#include <cstdint>

#include "tracker/extract/dom.h"
#include "tracker/extract/node_stats.h"
#include "tracker/extract/top_candidate.h"
#include "tracker/text/tokens.h"

namespace tracker::extract {
namespace {

// Eight words tell a paragraph apart; fewer ("Read more", a site's slogan) do not.
constexpr int k_anchor_words = 8;

bool is_word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
         (byte >= 'A' && byte <= 'Z') || byte >= 0x80;
}

// Appends `text` in the compared form, stopping before word `max_words` + 1 (0: no limit).
// Returns the number of words appended.
int append_compared(std::string_view text, int max_words, std::string& out) {
  int words = 0;
  bool in_word = false;
  for (const char c : text) {
    if (!is_word_byte(c)) {
      in_word = false;
      continue;
    }
    if (!in_word) {
      if (max_words > 0 && words == max_words) {
        break;
      }
      if (!out.empty()) {
        out += ' ';
      }
      ++words;
      in_word = true;
    }
    out += text::ascii_lower(c);
  }
  return words;
}

// Visible characters of the paragraphs under `root` but outside `inner` and `other` that read
// as prose: long and mostly unlinked.
std::uint32_t prose_outside(const xmlNode* root, const xmlNode* inner,
                            const xmlNode* other = nullptr) {
  std::uint32_t prose = 0;
  for (const xmlNode* at = root; at != nullptr;
       at = dom::next_in_order(at, root, at == inner || at == other)) {
    if (!dom::is_element(at) || at == inner || at == other) {
      continue;
    }
    const NodeStats& stats = stats_of(at);
    if (!stats.dropped && is_paragraph_like(stats) && stats.text >= 80 && link_density(stats) < 0.25) {
      prose += stats.text;
    }
  }
  return prose;
}

// Leaf blocks under `root` whose text is a link: the titles of teasers.
int linked_titles(const xmlNode* root) {
  int count = 0;
  for (const xmlNode* at = root; at != nullptr; at = dom::next_in_order(at, root)) {
    if (!dom::is_element(at)) {
      continue;
    }
    const NodeStats& stats = stats_of(at);
    if (!stats.dropped && stats.facts.tag.block && !stats.has_block_child && stats.text >= 20 &&
        stats.link_text * 5 >= stats.text * 4) {
      ++count;
    }
  }
  return count;
}

// The first kept paragraph under `body`, mostly unlinked, that holds `anchor`.
const xmlNode* anchor_paragraph(const xmlNode* body, std::string_view anchor) {
  const xmlNode* at = body;
  while (at != nullptr) {
    bool skip = false;
    if (dom::is_element(at)) {
      const NodeStats& stats = stats_of(at);
      skip = stats.dropped;
      if (!skip && stats.text >= k_min_paragraph_text && is_paragraph_like(stats) &&
          link_density(stats) < 0.5 && holds_anchor(dom::text_of(at), anchor)) {
        return at;
      }
    }
    at = dom::next_in_order(at, body, skip);
  }
  return nullptr;
}

bool is_inside(const xmlNode* node, const xmlNode* ancestor) {
  for (const xmlNode* at = node; at != nullptr; at = at->parent) {
    if (at == ancestor) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string standfirst_anchor(std::string_view standfirst) {
  std::string anchor;
  const int words = append_compared(standfirst, k_anchor_words, anchor);
  return words < k_anchor_words ? std::string() : anchor;
}

bool holds_anchor(std::string_view text, std::string_view anchor) {
  if (anchor.empty()) {
    return false;
  }
  std::string compared;
  compared.reserve(text.size());
  append_compared(text, 0, compared);
  for (std::size_t at = compared.find(anchor); at != std::string::npos;
       at = compared.find(anchor, at + 1)) {
    const std::size_t end = at + anchor.size();
    if ((at == 0 || compared[at - 1] == ' ') && (end == compared.size() || compared[end] == ' ')) {
      return true;
    }
  }
  return false;
}

bool blocks_hold_anchor(const std::vector<ContentBlock>& blocks, std::string_view anchor) {
  return std::any_of(blocks.begin(), blocks.end(),
                     [&](const ContentBlock& block) { return holds_anchor(block.text, anchor); });
}

AnchoredChoice anchored_candidate(const xmlNode* top, const xmlNode* body, std::string_view anchor) {
  const xmlNode* paragraph = anchor_paragraph(body, anchor);
  if (paragraph == nullptr) {
    return {};
  }
  std::vector<const xmlNode*> credited;
  for (const xmlNode* at = paragraph->parent; at != body && dom::is_element(at); at = at->parent) {
    if (stats_of(at).scored) {
      credited.push_back(at);
    }
  }
  if (credited.empty()) {
    return {};
  }
  const xmlNode* anchored = pick_top_candidate(credited, body);
  if (anchored == top) {
    return {};
  }
  // Three teaser titles make a list of stories, of which this page's is one.
  constexpr int k_teaser_list_titles = 3;
  if (linked_titles(anchored) >= k_teaser_list_titles) {
    return {};
  }
  if (!is_inside(top, anchored)) {
    return {anchored, nullptr};
  }
  // Around `top`, the anchored block must add an article's worth of prose, not just a dek and
  // the page's share buttons.
  constexpr std::uint32_t k_min_added_prose = 500;
  if (prose_outside(anchored, top) < k_min_added_prose) {
    return {};
  }
  // When the standfirst opens the story's own run of paragraphs (a lede, not a dek alone in a
  // header), `top` beside that run is something else: a photo gallery, another product's text.
  const xmlNode* holder = paragraph->parent;
  const bool opens_story = !is_inside(holder, top) &&
                           prose_outside(holder, paragraph, top) >= k_min_added_prose;
  return {anchored, opens_story ? top : nullptr};
}

}  // namespace tracker::extract
