#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

namespace tracker::extract {

enum class BlockKind { paragraph, heading, list_item, quote, preformatted };

// One block of article text: a paragraph, subheading, list item, quotation or code block.
struct ContentBlock {
  std::string text;  // whitespace collapsed, trimmed, never empty
  BlockKind kind = BlockKind::paragraph;
  std::size_t link_chars = 0;  // how much of `text` (bytes, spaces collapsed) was link text
  // A heading whose id or class names the readers' comments (`<h2 id="comments">`), whatever
  // its words: where the article ends (comments_heading.h), never text of its own.
  bool opens_comments = false;
};

// Finds the main article content under `body` (a readability-class algorithm: paragraphs
// scored by length and commas, ancestors credited, link density and class/id hints applied,
// chrome pruned) and returns its blocks in document order. `title` is the page title, so a
// repeated headline can be left out; `standfirst` is the page's description, which the chosen
// block should hold when some paragraph of the page does (standfirst_anchor.h). The tree is
// read, not modified.
std::vector<ContentBlock> extract_content(xmlNode* body, std::string_view title,
                                         std::string_view standfirst);

}  // namespace tracker::extract
