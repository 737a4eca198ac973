#include "tracker/extract/content.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <unordered_map>

#include "tracker/extract/block_emitter.h"
#include "tracker/extract/class_hints.h"
#include "tracker/extract/conditional_clean.h"
#include "tracker/extract/dom.h"
#include "tracker/extract/element_facts.h"
#include "tracker/extract/node_stats.h"
#include "tracker/extract/readerable.h"
#include "tracker/extract/standfirst_anchor.h"
#include "tracker/extract/stats_pass.h"
#include "tracker/extract/top_candidate.h"

// The content finder: paragraph scoring and the attempts that relax pruning. The walks that
// give each element its stats and prune (stats_pass), choosing the article (top_candidate),
// emitting its blocks (block_emitter), conditional cleaning and the readerable judgements live
// beside it.
namespace tracker::extract {
namespace {

// How hard one extraction attempt prunes; later attempts relax it, as readability does.
struct Attempt {
  bool strip_unlikely = true;
  bool weigh_classes = true;
  bool clean_conditionally = true;
};

class ContentFinder {
 public:
  // One walk gives every element its stats slot and its class hints (which do not change
  // between attempts). Pages repeat a few class names thousands of times: each is read once.
  ContentFinder(xmlNode* body, std::string_view title, std::string_view standfirst)
      : m_body(body), m_title(title), m_anchor(standfirst),
        m_standfirst_size(standfirst.size()) {
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
    m_page_text = measure_raw_text(m_body);
    // Each attempt prunes less. Conditional cleaning goes before class weights: without the
    // weights, a wrapper of menus and sidebars outscores the post it holds (measured on the
    // dragnet train split: F1 0.913 -> 0.917, Zyte unchanged).
    const std::array<Attempt, 4> attempts = {
        Attempt{.strip_unlikely = true, .weigh_classes = true, .clean_conditionally = true},
        Attempt{.strip_unlikely = false, .weigh_classes = true, .clean_conditionally = true},
        Attempt{.strip_unlikely = false, .weigh_classes = true, .clean_conditionally = false},
        Attempt{.strip_unlikely = false, .weigh_classes = false, .clean_conditionally = false}};
    std::vector<ContentBlock> best;
    std::vector<ContentBlock> strictest;  // the first attempt's yield that is not empty
    const xmlNode* strictest_top = nullptr;
    const xmlNode* best_top = nullptr;
    std::size_t best_length = 0;
    for (const Attempt& attempt : attempts) {
      std::vector<ContentBlock> blocks = attempt_extraction(attempt);
      const std::size_t length = text_length(blocks);
      if (length >= k_enough_text) {
        // A short post's looser attempt may reach the length only by taking the whole page. (On
        // a listing the strict yield is a teaser; the whole page was no better. Guarding with
        // the listing test cost two blog posts with linked sidebars on the dragnet train split.)
        if (!strictest.empty() &&
            takes_the_page(m_last_top, strictest_top, m_body, m_page_text, length, text_length(strictest))) {
          return strictest;
        }
        return blocks;
      }
      if (strictest.empty()) {  // copied only from a short yield, which a looser attempt follows
        strictest = blocks;
        strictest_top = m_last_top;
      }
      if (length > best_length) {
        best_length = length;
        best = std::move(blocks);
        best_top = m_last_top;
      }
    }
    // No attempt found enough text: a looser attempt that took the page around the strictest
    // one's short post (its sidebar and all) is no better than at the length that ends the
    // search, and the strictest yield is the post, however short, as it is there.
    if (!strictest.empty() && takes_the_page(best_top, strictest_top, m_body, m_page_text,
                                             best_length, text_length(strictest))) {
      return strictest;
    }
    // All attempts ran, so the stats are the last one's, which drops only what is never content.
    // A short text that holds the page's own description is the page's post, however many
    // linked headlines its sidebars show; a listing's description is the site's, not a teaser's.
    const bool describes_the_page = !m_anchor.empty() && m_anchor.found_in(best);
    if (!reads_like_an_article(best) &&
        !reads_like_a_short_post(best, describes_the_page ? 0 : linked_headings(m_body))) {
      best.clear();
    }
    if (best.empty() && !m_anchor.empty()) {
      return described_post(attempts);
    }
    return best;
  }

 private:
  // The last try on a page where no attempt found an article: the attempts again, now keeping the
  // block that holds the page's own description from conditional cleaning. A video page's one line
  // of text sits beside its player and a transcript link, which readability's cleaning removes as
  // an embed box; the page's description says that line is its story. (Only here: keeping such
  // blocks on every page kept teasers that repeat the description on three dragnet train pages.)
  std::vector<ContentBlock> described_post(const auto& attempts) {
    m_keep_described = true;
    std::vector<ContentBlock> found;
    for (const Attempt& attempt : attempts) {
      std::vector<ContentBlock> blocks = attempt_extraction(attempt);
      if (m_anchor.found_in(blocks) &&
          (reads_like_an_article(blocks) || reads_like_a_short_post(blocks, 0))) {
        found = std::move(blocks);
        break;
      }
    }
    m_keep_described = false;
    return found;
  }

  // The elements this attempt kept under the body (node_stats.h).
  template <typename Visit>
  void for_each_kept_element(Visit visit) const {
    extract::for_each_kept_element(m_body, visit);
  }

  std::vector<ContentBlock> attempt_extraction(const Attempt& attempt) {
    m_attempt = attempt;
    compute_pruned_stats(m_body, attempt.strip_unlikely, m_page_text);
    m_candidates.clear();
    score_paragraphs();
    const xmlNode* top = pick_top_candidate(m_candidates, m_body);
    // Without stripping by name, an author box may outscore the short post it follows; the
    // post is what holds them both, and emitting it leaves the box out (is_furniture).
    while (top != nullptr && top != m_body && is_furniture(stats_of(top))) {
      top = top->parent;
    }
    // A top candidate beside the one post the page marks is a sidebar's longer profile or text
    // widget next to a short post (dragnet train: 3 blog posts found, nothing else changed).
    // Most articles' top candidate is in a marked post already, and needs no walk of the page.
    // A whole page whose text is mostly its chrome stands beside its post as well.
    const bool beside_any = top != nullptr && !in_marked_post(top, m_body);
    if (const xmlNode* post = beside_any ? post_beside(top) : nullptr;
        post != nullptr &&
        (!is_ancestor(top, post) || (top == m_body && in_page_chrome(top, m_body)))) {
      const std::vector<const xmlNode*> within = candidates_within(m_candidates, post);
      // A photo post's body may hold no paragraph to credit: it is still the post, not the
      // sidebar beside it.
      top = within.empty() ? post : pick_top_candidate(within, m_body);
    }
    m_last_top = top;
    if (top == nullptr) {
      return {};
    }
    std::vector<ContentBlock> blocks = emit_article(top);
    if (!m_anchor.empty() && !m_anchor.found_in(blocks)) {
      const AnchoredChoice anchored = anchored_candidate(top, m_body, m_anchor);
      if (anchored.candidate != nullptr) {
        // The top candidate's split parts stay: a page that cuts its story into chunks of one
        // class may hold the standfirst beside some of them only.
        std::vector<ContentBlock> anchored_blocks =
            emit_article(anchored.candidate, anchored.passed_over, top);
        if (takes_over(anchored_blocks, blocks)) {
          return anchored_blocks;
        }
      }
    }
    return blocks;
  }

  // The one post the page marks, when the top candidate `top` stands beside it: a post with
  // some text, or, where `top` is page chrome (a sidebar's text widget or "about me" box beside
  // a photo post of one line), a post of any size.
  const xmlNode* post_beside(const xmlNode* top) const {
    const xmlNode* post = marked_post(m_body);
    return post == nullptr && in_page_chrome(top, m_body) ? marked_post(m_body, 0) : post;
  }

  // Whether the blocks of the anchored candidate replace those of the top one: they must hold
  // the standfirst and be more than the standfirst alone (a dek in a <div> of its own), unless
  // the top candidate is thin too (a short post whose text is little more than its summary).
  bool takes_over(const std::vector<ContentBlock>& anchored, const std::vector<ContentBlock>& top) const {
    if (!m_anchor.found_in(anchored)) {
      return false;
    }
    const std::size_t anchored_text = text_length(anchored);
    return anchored_text >= std::min(k_enough_text, 2 * m_standfirst_size) ||
           text_length(top) < k_enough_text;
  }

  static std::size_t text_length(const std::vector<ContentBlock>& blocks) {
    std::size_t length = 0;
    for (const ContentBlock& block : blocks) {
      length += block.text.size();
    }
    return length;
  }

  // Readability's starting score by tag, plus the class weight.
  void initialize_candidate(NodeStats& stats) const {
    double score = starting_score(stats.facts.tag.tag);
    if (m_attempt.weigh_classes) {
      score += stats.facts.hints.weight;
    }
    stats.score = score;
    stats.scored = true;
  }

  // An attempt that yields this much text is the article; a shorter yield tries the next.
  static constexpr std::size_t k_enough_text = 500;

  void score_paragraphs() {
    for_each_kept_element([this](xmlNode* element, const NodeStats& stats) {
      if (stats.text >= k_min_paragraph_text) {
        if (is_paragraph_like(stats)) {
          credit_paragraph(element->parent, stats.text, stats.commas);
        } else if (stats.has_block_child) {
          score_loose_text(element);
        }
      }
      return false;
    });
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

  // The blocks of `top` and the siblings that continue it, leaving out the subtree `passed_over`
  // (a block the standfirst showed not to be the article) when it lies inside. The split parts
  // added are those of `parts_of` (top itself unless given).
  std::vector<ContentBlock> emit_article(const xmlNode* top, const xmlNode* passed_over = nullptr,
                                         const xmlNode* parts_of = nullptr) const {
    const std::vector<const xmlNode*> nodes =
        with_split_parts(article_nodes(top, m_body), parts_of != nullptr ? parts_of : top, m_body);
    std::uint32_t article_text = 0;
    for (const xmlNode* node : nodes) {
      article_text += stats_of(node).text;
    }
    const auto emit = [&](bool skip_furniture) {
      return emit_blocks(nodes, m_title, [&](const xmlNode* node) {
        return node == passed_over || skips(node, article_text) ||
               (skip_furniture && std::find(nodes.begin(), nodes.end(), node) == nodes.end() &&
                is_furniture(stats_of(node)));
      });
    };
    if (m_attempt.strip_unlikely) {
      return emit(false);  // furniture is stripped already
    }
    // A short post whose own text sits in blocks named as furniture is kept whole rather than
    // lost: the strictest attempt, which strips by name, found too little of it.
    std::vector<ContentBlock> blocks = emit(true);
    return reads_like_a_short_post(blocks, 0) ? blocks : emit(false);
  }

  // A block named as a post's furniture (an author box, share buttons, related posts), which
  // the strictest attempt strips by name and the looser ones would keep inside a short post.
  // Blocks only: a <span class="pullquote"> holding a quotation mark is part of its sentence.
  bool is_furniture(const NodeStats& stats) const {
    return !m_attempt.strip_unlikely && stats.facts.hints.furniture && stats.facts.tag.block &&
           !stats.facts.marks_article && stats.raw_text * 2 <= m_page_text;
  }

  // `article_text`: the visible characters of all the nodes being emitted.
  bool skips(const xmlNode* node, std::uint32_t article_text) const {
    const NodeStats& stats = stats_of(node);
    const Tag tag = stats.facts.tag.tag;
    if (stats.dropped || tag == Tag::h1) {
      return true;  // the headline is the title, not article text
    }
    if (is_comments_marker(stats.facts)) {
      return false;  // where the article ends, whatever the class weights say
    }
    if (tag == Tag::h2 && stats.facts.hints.weight < 0 && m_attempt.weigh_classes) {
      return true;
    }
    if (is_inline_card(stats) && !holds_inline_card(node)) {
      return true;  // the card itself, not the name it hangs on
    }
    const int class_weight = m_attempt.weigh_classes ? stats.facts.hints.weight : 0;
    // In the last try (described_post), not the block that holds the page's own description.
    return m_attempt.clean_conditionally && should_clean(stats, class_weight, article_text) &&
           !(m_keep_described && m_anchor.found_in(node));
  }

  xmlNode* m_body;
  std::string_view m_title;
  StandfirstAnchor m_anchor;  // the page's standfirst; empty: no check
  bool m_keep_described = false;  // described_post's try is running
  std::size_t m_standfirst_size;
  std::deque<NodeStats> m_stats;  // a deque: elements keep their address as it grows
  std::vector<const xmlNode*> m_candidates;  // elements credited by a paragraph, this attempt
  std::uint32_t m_page_text = 0;
  const xmlNode* m_last_top = nullptr;  // the last attempt's top candidate
  Attempt m_attempt;
};

}  // namespace

std::vector<ContentBlock> extract_content(xmlNode* body, std::string_view title,
                                         std::string_view standfirst) {
  if (body == nullptr) {
    return {};
  }
  ContentFinder finder(body, title, standfirst);
  return finder.run();
}

}  // namespace tracker::extract
