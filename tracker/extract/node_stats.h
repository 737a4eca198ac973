#pragma once

#include <libxml/tree.h>

#include <cstdint>
#include <string_view>

#include "tracker/extract/dom.h"
#include "tracker/extract/element_facts.h"

// Internal to the content finder (content.cc) and the parts it is split into; nothing outside
// tracker/extract uses these.
namespace tracker::extract {

// Per-element facts, reached through libxml2's `_private` slot while one extraction runs.
struct NodeStats {
  std::uint32_t text = 0;       // visible characters in the subtree
  std::uint32_t link_text = 0;  // ... of which inside <a>
  std::uint32_t commas = 0;
  std::uint32_t heading_text = 0;
  std::uint32_t list_text = 0;  // ... of which inside <li>
  std::uint32_t paragraphs = 0;
  std::uint32_t images = 0;
  std::uint32_t list_items = 0;
  std::uint32_t inputs = 0;
  std::uint32_t embeds = 0;
  bool has_block_child = false;
  bool dropped = false;
  bool scored = false;
  double score = 0;
  // Facts that do not change between attempts.
  ElementFacts facts;
  std::uint32_t raw_text = 0;  // visible characters before anything was dropped
};

// The stats of an element under the body being extracted; only valid while a ContentFinder
// has filled the `_private` slots.
inline NodeStats& stats_of(const xmlNode* node) {
  return *static_cast<NodeStats*>(node->_private);
}

// Counts visible characters: code points that are not ASCII whitespace.
inline void count_text(std::string_view text, NodeStats& stats) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > ' ' && (byte & 0xC0) != 0x80) {
      ++stats.text;
    }
    if (c == ',') {
      ++stats.commas;
    }
  }
}

// Adds a finished child's counts to its parent's (flags and scores are not summed).
inline void add_child_stats(NodeStats& parent, const NodeStats& child) {
  parent.text += child.text;
  parent.link_text += child.link_text;
  parent.commas += child.commas;
  parent.heading_text += child.heading_text;
  parent.list_text += child.list_text;
  parent.paragraphs += child.paragraphs;
  parent.images += child.images;
  parent.list_items += child.list_items;
  parent.inputs += child.inputs;
  parent.embeds += child.embeds;
}

// The share of the subtree's visible text that is inside links; 0 for no text.
inline double link_density(const NodeStats& stats) {
  return stats.text == 0 ? 0.0 : static_cast<double>(stats.link_text) / stats.text;
}

// Text in a <div> or <section> without block children: a paragraph in all but name, as
// readability's div-to-p conversion treats it.
inline bool is_bare_text_block(const NodeStats& stats) {
  const Tag tag = stats.facts.tag.tag;
  return (tag == Tag::div || tag == Tag::section) && !stats.has_block_child;
}

// What paragraph scoring counts as a paragraph: <p>, <pre>, <td> and bare text blocks.
inline bool is_paragraph_like(const NodeStats& stats) {
  const Tag tag = stats.facts.tag.tag;
  return tag == Tag::p || tag == Tag::pre || tag == Tag::td || is_bare_text_block(stats);
}

// Calls `visit(element, stats)` on each element under `root` (itself included) that the
// current attempt kept, in document order, not entering dropped subtrees, whose stats are
// stale; `visit` returns true to skip the element's own subtree. `Node` is `xmlNode` or
// `const xmlNode`.
template <typename Node, typename Visit>
void for_each_kept_element(Node* root, Visit visit) {
  Node* at = root;
  while (at != nullptr) {
    bool skip = false;
    if (dom::is_element(at)) {
      const NodeStats& stats = stats_of(at);
      skip = stats.dropped || visit(at, stats);
    }
    at = dom::next_in_order(at, root, skip);
  }
}

// Shorter text is a label or a caption, not a paragraph that says the article is here.
constexpr std::uint32_t k_min_paragraph_text = 25;

}  // namespace tracker::extract
