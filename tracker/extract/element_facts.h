#pragma once

#include <libxml/tree.h>

#include <cstdint>
#include <string_view>

#include "tracker/extract/class_hints.h"

namespace tracker::extract {

// The tags the content finder treats specially; everything else is `other`.
enum class Tag : std::uint8_t {
  other, a, address, article, aside, blockquote, br, dd, div, dl, dt, fieldset, form,
  h1, h2, heading,  // h3..h6
  img, input, li, main, ol, p, pre, section, table, td, th, ul
};

// What an element's tag says, looked up once per element rather than compared as strings
// on every pass.
struct TagInfo {
  Tag tag = Tag::other;
  bool block = false;          // starts a new block of text
  bool never_content = false;  // script, style, nav, forms controls, media, figures...
  bool chrome = false;         // aside, footer, header, menu, form: usually page chrome
};

TagInfo classify_tag(std::string_view name);

constexpr bool is_heading(Tag tag) {
  return tag == Tag::h1 || tag == Tag::h2 || tag == Tag::heading;
}

// Facts about an element that no extraction attempt changes.
struct ElementFacts {
  TagInfo tag;
  ClassHints hints;
  bool hidden = false;         // hidden attribute, aria-hidden, display:none, visibility:hidden
  bool chrome_role = false;    // an ARIA landmark that is not content (navigation, banner...)
  bool marks_article = false;  // <article>, <main>, itemprop=articleBody, an article-body class
};

// A heading whose id or class names the readers' comments (<h2 id="comments">), outside anything
// marked as the article: kept as a marker of where the article ends (ContentBlock::opens_comments),
// while any other element so named is dropped as chrome.
constexpr bool is_comments_marker(const ElementFacts& facts) {
  return facts.hints.comments && !facts.marks_article && is_heading(facts.tag.tag);
}

// Reads the facts of one element; `hints` are its class hints (computed by the caller, which
// caches them by class name).
ElementFacts read_element_facts(const xmlNode* node, const ClassHints& hints);

}  // namespace tracker::extract
