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

// Visible characters of the paragraphs under `root` but outside `inner` and `other` that read
// as prose: long and mostly unlinked.
std::uint32_t prose_outside(const xmlNode* root, const xmlNode* inner,
                            const xmlNode* other = nullptr) {
  std::uint32_t prose = 0;
  for_each_kept_element(root, [&](const xmlNode* at, const NodeStats& stats) {
    if (at == inner || at == other) {
      return true;
    }
    if (is_paragraph_like(stats) && stats.text >= 80 && link_density(stats) < 0.25) {
      prose += stats.text;
    }
    return false;
  });
  return prose;
}

// Leaf blocks under `root` whose text is a link: the titles of teasers. Counted in pruned
// subtrees too, on purpose: a candidate that frames menus of linked titles is a page frame, not
// the story, whether or not the menus were pruned (their elements keep the stats of the raw
// pass). Counting kept elements only lets two Ascom pages of the Zyte set fall to such a frame
// (F1 0.98 -> 0.06).
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
const xmlNode* anchor_paragraph(const xmlNode* body, const StandfirstAnchor& anchor) {
  const xmlNode* found = nullptr;
  for_each_kept_element(body, [&](const xmlNode* at, const NodeStats& stats) {
    if (found == nullptr && stats.text >= k_min_paragraph_text && is_paragraph_like(stats) &&
        link_density(stats) < 0.5 && anchor.found_in(at)) {
      found = at;
    }
    return found != nullptr;  // past the find, each subtree is stepped over
  });
  return found;
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

// One pass of the automaton over texts fed in order: the text between them is joined as the
// compared form joins it.
class StandfirstAnchor::Search {
 public:
  explicit Search(const StandfirstAnchor& anchor) : m_anchor(anchor) { step(' '); }

  // Feeds `text`; true once the anchor has been seen.
  bool feed(std::string_view text) {
    for (const char c : text) {
      const bool word = is_word_byte(c);
      if (!word && m_last_was_space) {
        continue;
      }
      m_last_was_space = !word;
      if (step(word ? text::ascii_lower(c) : ' ')) {
        return true;
      }
    }
    return false;
  }

  bool finish() { return m_found || step(' '); }

 private:
  bool step(char c) {
    const std::string& pattern = m_anchor.m_pattern;
    while (m_matched > 0 && pattern[m_matched] != c) {
      m_matched = m_anchor.m_fallback[m_matched - 1];
    }
    if (pattern[m_matched] == c) {
      ++m_matched;
    }
    if (m_matched == static_cast<int>(pattern.size())) {
      m_found = true;
      m_matched = m_anchor.m_fallback[m_matched - 1];
    }
    return m_found;
  }

  const StandfirstAnchor& m_anchor;
  int m_matched = 0;
  bool m_last_was_space = true;
  bool m_found = false;
};

StandfirstAnchor::StandfirstAnchor(std::string_view standfirst) {
  std::string words;
  int count = 0;
  bool in_word = false;
  for (const char c : standfirst) {
    if (!is_word_byte(c)) {
      in_word = false;
      continue;
    }
    if (!in_word) {
      if (count == k_anchor_words) {
        break;
      }
      words += ' ';
      ++count;
      in_word = true;
    }
    words += text::ascii_lower(c);
  }
  if (count < k_anchor_words) {
    return;
  }
  m_pattern = words + ' ';
  m_fallback.assign(m_pattern.size(), 0);
  for (std::size_t i = 1, k = 0; i < m_pattern.size(); ++i) {
    while (k > 0 && m_pattern[i] != m_pattern[k]) {
      k = static_cast<std::size_t>(m_fallback[k - 1]);
    }
    if (m_pattern[i] == m_pattern[k]) {
      ++k;
    }
    m_fallback[i] = static_cast<int>(k);
  }
}

std::string_view StandfirstAnchor::words() const {
  return empty() ? std::string_view() : std::string_view(m_pattern).substr(1, m_pattern.size() - 2);
}

bool StandfirstAnchor::found_in(std::string_view text) const {
  if (empty()) {
    return false;
  }
  Search search(*this);
  return search.feed(text) || search.finish();
}

bool StandfirstAnchor::found_in(const std::vector<ContentBlock>& blocks) const {
  return std::any_of(blocks.begin(), blocks.end(),
                     [&](const ContentBlock& block) { return found_in(block.text); });
}

bool StandfirstAnchor::found_in(const xmlNode* element) const {
  if (empty()) {
    return false;
  }
  Search search(*this);
  for (const xmlNode* at = element; at != nullptr; at = dom::next_in_order(at, element)) {
    if (dom::is_text(at) && search.feed(dom::content(at))) {
      return true;
    }
  }
  return search.finish();
}

AnchoredChoice anchored_candidate(const xmlNode* top, const xmlNode* body,
                                  const StandfirstAnchor& anchor) {
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
