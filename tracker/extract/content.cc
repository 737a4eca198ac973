#include "tracker/extract/content.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "tracker/extract/class_hints.h"
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
  ClassHints hints;
  std::uint32_t raw_text = 0;  // visible characters before anything was dropped
};

NodeStats& stats_of(const xmlNode* node) { return *static_cast<NodeStats*>(node->_private); }

// How hard one extraction attempt prunes; later attempts relax it, as readability does.
struct Attempt {
  bool strip_unlikely = true;
  bool weigh_classes = true;
  bool clean_conditionally = true;
};

constexpr std::array<std::string_view, 24> k_never_content = {
    "script", "style",  "noscript", "template", "svg",    "math",     "iframe", "object",
    "embed",  "canvas", "button",   "select",   "input",  "textarea", "option", "nav",
    "link",   "meta",   "head",     "dialog",   "video",  "audio",    "map",    "figure"};

constexpr std::array<std::string_view, 5> k_chrome_tags = {"aside", "footer", "header", "menu",
                                                           "form"};

template <std::size_t N>
bool one_of(std::string_view value, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

bool is_hidden(const xmlNode* node) {
  if (dom::has_attribute(node, "hidden")) {
    return true;
  }
  if (dom::attribute(node, "aria-hidden") == "true") {
    return true;
  }
  const std::string_view style = dom::attribute(node, "style");
  if (style.empty()) {
    return false;
  }
  std::string compact;
  for (char c : style) {
    if (c != ' ') {
      compact.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

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

class ContentFinder {
 public:
  ContentFinder(xmlNode* body, std::string_view title) : m_body(body), m_title(title) {
    std::size_t count = 0;
    for (xmlNode* at = body; at != nullptr; at = dom::next_in_order(at, body)) {
      count += dom::is_element(at) ? 1 : 0;
    }
    m_stats.resize(count);
    std::size_t index = 0;
    for (xmlNode* at = body; at != nullptr; at = dom::next_in_order(at, body)) {
      if (dom::is_element(at)) {
        at->_private = &m_stats[index++];
      }
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
    const std::array<Attempt, 3> attempts = {Attempt{true, true, true}, Attempt{false, true, true},
                                             Attempt{false, false, false}};
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
    if (!reads_like_an_article(best)) {
      best.clear();
    }
    return best;
  }

 private:
  std::vector<ContentBlock> attempt_extraction(const Attempt& attempt) {
    m_attempt = attempt;
    mark_dropped();
    compute_stats();
    score_paragraphs();
    const xmlNode* top = pick_top_candidate();
    if (top == nullptr) {
      return {};
    }
    return emit_article(top);
  }

  // Class hints and the text of every subtree before pruning, so that pruning can spare a
  // container that holds most of the page ("contentWithSidebar").
  void measure_raw_text() {
    for (xmlNode* at = m_body; at != nullptr; at = dom::next_in_order(at, m_body)) {
      if (dom::is_element(at)) {
        NodeStats& stats = stats_of(at);
        stats.hints = class_hints(dom::attribute(at, "class"), dom::attribute(at, "id"));
      }
    }
    compute_stats();
    for (xmlNode* at = m_body; at != nullptr; at = dom::next_in_order(at, m_body)) {
      if (dom::is_element(at)) {
        stats_of(at).raw_text = stats_of(at).text;
      }
    }
    m_page_text = stats_of(m_body).text;
  }

  void mark_dropped() {
    xmlNode* at = m_body;
    while (at != nullptr) {
      bool skip = false;
      if (dom::is_element(at)) {
        NodeStats& stats = stats_of(at);
        const ClassHints hints = stats.hints;
        const std::uint32_t raw_text = stats.raw_text;
        stats = NodeStats{};
        stats.hints = hints;
        stats.raw_text = raw_text;
        stats.dropped = at != m_body && should_drop(at, stats);
        skip = stats.dropped;
      }
      at = dom::next_in_order(at, m_body, skip);
    }
  }

  bool should_drop(const xmlNode* node, const NodeStats& stats) const {
    const ClassHints& hints = stats.hints;
    const std::string_view name = tag(node);
    if (one_of(name, k_never_content) || hints.invisible || is_hidden(node)) {
      return true;
    }
    if (!m_attempt.strip_unlikely) {
      return false;
    }
    if (name == "article" || name == "main" || dom::attribute(node, "itemprop") == "articleBody" ||
        names_article_body(dom::attribute(node, "class"), dom::attribute(node, "id"))) {
      return false;
    }
    const std::string_view role = dom::attribute(node, "role");
    if (role == "navigation" || role == "complementary" || role == "banner" ||
        role == "contentinfo" || role == "dialog" || role == "alert" || role == "menu") {
      return true;
    }
    // Chrome is small; an element holding most of the page's text is its frame, whatever
    // its name says.
    if (stats.raw_text * 2 > m_page_text) {
      return false;
    }
    return one_of(name, k_chrome_tags) || hints.boilerplate || hints.unlikely;
  }

  // Post-order walk: each element's stats are the sum of its children's, skipping dropped
  // subtrees.
  void compute_stats() {
    xmlNode* node = m_body->children;
    if (node == nullptr) {
      return;
    }
    while (true) {
      const bool dropped = dom::is_element(node) && stats_of(node).dropped;
      if (!dropped && dom::is_element(node) && node->children != nullptr) {
        node = node->children;
        continue;
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
    const std::string_view name = tag(node);
    if (name == "a") {
      stats.link_text = stats.text;
    } else if (name == "p") {
      ++stats.paragraphs;
    } else if (name == "img") {
      ++stats.images;
    } else if (name == "li") {
      ++stats.list_items;
      stats.list_text = stats.text;
    } else if (name == "input") {
      ++stats.inputs;
    } else if (dom::is_heading_tag(name)) {
      stats.heading_text = stats.text;
    }
    xmlNode* parent = node->parent;
    if (parent != nullptr && dom::is_element(parent)) {
      NodeStats& parent_stats = stats_of(parent);
      add_child_stats(parent_stats, stats);
      if (dom::is_block_tag(name)) {
        parent_stats.has_block_child = true;
      }
    }
  }

  static double link_density(const NodeStats& stats) {
    return stats.text == 0 ? 0.0 : static_cast<double>(stats.link_text) / stats.text;
  }

  void initialize_candidate(const xmlNode* node, NodeStats& stats) const {
    const std::string_view name = tag(node);
    double score = 0;
    if (name == "div") {
      score = 5;
    } else if (name == "pre" || name == "td" || name == "blockquote") {
      score = 3;
    } else if (name == "address" || name == "ol" || name == "ul" || name == "dl" || name == "dd" ||
               name == "dt" || name == "li" || name == "form") {
      score = -3;
    } else if (dom::is_heading_tag(name) || name == "th") {
      score = -5;
    }
    if (m_attempt.weigh_classes) {
      score += stats.hints.weight;
    }
    stats.score = score;
    stats.scored = true;
  }

  bool is_paragraph_like(const xmlNode* node, const NodeStats& stats) const {
    const std::string_view name = tag(node);
    if (name == "p" || name == "pre" || name == "td") {
      return true;
    }
    // Text in a <div> or <section> without block children is a paragraph in all but name.
    return (name == "div" || name == "section") && !stats.has_block_child;
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
          if (is_paragraph_like(at, stats)) {
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
        initialize_candidate(ancestor, ancestor_stats);
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
        const std::string_view name = tag(child);
        if (name == "br") {
          if (last_was_br) {
            flush();
          }
          last_was_br = true;
        } else if (stats.dropped || dom::is_block_tag(name)) {
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
    for (const xmlNode* at = m_body; at != nullptr;) {
      bool skip = false;
      if (dom::is_element(at)) {
        const NodeStats& stats = stats_of(at);
        skip = stats.dropped;
        if (!skip && stats.scored) {
          const double score = final_score(at);
          for (std::size_t i = 0; i < k_top_count; ++i) {
            if (top[i] == nullptr || score > final_score(top[i])) {
              std::copy_backward(top.begin() + static_cast<std::ptrdiff_t>(i), top.end() - 1,
                                 top.end());
              top[i] = at;
              break;
            }
          }
        }
      }
      at = dom::next_in_order(at, m_body, skip);
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
  bool should_clean(const xmlNode* node) const {
    const std::string_view name = tag(node);
    if (name != "div" && name != "section" && name != "ul" && name != "ol" && name != "table" &&
        name != "form" && name != "fieldset" && name != "aside") {
      return false;
    }
    const NodeStats& stats = stats_of(node);
    const int weight = m_attempt.weigh_classes ? stats.hints.weight : 0;
    if (weight < 0) {
      return true;
    }
    constexpr std::uint32_t k_comma_rich = 10;
    if (stats.commas >= k_comma_rich) {
      return false;
    }
    const bool is_list = name == "ul" || name == "ol" ||
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
    for (const xmlNode* node : article_nodes(top)) {
      emit_subtree(node);
    }
    flush(BlockKind::paragraph);
    return std::move(m_blocks);
  }

  bool skips(const xmlNode* node) const {
    const NodeStats& stats = stats_of(node);
    if (stats.dropped || tag(node) == "h1") {
      return true;
    }
    if (tag(node) == "h2" && stats.hints.weight < 0 && m_attempt.weigh_classes) {
      return true;
    }
    return m_attempt.clean_conditionally && should_clean(node);
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

  BlockKind kind_for(std::string_view name) const {
    if (dom::is_heading_tag(name)) {
      return BlockKind::heading;
    }
    if (name == "li" || name == "dd" || name == "dt") {
      return BlockKind::list_item;
    }
    if (name == "pre") {
      return BlockKind::preformatted;
    }
    return m_quote_depth > 0 ? BlockKind::quote : BlockKind::paragraph;
  }

  void enter(const xmlNode* node) {
    const std::string_view name = tag(node);
    if (name == "br") {
      // Two <br>s in a row separate paragraphs on pages that use no <p>.
      if (m_last_was_br) {
        flush(kind_for(tag(node->parent)));  // also clears m_last_was_br
      } else {
        m_current.push_back(' ');
        m_last_was_br = true;
      }
      return;
    }
    if (dom::is_block_tag(name)) {
      flush(kind_for(tag(node->parent)));
      if (name == "blockquote") {
        ++m_quote_depth;
      }
    }
  }

  void leave(const xmlNode* node) {
    const std::string_view name = tag(node);
    if (name == "br") {
      return;
    }
    m_last_was_br = false;
    if (dom::is_block_tag(name) || name == "td" || name == "th") {
      flush(kind_for(name));
      if (name == "blockquote" && m_quote_depth > 0) {
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
  std::vector<NodeStats> m_stats;
  std::uint32_t m_page_text = 0;
  Attempt m_attempt;
  std::vector<ContentBlock> m_blocks;
  std::string m_current;
  int m_quote_depth = 0;
  bool m_last_was_br = false;
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
