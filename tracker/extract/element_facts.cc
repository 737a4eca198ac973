#include "tracker/extract/element_facts.h"

#include <algorithm>
#include <array>
#include <string>

#include "tracker/extract/dom.h"

namespace tracker::extract {
namespace {

struct TagEntry {
  std::string_view name;
  TagInfo info;
};

// Sorted by name for binary search. One place for what each tag means to the finder.
constexpr std::array<TagEntry, 62> k_tags = {{
    {"a", {Tag::a, false, false, false}},
    {"address", {Tag::address, true, false, false}},
    {"article", {Tag::article, true, false, false}},
    {"aside", {Tag::aside, true, false, true}},
    {"audio", {Tag::other, false, true, false}},
    {"blockquote", {Tag::blockquote, true, false, false}},
    {"body", {Tag::other, true, false, false}},
    {"br", {Tag::br, false, false, false}},
    {"button", {Tag::other, false, true, false}},
    {"canvas", {Tag::other, false, true, false}},
    {"center", {Tag::other, true, false, false}},
    {"dd", {Tag::dd, true, false, false}},
    {"details", {Tag::other, true, false, false}},
    {"dialog", {Tag::other, true, true, false}},
    {"div", {Tag::div, true, false, false}},
    {"dl", {Tag::dl, true, false, false}},
    {"dt", {Tag::dt, true, false, false}},
    {"embed", {Tag::other, false, true, false}},
    {"fieldset", {Tag::fieldset, true, false, false}},
    {"figcaption", {Tag::other, true, false, false}},
    {"figure", {Tag::other, true, true, false}},
    {"footer", {Tag::other, true, false, true}},
    {"form", {Tag::form, true, false, true}},
    {"h1", {Tag::h1, true, false, false}},
    {"h2", {Tag::h2, true, false, false}},
    {"h3", {Tag::heading, true, false, false}},
    {"h4", {Tag::heading, true, false, false}},
    {"h5", {Tag::heading, true, false, false}},
    {"h6", {Tag::heading, true, false, false}},
    {"head", {Tag::other, false, true, false}},
    {"header", {Tag::other, true, false, true}},
    {"hr", {Tag::other, true, false, false}},
    {"iframe", {Tag::other, false, true, false}},
    {"img", {Tag::img, false, false, false}},
    {"input", {Tag::input, false, true, false}},
    {"li", {Tag::li, true, false, false}},
    {"link", {Tag::other, false, true, false}},
    {"main", {Tag::main, true, false, false}},
    {"map", {Tag::other, false, true, false}},
    {"math", {Tag::other, false, true, false}},
    {"menu", {Tag::other, true, false, true}},
    {"meta", {Tag::other, false, true, false}},
    {"nav", {Tag::other, true, true, false}},
    {"noscript", {Tag::other, false, true, false}},
    {"object", {Tag::other, false, true, false}},
    {"ol", {Tag::ol, true, false, false}},
    {"option", {Tag::other, false, true, false}},
    {"p", {Tag::p, true, false, false}},
    {"pre", {Tag::pre, true, false, false}},
    {"script", {Tag::other, false, true, false}},
    {"section", {Tag::section, true, false, false}},
    {"select", {Tag::other, false, true, false}},
    {"style", {Tag::other, false, true, false}},
    {"svg", {Tag::other, false, true, false}},
    {"table", {Tag::table, true, false, false}},
    {"td", {Tag::td, true, false, false}},
    {"template", {Tag::other, false, true, false}},
    {"textarea", {Tag::other, false, true, false}},
    {"th", {Tag::th, true, false, false}},
    {"tr", {Tag::other, true, false, false}},
    {"ul", {Tag::ul, true, false, false}},
    {"video", {Tag::other, false, true, false}},
}};

static_assert(std::is_sorted(k_tags.begin(), k_tags.end(),
                             [](const TagEntry& a, const TagEntry& b) { return a.name < b.name; }),
              "k_tags must stay sorted for binary search");

bool hides(std::string_view style) {
  std::string compact;
  for (char c : style) {
    if (c != ' ') {
      compact.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

}  // namespace

TagInfo classify_tag(std::string_view name) {
  const auto it = std::lower_bound(k_tags.begin(), k_tags.end(), name,
                                   [](const TagEntry& entry, std::string_view key) { return entry.name < key; });
  return it != k_tags.end() && it->name == name ? it->info : TagInfo{};
}

ElementFacts read_element_facts(const xmlNode* node, const ClassHints& hints) {
  ElementFacts facts;
  facts.tag = classify_tag(dom::tag(node));
  facts.hints = hints;
  facts.hidden = hints.invisible;
  facts.marks_article = facts.tag.tag == Tag::article || facts.tag.tag == Tag::main ||
                        hints.article_body;
  // One pass over the attributes: this runs for every element of every page.
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    const std::string_view name =
        attr->name != nullptr ? reinterpret_cast<const char*>(attr->name) : "";
    const std::string_view value =
        attr->children != nullptr ? dom::content(attr->children) : std::string_view();
    if (name == "hidden" || (name == "aria-hidden" && value == "true") ||
        (name == "style" && hides(value))) {
      facts.hidden = true;
    } else if (name == "role") {
      facts.chrome_role = value == "navigation" || value == "complementary" ||
                          value == "banner" || value == "contentinfo" || value == "dialog" ||
                          value == "alert" || value == "menu";
    } else if (name == "itemprop" && value == "articleBody") {
      facts.marks_article = true;
    }
  }
  return facts;
}

}  // namespace tracker::extract
