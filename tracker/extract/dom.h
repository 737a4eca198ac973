#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

// Small read-only helpers over libxml2's tree. Every walk here is iterative: pages with
// 100,000 nested elements must not exhaust the stack.
namespace tracker::extract::dom {

inline bool is_element(const xmlNode* node) {
  return node != nullptr && node->type == XML_ELEMENT_NODE;
}

inline bool is_text(const xmlNode* node) {
  return node != nullptr && (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE);
}

// The element's tag name, lower-case as libxml2's HTML parser stores it.
inline std::string_view tag(const xmlNode* node) {
  return node->name != nullptr ? std::string_view(reinterpret_cast<const char*>(node->name))
                               : std::string_view();
}

inline std::string_view content(const xmlNode* node) {
  return node->content != nullptr ? std::string_view(reinterpret_cast<const char*>(node->content))
                                  : std::string_view();
}

// The value of attribute `name` (lower-case), or empty when absent. Views into the tree.
std::string_view attribute(const xmlNode* node, std::string_view name);

bool has_attribute(const xmlNode* node, std::string_view name);

// The next node after `node` in document order within `root`'s subtree, descending into
// `node`'s children unless `skip_children`; null after the last one.
const xmlNode* next_in_order(const xmlNode* node, const xmlNode* root, bool skip_children = false);

inline xmlNode* next_in_order(xmlNode* node, const xmlNode* root, bool skip_children = false) {
  return const_cast<xmlNode*>(
      next_in_order(static_cast<const xmlNode*>(node), root, skip_children));
}

// The subtree's text with whitespace collapsed and trimmed.
std::string text_of(const xmlNode* node);

// The first descendant element (or `root` itself) with tag `name`, or null.
xmlNode* find_element(xmlNode* root, std::string_view name);

// True when `tag` is an HTML element that starts a new block of text.
bool is_block_tag(std::string_view tag);

// True for h1..h6.
bool is_heading_tag(std::string_view tag);

}  // namespace tracker::extract::dom
