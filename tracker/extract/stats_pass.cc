#include "tracker/extract/stats_pass.h"

#include "tracker/extract/dom.h"
#include "tracker/extract/element_facts.h"
#include "tracker/extract/node_stats.h"

namespace tracker::extract {
namespace {

class StatsPass {
 public:
  // `decide_drops` false: the raw pass, which drops nothing and records each element's raw text.
  StatsPass(xmlNode* body, bool decide_drops, bool strip_unlikely, std::uint32_t page_text)
      : m_body(body),
        m_decide_drops(decide_drops),
        m_strip_unlikely(strip_unlikely),
        m_page_text(page_text) {}

  // One post-order walk: each element's stats are the sum of its children's, skipping dropped
  // subtrees; pruning is decided on the way down.
  void run() {
    begin_element(m_body);
    xmlNode* node = m_body->children;
    if (node == nullptr) {
      return;
    }
    while (true) {
      bool dropped = false;
      if (dom::is_element(node)) {
        begin_element(node);
        dropped = stats_of(node).dropped;
        if (!dropped && node->children != nullptr) {
          node = node->children;
          continue;
        }
      }
      if (dom::is_text(node)) {
        count_text(dom::content(node), stats_of(node->parent));
      } else if (dom::is_element(node) && !dropped) {
        finish_element(node);
      }
      while (node->next == nullptr) {
        node = node->parent;
        if (node == m_body) {
          return;
        }
        finish_element(node);
      }
      node = node->next;
    }
  }

 private:
  bool should_drop(const NodeStats& stats) const {
    const ElementFacts& facts = stats.facts;
    if (facts.tag.never_content || facts.hidden) {
      return true;
    }
    if (facts.hints.comments && !facts.marks_article) {
      return !is_comments_marker(facts);  // the comments' heading marks where the article ends
    }
    if (!m_strip_unlikely || facts.marks_article || facts.hints.editorial_note) {
      return false;
    }
    if (facts.chrome_role) {
      return true;
    }
    // Chrome is small; an element holding most of the page's text is its frame, whatever
    // its name says.
    if (stats.raw_text * 2 > m_page_text) {
      return false;
    }
    return facts.tag.chrome || facts.hints.boilerplate || facts.hints.unlikely;
  }

  // Starts an element's stats for this attempt, keeping what does not change between
  // attempts, and decides whether it is dropped.
  void begin_element(xmlNode* node) const {
    NodeStats& stats = stats_of(node);
    if (!m_decide_drops) {
      return;  // the first, raw pass: stats are fresh
    }
    const ElementFacts facts = stats.facts;
    const std::uint32_t raw_text = stats.raw_text;
    stats = NodeStats{};
    stats.facts = facts;
    stats.raw_text = raw_text;
    stats.dropped = node != m_body && should_drop(stats);
  }

  void finish_element(xmlNode* node) const {
    NodeStats& stats = stats_of(node);
    if (!m_decide_drops) {
      stats.raw_text = stats.text;  // complete: all children are finished
    }
    switch (stats.facts.tag.tag) {
      case Tag::a:
        stats.link_text = stats.text;
        break;
      case Tag::p:
        ++stats.paragraphs;
        break;
      case Tag::img:
        ++stats.images;
        break;
      case Tag::li:
        ++stats.list_items;
        stats.list_text = stats.text;
        break;
      case Tag::input:
        ++stats.inputs;
        break;
      case Tag::h1:
      case Tag::h2:
      case Tag::heading:
        stats.heading_text = stats.text;
        break;
      default:
        break;
    }
    xmlNode* parent = node->parent;
    if (parent != nullptr && dom::is_element(parent)) {
      NodeStats& parent_stats = stats_of(parent);
      add_child_stats(parent_stats, stats);
      if (stats.facts.tag.block) {
        parent_stats.has_block_child = true;
      }
    }
  }

  xmlNode* m_body;
  bool m_decide_drops;
  bool m_strip_unlikely;
  std::uint32_t m_page_text;
};

}  // namespace

std::uint32_t measure_raw_text(xmlNode* body) {
  StatsPass(body, /*decide_drops=*/false, /*strip_unlikely=*/false, 0).run();
  return stats_of(body).text;
}

void compute_pruned_stats(xmlNode* body, bool strip_unlikely, std::uint32_t page_text) {
  StatsPass(body, /*decide_drops=*/true, strip_unlikely, page_text).run();
}

}  // namespace tracker::extract
