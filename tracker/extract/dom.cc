#include "tracker/extract/dom.h"

#include <array>
#include <algorithm>

#include "tracker/text/whitespace.h"

namespace tracker::extract::dom {

std::string_view attribute(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (attr->name != nullptr && name == reinterpret_cast<const char*>(attr->name)) {
      const xmlNode* value = attr->children;
      return value != nullptr ? content(value) : std::string_view();
    }
  }
  return {};
}

bool has_attribute(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (attr->name != nullptr && name == reinterpret_cast<const char*>(attr->name)) {
      return true;
    }
  }
  return false;
}

const xmlNode* next_in_order(const xmlNode* node, const xmlNode* root, bool skip_children) {
  if (!skip_children && node->children != nullptr && node->type == XML_ELEMENT_NODE) {
    return node->children;
  }
  while (node != nullptr && node != root) {
    if (node->next != nullptr) {
      return node->next;
    }
    node = node->parent;
  }
  return nullptr;
}

std::string text_of(const xmlNode* node) {
  std::string out;
  if (is_text(node)) {
    text::append_collapsed(out, content(node));
  } else {
    for (const xmlNode* at = node; at != nullptr; at = next_in_order(at, node)) {
      if (is_text(at)) {
        text::append_collapsed(out, content(at));
      }
    }
  }
  text::trim_trailing_space(out);
  return out;
}

xmlNode* find_element(xmlNode* root, std::string_view name) {
  for (xmlNode* at = root; at != nullptr; at = next_in_order(at, root)) {
    if (is_element(at) && tag(at) == name) {
      return at;
    }
  }
  return nullptr;
}

bool is_block_tag(std::string_view tag) {
  static constexpr std::array<std::string_view, 37> k_blocks = {
      "address", "article", "aside",  "blockquote", "body",     "dd",     "details", "dialog",
      "div",     "dl",      "dt",     "fieldset",   "figcaption", "figure", "footer", "form",
      "h1",      "h2",      "h3",     "h4",         "h5",       "h6",     "header",  "hr",
      "li",      "main",    "nav",    "ol",         "p",        "pre",    "section", "table",
      "td",      "th",      "tr",     "ul",         "center"};
  return std::find(k_blocks.begin(), k_blocks.end(), tag) != k_blocks.end();
}

bool is_heading_tag(std::string_view tag) {
  return tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6';
}

}  // namespace tracker::extract::dom
