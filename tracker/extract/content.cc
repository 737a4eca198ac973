#include "tracker/extract/content.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <unordered_map>

#include "tracker/extract/class_hints.h"
#include "tracker/extract/element_facts.h"
#include "tracker/extract/dom.h"
#include "tracker/text/whitespace.h"

namespace tracker::extract {
namespace {

using dom::tag;

// Per-element facts, reached through libxml2's `_private` slot while one extraction runs.
struct NodeStats {
  std::uint32_t text = 0;        // visible characters in the subtree
  std::uint32_t link_text = 0;   // ... of which inside <a>
  std::uint32_t commas = 0;
  std::uint32_t heading_text = 0;
  std::uint32_t list_text = 0;   // ... of which inside <li>
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

NodeStats& stats_of(const xmlNode* node) { return *static_cast<NodeStats*>(node->_private); }

// How hard one extraction attempt prunes; later attempts relax it, as readability does.
struct Attempt {
  bool strip_unlikely = true;
  bool weigh_classes = true;
  bool clean_conditionally = true;
};

// Counts visible characters: code points that are not ASCII whitespace.
void count_text(std::string_view text, NodeStats& stats) {
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

void add_child_stats(NodeStats& parent, const NodeStats& child) {
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

// Readability's "probably readerable" test, loosened for short news briefs: a home page or
// section index yields a teaser or two, not an article.
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

class ContentFinder {
 public:
  // One walk gives every element its stats slot and its class hints (which do not change
  // between attempts). Pages repeat a few class names thousands of times: each is read once.
  ContentFinder(xmlNode* body, std::string_view title) : m_body(body), m_title(title) {
    std::unordered_map<std::string_view, ClassHints> hints_by_class;
    for (xmlNode* at = body; at != nullptr; at = dom::next_in_order(at, body)) {
      if (!dom::is_element(at)) {
        continue;
      }
      NodeStats& stats = m_stats.emplace_back();
      at->_private = &stats;
      const std::string_view class_attr = dom::attribute(at, "class");
      const std::string_view id_attr = dom::attribute(at, "id");
      if (!id_attr.empty()) {
        stats.facts = read_element_facts(at, class_hints(class_attr, id_attr));
        continue;
      }
      auto [it, inserted] = hints_by_class.try_emplace(class_attr);
      if (inserted) {
        it->second = class_hints(class_attr, {});
      }
      stats.facts = read_element_facts(at, it->second);
    }
  }

  ~ContentFinder() {
    for (xmlNode* at = m_body; at != nullptr; at = dom::next_in_order(at, m_body)) {
      if (dom::is_element(at)) {
        at->_private = nullptr;
      }
    }
  }

  ContentFinder(const ContentFinder&) = delete;
  ContentFinder& operator=(const ContentFinder&) = delete;

  std::vector<ContentBlock> run() {
    measure_raw_text();
    constexpr std::size_t k_enough_text = 500;
    // Each attempt prunes less. Conditional cleaning goes before class weights: without the
    // weights, a wrapper of menus and sidebars outscores the post it holds (measured on the
    // dragnet train split: F1 0.913 -> 0.917, Zyte unchanged).
    const std::array<Attempt, 4> attempts = {
        Attempt{.strip_unlikely = true, .weigh_classes = true, .clean_conditionally = true},
        Attempt{.strip_unlikely = false, .weigh_classes = true, .clean_conditionally = true},
        Attempt{.strip_unlikely = false, .weigh_classes = true, .clean_conditionally = false},
        Attempt{.strip_unlikely = false, .weigh_classes = false, .clean_conditionally = false}};
    std::vector<ContentBlock> best;
    std::size_t best_length = 0;
    for (const Attempt& attempt : attempts) {
      std::vector<ContentBlock> blocks = attempt_extraction(attempt);
      std::size_t length = 0;
      for (const ContentBlock& block : blocks) {
        length += block.text.size();
      }
      if (length >= k_enough_text) {
        return blocks;
      }
      if (length > best_length) {
        best_length = length;
        best = std::move(blocks);
      }
    }
    // All attempts ran, so the stats are the last one's, which drops only what is never content.
    if (!reads_like_an_article(best) && !reads_like_a_short_post(best, linked_headings())) {
      best.clear();
    }
    return best;
  }

  // Headings that are links: the headlines of teasers. Counted over what the last attempt
  // kept (it drops only what is never content: hidden elements, scripts, comments...).
  int linked_headings() const {
    int count = 0;
    xmlNode* at = m_body;
    while (at != nullptr) {
      bool skip = false;
      if (dom::is_element(at)) {
        const NodeStats& stats = stats_of(at);
        skip = stats.dropped;
        const Tag tag = stats.facts.tag.tag;
        if (!skip && stats.text > 0 && (tag == Tag::h1 || tag == Tag::h2 || tag == Tag::heading)) {
          count += stats.link_text * 5 >= stats.text * 4 || inside_link(at) ? 1 : 0;
          skip = true;
        }
      }
      at = dom::next_in_order(at, m_body, skip);
    }
    return count;
  }

  bool inside_link(const xmlNode* node) const {
    for (const xmlNode* at = node->parent; at != m_body && dom::is_element(at); at = at->parent) {
      if (stats_of(at).facts.tag.tag == Tag::a) {
        return true;
      }
    }
    return false;
  }

 private:
  std::vector<ContentBlock> attempt_extraction(const Attempt& attempt) {
    m_attempt = attempt;
    compute_stats(/*decide_drops=*/true);
    m_candidates.clear();
    score_paragraphs();
    const xmlNode* top = pick_top_candidate();
    if (top == nullptr) {
      return {};
    }
    return emit_article(top);
  }

  // The text of every subtree before pruning, so that pruning can spare a container that
  // holds most of the page ("contentWithSidebar").
  void measure_raw_text() {
    compute_stats(/*decide_drops=*/false);
    m_page_text = stats_of(m_body).text;
  }

  bool should_drop(const NodeStats& stats) const {
    const ElementFacts& facts = stats.facts;
    if (facts.tag.never_content || facts.hidden || (facts.hints.comments && !facts.marks_article)) {
      return true;
    }
    if (!m_attempt.strip_unlikely || facts.marks_article) {
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
  void begin_element(xmlNode* node, bool decide_drops) {
    NodeStats& stats = stats_of(node);
    if (!decide_drops) {
      return;  // the first, raw pass: stats are fresh
    }
    const ElementFacts facts = stats.facts;
    const std::uint32_t raw_text = stats.raw_text;
    stats = NodeStats{};
    stats.facts = facts;
    stats.raw_text = raw_text;
    stats.dropped = node != m_body && should_drop(stats);
  }

  // One post-order walk: each element's stats are the sum of its children's, skipping dropped
  // subtrees; with `decide_drops`, pruning is decided on the way down.
  void compute_stats(bool decide_drops) {
    m_measuring_raw = !decide_drops;
    begin_element(m_body, decide_drops);
    xmlNode* node = m_body->children;
    if (node == nullptr) {
      return;
    }
    while (true) {
      bool dropped = false;
      if (dom::is_element(node)) {
        begin_element(node, decide_drops);
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

  void finish_element(xmlNode* node) {
    NodeStats& stats = stats_of(node);
    if (m_measuring_raw) {
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

  static double link_density(const NodeStats& stats) {
    return stats.text == 0 ? 0.0 : static_cast<double>(stats.link_text) / stats.text;
  }

  // Readability's starting score by tag, plus the class weight.
  void initialize_candidate(NodeStats& stats) const {
    double score = 0;
    switch (stats.facts.tag.tag) {
      case Tag::div:
        score = 5;
        break;
      case Tag::pre:
      case Tag::td:
      case Tag::blockquote:
        score = 3;
        break;
      case Tag::address:
      case Tag::ol:
      case Tag::ul:
      case Tag::dl:
      case Tag::dd:
      case Tag::dt:
      case Tag::li:
      case Tag::form:
        score = -3;
        break;
      case Tag::h1:
      case Tag::h2:
      case Tag::heading:
      case Tag::th:
        score = -5;
        break;
      default:
        break;
    }
    if (m_attempt.weigh_classes) {
      score += stats.facts.hints.weight;
    }
    stats.score = score;
    stats.scored = true;
  }

  static bool is_paragraph_like(const NodeStats& stats) {
    const Tag tag = stats.facts.tag.tag;
    if (tag == Tag::p || tag == Tag::pre || tag == Tag::td) {
      return true;
    }
    // Text in a <div> or <section> without block children is a paragraph in all but name.
    return (tag == Tag::div || tag == Tag::section) && !stats.has_block_child;
  }

  static constexpr std::uint32_t k_min_paragraph_text = 25;

  void score_paragraphs() {
    xmlNode* at = m_body;
    while (at != nullptr) {
      bool skip = false;
      if (dom::is_element(at)) {
        const NodeStats& stats = stats_of(at);
        skip = stats.dropped;
        if (!skip && stats.text >= k_min_paragraph_text) {
          if (is_paragraph_like(stats)) {
            credit_paragraph(at->parent, stats.text, stats.commas);
          } else if (stats.has_block_child) {
            score_loose_text(at);
          }
        }
      }
      at = dom::next_in_order(at, m_body, skip);
    }
  }

  // Gives a paragraph's score to the element holding it and, diminishing, to its ancestors.
  void credit_paragraph(xmlNode* holder, std::uint32_t text, std::uint32_t commas) {
    constexpr int k_ancestor_levels = 5;
    const double score = 1.0 + commas + std::min(text / 100u, 3u);
    xmlNode* ancestor = holder;
    for (int level = 0; level < k_ancestor_levels && dom::is_element(ancestor) &&
                        dom::is_element(ancestor->parent);
         ++level, ancestor = ancestor->parent) {
      NodeStats& ancestor_stats = stats_of(ancestor);
      if (!ancestor_stats.scored) {
        initialize_candidate(ancestor_stats);
        m_candidates.push_back(ancestor);
      }
      const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
      ancestor_stats.score += score / divider;
      if (ancestor == m_body) {
        break;
      }
    }
  }

  // Pages that write paragraphs as bare text between <br><br> inside a container with block
  // children (old CMSes, many non-English sites) have no <p> to score: runs of inline content
  // there count as paragraphs of the container, as readability's phrasing-content wrapping does.
  void score_loose_text(xmlNode* container) {
    std::uint32_t text = 0;
    std::uint32_t commas = 0;
    bool last_was_br = false;
    const auto flush = [&] {
      if (text >= k_min_paragraph_text) {
        credit_paragraph(container, text, commas);
      }
      text = 0;
      commas = 0;
    };
    for (xmlNode* child = container->children; child != nullptr; child = child->next) {
      if (dom::is_text(child)) {
        NodeStats counted;
        count_text(dom::content(child), counted);
        text += counted.text;
        commas += counted.commas;
        last_was_br = last_was_br && counted.text == 0;
      } else if (dom::is_element(child)) {
        const NodeStats& stats = stats_of(child);
        if (stats.facts.tag.tag == Tag::br) {
          if (last_was_br) {
            flush();
          }
          last_was_br = true;
        } else if (stats.dropped || stats.facts.tag.block) {
          flush();
          last_was_br = false;
        } else {
          text += stats.text - stats.link_text;  // links in running text are not prose
          commas += stats.commas;
          last_was_br = false;
        }
      }
    }
    flush();
  }

  double final_score(const xmlNode* node) const {
    const NodeStats& stats = stats_of(node);
    return stats.score * (1.0 - link_density(stats));
  }

  const xmlNode* pick_top_candidate() const {
    constexpr std::size_t k_top_count = 5;
    std::array<const xmlNode*, k_top_count> top{};
    for (const xmlNode* candidate : m_candidates) {
      const double score = final_score(candidate);
      for (std::size_t i = 0; i < k_top_count; ++i) {
        if (top[i] == nullptr || score > final_score(top[i])) {
          std::copy_backward(top.begin() + static_cast<std::ptrdiff_t>(i), top.end() - 1, top.end());
          top[i] = candidate;
          break;
        }
      }
    }
    const xmlNode* best = top[0];
    if (best == nullptr || best == m_body) {
      return m_body;  // nothing above <body> carries stats
    }
    const double best_score = final_score(best);

    // When several strong candidates share an ancestor, the article is that ancestor
    // (a story split into several <div>s around ads).
    constexpr int k_min_shared = 3;
    for (const xmlNode* ancestor = best->parent; dom::is_element(ancestor) && ancestor != m_body;
         ancestor = ancestor->parent) {
      int shared = 0;
      for (std::size_t i = 1; i < k_top_count && top[i] != nullptr; ++i) {
        if (final_score(top[i]) >= 0.75 * best_score && is_ancestor(ancestor, top[i])) {
          ++shared;
        }
      }
      if (shared >= k_min_shared) {
        best = ancestor;
        break;
      }
    }

    // Climb while the parent scores comparably: it holds more of the same article.
    double last_score = stats_of(best).scored ? final_score(best) : 0;
    const double threshold = last_score / 3;
    for (const xmlNode* parent = best->parent; dom::is_element(parent) && parent != m_body;
         parent = parent->parent) {
      if (!stats_of(parent).scored) {
        continue;
      }
      const double parent_score = final_score(parent);
      if (parent_score < threshold) {
        break;
      }
      if (parent_score > last_score) {
        best = parent;
        break;
      }
      last_score = parent_score;
    }
    // A lone child says nothing its parent does not.
    while (best->parent != nullptr && dom::is_element(best->parent) && best->parent != m_body &&
           element_children(best->parent) == 1) {
      best = best->parent;
    }
    return best;
  }

  static bool is_ancestor(const xmlNode* ancestor, const xmlNode* node) {
    for (const xmlNode* at = node->parent; at != nullptr; at = at->parent) {
      if (at == ancestor) {
        return true;
      }
    }
    return false;
  }

  static int element_children(const xmlNode* node) {
    int count = 0;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (dom::is_element(child) && !stats_of(child).dropped) {
        ++count;
      }
    }
    return count;
  }

  // The top candidate and those of its siblings that read like more of the same article.
  std::vector<const xmlNode*> article_nodes(const xmlNode* top) const {
    if (top == m_body || top->parent == nullptr) {
      return {top};
    }
    const double top_score = stats_of(top).scored ? final_score(top) : 0;
    const double threshold = std::max(10.0, top_score * 0.2);
    const std::string_view top_class = dom::attribute(top, "class");
    std::vector<const xmlNode*> nodes;
    for (const xmlNode* sibling = top->parent->children; sibling != nullptr;
         sibling = sibling->next) {
      if (sibling == top) {
        nodes.push_back(sibling);
        continue;
      }
      if (!dom::is_element(sibling) || stats_of(sibling).dropped) {
        continue;
      }
      const NodeStats& stats = stats_of(sibling);
      double bonus = 0;
      if (!top_class.empty() && dom::attribute(sibling, "class") == top_class) {
        bonus = top_score * 0.2;
      }
      bool append = stats.scored && final_score(sibling) + bonus >= threshold;
      if (!append && tag(sibling) == "p") {
        const double density = link_density(stats);
        if (stats.text > 80 && density < 0.25) {
          append = true;
        } else if (stats.text > 0 && stats.text <= 80 && density == 0) {
          const std::string text = dom::text_of(sibling);
          append = text.find(". ") != std::string::npos || text.ends_with('.');
        }
      }
      if (append) {
        nodes.push_back(sibling);
      }
    }
    return nodes;
  }

  // Readability's conditional cleaning: tables, lists and divs inside the article that look
  // like link farms, image galleries or forms rather than text.
  bool should_clean(const NodeStats& stats) const {
    const Tag tag = stats.facts.tag.tag;
    if (tag != Tag::div && tag != Tag::section && tag != Tag::ul && tag != Tag::ol &&
        tag != Tag::table && tag != Tag::form && tag != Tag::fieldset && tag != Tag::aside) {
      return false;
    }
    const int weight = m_attempt.weigh_classes ? stats.facts.hints.weight : 0;
    // A chrome word in a class name does not make chrome of what holds most of the article
    // (Blogger wraps every post in a "widget Blog"); the other tests below still apply to it.
    if (weight < 0 && stats.text * 2 <= m_article_text) {
      return true;
    }
    constexpr std::uint32_t k_comma_rich = 10;
    if (stats.commas >= k_comma_rich) {
      return false;
    }
    const bool is_list = tag == Tag::ul || tag == Tag::ol ||
                         (stats.text > 0 && stats.list_text * 10 > stats.text * 9);
    const double paragraphs = stats.paragraphs;
    const double images = stats.images;
    const double list_items = static_cast<double>(stats.list_items) - 100.0;
    const double heading_density =
        stats.text == 0 ? 0.0 : static_cast<double>(stats.heading_text) / stats.text;
    const double density = link_density(stats);
    const std::uint32_t length = stats.text;
    return (images > 1 && paragraphs / images < 0.5) || (!is_list && list_items > paragraphs) ||
           (stats.inputs > stats.paragraphs / 3) ||
           (!is_list && heading_density < 0.9 && length < 25 &&
            (stats.images == 0 || stats.images > 2)) ||
           (!is_list && weight < 25 && density > 0.2) || (weight >= 25 && density > 0.5) ||
           (stats.embeds == 1 && length < 75) || stats.embeds > 1 ||
           (is_list && density > 0.5);
  }

  std::vector<ContentBlock> emit_article(const xmlNode* top) {
    m_blocks.clear();
    m_current.clear();
    m_quote_depth = 0;
    const std::vector<const xmlNode*> nodes = article_nodes(top);
    m_article_text = 0;
    for (const xmlNode* node : nodes) {
      m_article_text += stats_of(node).text;
    }
    for (const xmlNode* node : nodes) {
      emit_subtree(node);
    }
    flush(BlockKind::paragraph);
    return std::move(m_blocks);
  }

  bool skips(const xmlNode* node) const {
    const NodeStats& stats = stats_of(node);
    const Tag tag = stats.facts.tag.tag;
    if (stats.dropped || tag == Tag::h1) {
      return true;  // the headline is the title, not article text
    }
    if (tag == Tag::h2 && stats.facts.hints.weight < 0 && m_attempt.weigh_classes) {
      return true;
    }
    return m_attempt.clean_conditionally && should_clean(stats);
  }

  // The tag facts of an element inside <body>; elements outside it (the <html> above a
  // top candidate that is <body>) have no stats.
  static TagInfo tag_info(const xmlNode* node) {
    return dom::is_element(node) && node->_private != nullptr ? stats_of(node).facts.tag : TagInfo{};
  }

  void emit_subtree(const xmlNode* root) {
    if (dom::is_element(root) && skips(root)) {
      return;
    }
    const xmlNode* node = root;
    while (true) {
      bool descend = false;
      if (dom::is_text(node)) {
        const std::string_view text = dom::content(node);
        text::append_collapsed(m_current, text);
        if (text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
          m_last_was_br = false;
        }
      } else if (dom::is_element(node) && (node == root || !skips(node))) {
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

  BlockKind kind_for(Tag tag) const {
    switch (tag) {
      case Tag::h1:
      case Tag::h2:
      case Tag::heading:
        return BlockKind::heading;
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
    if (info.tag == Tag::br) {
      return;
    }
    m_last_was_br = false;
    if (info.block) {
      flush(kind_for(info.tag));
      if (info.tag == Tag::blockquote && m_quote_depth > 0) {
        --m_quote_depth;
      }
    }
  }

  void flush(BlockKind kind) {
    m_last_was_br = false;
    text::trim_trailing_space(m_current);
    std::size_t start = 0;
    while (start < m_current.size() && m_current[start] == ' ') {
      ++start;
    }
    if (start < m_current.size()) {
      std::string text = m_current.substr(start);
      if (!(kind == BlockKind::heading && text == m_title)) {
        m_blocks.push_back(ContentBlock{std::move(text), kind});
      }
    }
    m_current.clear();
  }

  xmlNode* m_body;
  std::string_view m_title;
  std::deque<NodeStats> m_stats;  // a deque: elements keep their address as it grows
  std::vector<const xmlNode*> m_candidates;  // elements credited by a paragraph, this attempt
  std::uint32_t m_page_text = 0;
  bool m_measuring_raw = false;
  Attempt m_attempt;
  std::vector<ContentBlock> m_blocks;
  std::string m_current;
  int m_quote_depth = 0;
  bool m_last_was_br = false;
  std::uint32_t m_article_text = 0;  // visible characters of the nodes being emitted
};

}  // namespace

std::vector<ContentBlock> extract_content(xmlNode* body, std::string_view title) {
  if (body == nullptr) {
    return {};
  }
  ContentFinder finder(body, title);
  return finder.run();
}

}  // namespace tracker::extract
