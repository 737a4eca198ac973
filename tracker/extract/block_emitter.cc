#include "tracker/extract/block_emitter.h"

#include <algorithm>
#include <string>

#include "tracker/extract/dom.h"
#include "tracker/extract/node_stats.h"
#include "tracker/text/whitespace.h"

namespace tracker::extract {
namespace {

// The tag facts of an element inside <body>; elements outside it (the <html> above a
// top candidate that is <body>) have no stats.
TagInfo tag_info(const xmlNode* node) {
  return dom::is_element(node) && node->_private != nullptr ? stats_of(node).facts.tag : TagInfo{};
}

// Collects the text of one article's subtrees into blocks; one emitter per article.
class BlockEmitter {
 public:
  BlockEmitter(std::string_view title, const SkipsElement& skips)
      : m_title(title), m_skips(skips) {}

  void emit_subtree(const xmlNode* root) {
    if (dom::is_element(root) && m_skips(root)) {
      return;
    }
    const xmlNode* node = root;
    while (true) {
      bool descend = false;
      if (dom::is_text(node)) {
        const std::string_view text = dom::content(node);
        const std::size_t before = m_current.size();
        text::append_collapsed(m_current, text);
        if (m_link_depth > 0) {
          m_current_link_chars += m_current.size() - before;
        }
        if (text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
          m_last_was_br = false;
        }
      } else if (dom::is_element(node) && (node == root || !m_skips(node))) {
        enter(node);
        descend = node->children != nullptr;
        if (!descend) {
          leave(node);
        }
      }
      if (descend) {
        node = node->children;
        continue;
      }
      while (node != root && node->next == nullptr) {
        node = node->parent;
        leave(node);
      }
      if (node == root) {
        return;
      }
      node = node->next;
    }
  }

  // Ends the last block and hands over all of them.
  std::vector<ContentBlock> finish() {
    flush(BlockKind::paragraph);
    return std::move(m_blocks);
  }

 private:
  BlockKind kind_for(Tag tag) const {
    if (is_heading(tag)) {
      return BlockKind::heading;
    }
    switch (tag) {
      case Tag::li:
      case Tag::dd:
      case Tag::dt:
        return BlockKind::list_item;
      case Tag::pre:
        return BlockKind::preformatted;
      default:
        return m_quote_depth > 0 ? BlockKind::quote : BlockKind::paragraph;
    }
  }

  void enter(const xmlNode* node) {
    const TagInfo info = tag_info(node);
    if (info.tag == Tag::a) {
      ++m_link_depth;
    }
    if (info.tag == Tag::br) {
      // Two <br>s in a row separate paragraphs on pages that use no <p>.
      if (m_last_was_br) {
        flush(kind_for(tag_info(node->parent).tag));  // also clears m_last_was_br
      } else {
        m_current.push_back(' ');
        m_last_was_br = true;
      }
      return;
    }
    if (info.block) {
      flush(kind_for(tag_info(node->parent).tag));
      if (info.tag == Tag::blockquote) {
        ++m_quote_depth;
      }
    }
  }

  void leave(const xmlNode* node) {
    const TagInfo info = tag_info(node);
    if (info.tag == Tag::a && m_link_depth > 0) {
      --m_link_depth;
    }
    if (info.tag == Tag::br) {
      return;
    }
    m_last_was_br = false;
    if (info.block) {
      const bool opens_comments = is_comments_marker(stats_of(node).facts);
      flush(kind_for(info.tag), opens_comments);
      if (info.tag == Tag::blockquote && m_quote_depth > 0) {
        --m_quote_depth;
      }
    }
  }

  void flush(BlockKind kind, bool opens_comments = false) {
    m_last_was_br = false;
    text::trim_trailing_space(m_current);
    std::size_t start = 0;
    while (start < m_current.size() && m_current[start] == ' ') {
      ++start;
    }
    if (start < m_current.size()) {
      std::string text = m_current.substr(start);
      if (!(kind == BlockKind::heading && text == m_title)) {
        const std::size_t link_chars = std::min(m_current_link_chars, text.size());
        m_blocks.push_back(ContentBlock{std::move(text), kind, link_chars, opens_comments});
      }
    }
    m_current.clear();
    m_current_link_chars = 0;
  }

  std::string_view m_title;
  const SkipsElement& m_skips;
  std::vector<ContentBlock> m_blocks;
  std::string m_current;  // the block being collected, whitespace collapsed
  std::size_t m_current_link_chars = 0;  // of m_current, inside <a>
  int m_quote_depth = 0;
  int m_link_depth = 0;
  bool m_last_was_br = false;
};

}  // namespace

std::vector<ContentBlock> emit_blocks(const std::vector<const xmlNode*>& nodes,
                                      std::string_view title, const SkipsElement& skips) {
  BlockEmitter emitter(title, skips);
  for (const xmlNode* node : nodes) {
    emitter.emit_subtree(node);
  }
  return emitter.finish();
}

}  // namespace tracker::extract
