#include "tracker/syndication/opml.h"

#include <algorithm>
#include <cctype>

#include "tracker/syndication/xml_input.h"
#include "tracker/syndication/xml_tree.h"
#include "tracker/text/whitespace.h"

namespace tracker::syndication {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Exporters disagree on the case of xmlUrl ("xmlURL", "xmlurl"); OPML has no namespace to say.
std::string attribute_any_case(pugi::xml_node element, std::string_view name) {
  for (const pugi::xml_attribute attribute : element.attributes()) {
    if (equals_ignoring_case(attribute.name(), name)) {
      return attribute_text(element, {}, attribute.name());
    }
  }
  return {};
}

// An outline's title attribute, else its text attribute, whitespace collapsed.
std::string outline_title(pugi::xml_node outline) {
  std::string title = text::collapse_whitespace(attribute_any_case(outline, "title"));
  return title.empty() ? text::collapse_whitespace(attribute_any_case(outline, "text")) : title;
}

// Walks up to <body>: parse_xml has bounded the depth.
std::vector<std::string> folders_of(pugi::xml_node outline) {
  std::vector<std::string> folders;
  for (pugi::xml_node at = outline.parent(); at && std::string_view(at.name()) == "outline"; at = at.parent()) {
    if (std::string title = outline_title(at); !title.empty()) {
      folders.push_back(std::move(title));
    }
  }
  std::reverse(folders.begin(), folders.end());
  return folders;
}

OpmlOutline read_outline(pugi::xml_node outline) {
  OpmlOutline out;
  out.title = outline_title(outline);
  out.xml_url = text::collapse_whitespace(attribute_any_case(outline, "xmlUrl"));
  out.html_url = text::collapse_whitespace(attribute_any_case(outline, "htmlUrl"));
  if (!out.xml_url.empty()) {
    out.folders = folders_of(outline);
  }
  return out;
}

}  // namespace

tl::expected<OpmlList, FeedError> parse_opml(std::string_view bytes) {
  auto utf8 = decode_xml(bytes, {});
  if (!utf8) {
    return tl::make_unexpected(utf8.error());
  }
  if (utf8->find_first_not_of(" \t\r\n") == std::string::npos) {
    return tl::make_unexpected(FeedError{"empty document"});
  }
  const Prolog prolog = scan_prolog(*utf8);
  if (!prolog.root_name.empty() && local_name(prolog.root_name) != "opml") {
    return tl::make_unexpected(
        FeedError{"not an OPML document: root element <" + prolog.root_name + ">"});
  }
  pugi::xml_document document;
  if (auto parsed = parse_xml(*utf8, document); !parsed) {
    return tl::make_unexpected(parsed.error());
  }
  const pugi::xml_node root = document.document_element();
  OpmlList list;
  // Folders are outlines holding outlines; walk them all without recursion. parse_xml has
  // bounded the depth.
  const pugi::xml_node body = root.child("body");
  pugi::xml_node node = body.first_child();
  while (node) {
    const bool is_outline =
        node.type() == pugi::node_element && std::string_view(node.name()) == "outline";
    if (is_outline) {
      if (list.outlines.size() == k_max_opml_outlines) {
        list.dropped += attribute_any_case(node, "xmlUrl").empty() ? 0 : 1;
      } else if (OpmlOutline outline = read_outline(node); !outline.xml_url.empty()) {
        list.outlines.push_back(std::move(outline));
      }
      if (node.first_child()) {
        node = node.first_child();
        continue;
      }
    }
    while (node != body && !node.next_sibling()) {
      node = node.parent();
    }
    if (node == body) {
      break;
    }
    node = node.next_sibling();
  }
  return list;
}

}  // namespace tracker::syndication
