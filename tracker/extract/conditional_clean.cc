#include "tracker/extract/conditional_clean.h"

#include "tracker/extract/dom.h"

namespace tracker::extract {
namespace {

// A wrapper of one paragraph of prose and nothing else ("el__leafmedia--sourced-paragraph").
bool is_one_paragraph(const NodeStats& stats) {
  constexpr std::uint32_t k_min_prose = 80;
  return stats.paragraphs == 1 && stats.images == 0 && stats.embeds == 0 && stats.inputs == 0 &&
         stats.list_items == 0 && stats.heading_text == 0 && stats.text >= k_min_prose &&
         link_density(stats) < 0.25;
}

}  // namespace

bool should_clean(const NodeStats& stats, int class_weight, std::uint32_t article_text) {
  const Tag tag = stats.facts.tag.tag;
  if (stats.facts.hints.editorial_note) {
    return false;  // a correction or editor's note is short and may sit in an <aside>: kept
  }
  if (tag != Tag::div && tag != Tag::section && tag != Tag::ul && tag != Tag::ol &&
      tag != Tag::table && tag != Tag::form && tag != Tag::fieldset && tag != Tag::aside) {
    return false;
  }
  // A chrome word in a class name does not make chrome of what holds most of the article
  // (Blogger wraps every post in a "widget Blog"), nor of a wrapper of one paragraph of prose
  // (CNN's lede in an "el__leafmedia"); the other tests below still apply to them.
  if (class_weight < 0 && stats.text * 2 <= article_text && !is_one_paragraph(stats)) {
    return true;
  }
  constexpr std::uint32_t k_comma_rich = 10;
  if (stats.commas >= k_comma_rich) {
    return false;
  }
  const bool is_list =
      tag == Tag::ul || tag == Tag::ol || (stats.text > 0 && stats.list_text * 10 > stats.text * 9);
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
         (!is_list && class_weight < 25 && density > 0.2) ||
         (class_weight >= 25 && density > 0.5) || (stats.embeds == 1 && length < 75) ||
         stats.embeds > 1 || (is_list && density > 0.5);
}

bool is_inline_card(const NodeStats& stats) {
  constexpr std::uint32_t k_min_card_text = 80;
  return !stats.facts.tag.block && stats.facts.tag.tag != Tag::a && stats.images > 0 &&
         stats.text >= k_min_card_text && stats.link_text * 5 >= stats.text * 4;
}

bool holds_inline_card(const xmlNode* node) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (dom::is_element(child) && is_inline_card(stats_of(child))) {
      return true;
    }
  }
  return false;
}

}  // namespace tracker::extract
