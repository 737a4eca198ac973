#include "tracker/extract/top_candidate.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

#include "tracker/extract/dom.h"
#include "tracker/extract/node_stats.h"

namespace tracker::extract {
namespace {

constexpr std::size_t k_top_count = 5;
using TopCandidates = std::array<const xmlNode*, k_top_count>;  // best first, null past the end

TopCandidates rank_candidates(const std::vector<const xmlNode*>& candidates) {
  TopCandidates top{};
  for (const xmlNode* candidate : candidates) {
    const double score = final_score(candidate);
    for (std::size_t i = 0; i < k_top_count; ++i) {
      if (top[i] == nullptr || score > final_score(top[i])) {
        std::copy_backward(top.begin() + static_cast<std::ptrdiff_t>(i), top.end() - 1, top.end());
        top[i] = candidate;
        break;
      }
    }
  }
  return top;
}

int element_children(const xmlNode* node) {
  int count = 0;
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (dom::is_element(child) && !stats_of(child).dropped) {
      ++count;
    }
  }
  return count;
}

// When several strong candidates share an ancestor, the article is that ancestor (a story
// split into several <div>s around ads); otherwise it is the best candidate.
const xmlNode* shared_ancestor(const TopCandidates& top, const xmlNode* body) {
  constexpr int k_min_shared = 3;
  const xmlNode* best = top[0];
  const double best_score = final_score(best);
  for (const xmlNode* ancestor = best->parent; dom::is_element(ancestor) && ancestor != body;
       ancestor = ancestor->parent) {
    int shared = 0;
    for (std::size_t i = 1; i < k_top_count && top[i] != nullptr; ++i) {
      if (final_score(top[i]) >= 0.75 * best_score && is_ancestor(ancestor, top[i])) {
        ++shared;
      }
    }
    if (shared >= k_min_shared) {
      return ancestor;
    }
  }
  return best;
}

// Climbs while the parent scores comparably: it holds more of the same article.
const xmlNode* comparable_parent(const xmlNode* best, const xmlNode* body) {
  double last_score = stats_of(best).scored ? final_score(best) : 0;
  const double threshold = last_score / 3;
  for (const xmlNode* parent = best->parent; dom::is_element(parent) && parent != body;
       parent = parent->parent) {
    if (!stats_of(parent).scored) {
      continue;
    }
    const double parent_score = final_score(parent);
    if (parent_score < threshold) {
      break;
    }
    if (parent_score > last_score) {
      return parent;
    }
    last_score = parent_score;
  }
  return best;
}

// A lone child says nothing its parent does not.
const xmlNode* above_lone_children(const xmlNode* best, const xmlNode* body) {
  while (best->parent != nullptr && dom::is_element(best->parent) && best->parent != body &&
         element_children(best->parent) == 1) {
    best = best->parent;
  }
  return best;
}

// A <p> beside the article that scored too little is still its text when it is long and
// mostly unlinked, or short, unlinked and holds a sentence.
bool paragraph_reads_as_text(const xmlNode* paragraph, const NodeStats& stats) {
  const double density = link_density(stats);
  if (stats.text > 80 && density < 0.25) {
    return true;
  }
  if (stats.text > 0 && stats.text <= 80 && density == 0) {
    const std::string text = dom::text_of(paragraph);
    return text.find(". ") != std::string::npos || text.ends_with('.');
  }
  return false;
}

// Another part of a story split around ads: prose, mostly unlinked.
bool reads_as_part(const NodeStats& stats) {
  constexpr std::uint32_t k_min_part_text = 500;
  return stats.paragraphs >= 2 && stats.text >= k_min_part_text && link_density(stats) < 0.25;
}

}  // namespace

bool is_ancestor(const xmlNode* ancestor, const xmlNode* node) {
  for (const xmlNode* at = node->parent; at != nullptr; at = at->parent) {
    if (at == ancestor) {
      return true;
    }
  }
  return false;
}

double starting_score(Tag tag) {
  switch (tag) {
    case Tag::div:
      return 5;
    case Tag::pre:
    case Tag::td:
    case Tag::blockquote:
      return 3;
    case Tag::address:
    case Tag::ol:
    case Tag::ul:
    case Tag::dl:
    case Tag::dd:
    case Tag::dt:
    case Tag::li:
    case Tag::form:
      return -3;
    case Tag::h1:
    case Tag::h2:
    case Tag::heading:
    case Tag::th:
      return -5;
    default:
      return 0;
  }
}

double final_score(const xmlNode* node) {
  const NodeStats& stats = stats_of(node);
  return stats.score * (1.0 - link_density(stats));
}

const xmlNode* pick_top_candidate(const std::vector<const xmlNode*>& candidates,
                                  const xmlNode* body) {
  const TopCandidates top = rank_candidates(candidates);
  if (top[0] == nullptr || top[0] == body) {
    return body;  // nothing above <body> carries stats
  }
  return above_lone_children(comparable_parent(shared_ancestor(top, body), body), body);
}

namespace {

bool marks_post(const NodeStats& stats) {
  return stats.facts.marks_article && stats.facts.tag.tag != Tag::main;
}

}  // namespace

bool in_marked_post(const xmlNode* node, const xmlNode* body) {
  for (const xmlNode* at = node; at != nullptr && at != body; at = at->parent) {
    if (marks_post(stats_of(at))) {
      return true;
    }
  }
  return false;
}

namespace {

bool is_page_chrome(const ElementFacts& facts) {
  return facts.tag.chrome || facts.chrome_role || facts.hints.unlikely;
}

}  // namespace

bool in_page_chrome(const xmlNode* node, const xmlNode* body) {
  for (const xmlNode* at = node; at != nullptr && at != body && dom::is_element(at);
       at = at->parent) {
    if (is_page_chrome(stats_of(at).facts)) {
      return true;
    }
  }
  // A page column whose text is the chrome it holds: a blog's right column, whose <aside>
  // holds its widgets.
  std::uint32_t chrome_text = 0;
  for_each_kept_element(node, [&](const xmlNode* element, const NodeStats& stats) {
    if (element != node && is_page_chrome(stats.facts)) {
      chrome_text += stats.text;
      return true;  // counted once, with what it holds
    }
    return false;
  });
  return chrome_text > 0 && chrome_text * 5 >= stats_of(node).text * 4;
}

const xmlNode* marked_post(const xmlNode* body, std::uint32_t min_text) {
  const xmlNode* post = nullptr;
  int posts = 0;
  for_each_kept_element(body, [&](const xmlNode* element, const NodeStats& stats) {
    if (marks_post(stats)) {
      ++posts;
      post = element;
      return true;  // one inside another counts once
    }
    return false;
  });
  return posts == 1 && stats_of(post).text >= min_text ? post : nullptr;
}

std::vector<const xmlNode*> candidates_within(const std::vector<const xmlNode*>& candidates,
                                              const xmlNode* post) {
  std::vector<const xmlNode*> inside;
  std::copy_if(
      candidates.begin(), candidates.end(), std::back_inserter(inside),
      [&](const xmlNode* candidate) { return candidate == post || is_ancestor(post, candidate); });
  return inside;
}

bool takes_the_page(const xmlNode* looser_top, const xmlNode* strict_top, const xmlNode* body,
                    std::uint32_t page_text, std::size_t looser_length, std::size_t strict_length) {
  if (looser_top == nullptr || strict_top == nullptr || looser_top == strict_top) {
    return false;
  }
  return looser_top == body ||
         (is_ancestor(looser_top, strict_top) &&
          (stats_of(looser_top).raw_text * 4 >= page_text * 3 || looser_length >= 5 * strict_length));
}

std::vector<const xmlNode*> article_nodes(const xmlNode* top, const xmlNode* body) {
  if (top == body || top->parent == nullptr) {
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
    const bool append = (stats.scored && final_score(sibling) + bonus >= threshold) ||
                        ((dom::tag(sibling) == "p" || is_bare_text_block(stats)) &&
                         paragraph_reads_as_text(sibling, stats));
    if (append) {
      nodes.push_back(sibling);
    }
  }
  return nodes;
}

std::vector<const xmlNode*> with_split_parts(const std::vector<const xmlNode*>& nodes,
                                             const xmlNode* top, const xmlNode* body) {
  const std::string_view top_class = dom::attribute(top, "class");
  if (top == body || top_class.empty()) {
    return nodes;
  }
  const Tag top_tag = stats_of(top).facts.tag.tag;  // cheap to compare before the name
  // `nodes` are siblings in document order, met in that order by the walk below: the next one
  // is all there is to look for (a find over them at each element would be quadratic on a page
  // of thousands of sibling paragraphs).
  std::size_t next_chosen = 0;
  std::vector<const xmlNode*> parts;
  bool found_part = false;
  for_each_kept_element(body, [&](const xmlNode* at, const NodeStats& stats) {
    if (next_chosen < nodes.size() && at == nodes[next_chosen]) {
      parts.push_back(at);
      ++next_chosen;
      return true;
    }
    if (stats.facts.tag.tag == top_tag && dom::tag(at) == dom::tag(top) &&
        dom::attribute(at, "class") == top_class && reads_as_part(stats) && !is_ancestor(at, top)) {
      parts.push_back(at);
      found_part = true;
      return true;
    }
    return false;
  });
  if (next_chosen != nodes.size()) {
    return nodes;  // not met in order: keep what article_nodes chose
  }
  return found_part ? parts : nodes;
}

}  // namespace tracker::extract
