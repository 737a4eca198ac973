#include "tracker/syndication/xml_tree.h"

#include <array>
#include <vector>

#include "tracker/syndication/entities.h"
#include "tracker/syndication/html_text.h"
#include "tracker/syndication/uri.h"

namespace tracker::syndication {
namespace {

// HTML elements written without a closing tag.
constexpr std::array<std::string_view, 14> k_void_elements = {
    "area",  "base", "br",   "col",   "embed",  "hr",    "img",
    "input", "link", "meta", "param", "source", "track", "wbr"};

std::string_view prefix_of(std::string_view qualified_name) {
  const std::size_t colon = qualified_name.find(':');
  return colon == std::string_view::npos ? std::string_view{} : qualified_name.substr(0, colon);
}

// The URI bound to `prefix` (empty: the default namespace) in scope at `element`.
std::string_view lookup_namespace(pugi::xml_node element, std::string_view prefix) {
  if (prefix == "xml") {
    return ns::xml;
  }
  for (pugi::xml_node node = element; node.type() == pugi::node_element; node = node.parent()) {
    for (const pugi::xml_attribute attribute : node.attributes()) {
      const std::string_view name = attribute.name();
      const bool match = prefix.empty() ? name == "xmlns"
                                        : (name.size() == 6 + prefix.size() &&
                                           name.starts_with("xmlns:") && name.substr(6) == prefix);
      if (match) {
        return attribute.value();
      }
    }
  }
  return {};
}

void append_attribute_escaped(std::string& out, std::string_view value) {
  for (const char c : value) {
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      default:
        out.push_back(c);
    }
  }
}

bool is_void(std::string_view name) {
  for (const std::string_view v : k_void_elements) {
    if (v == name) {
      return true;
    }
  }
  return false;
}

void open_tag(std::string& out, pugi::xml_node element) {
  out.push_back('<');
  out.append(local_name(element.name()));
  for (const pugi::xml_attribute attribute : element.attributes()) {
    const std::string_view name = attribute.name();
    if (name == "xmlns" || name.find(':') != std::string_view::npos) {
      continue;  // namespace declarations and foreign attributes mean nothing in HTML
    }
    out.push_back(' ');
    out.append(name);
    out.append("=\"");
    std::string value;
    append_decoded(value, attribute.value());
    append_attribute_escaped(out, value);
    out.push_back('"');
  }
  out.push_back('>');
}

void close_tag(std::string& out, pugi::xml_node element) {
  const std::string_view name = local_name(element.name());
  if (!is_void(name)) {
    out.append("</").append(name).append(">");
  }
}

}  // namespace

std::string_view local_name(std::string_view qualified_name) {
  const std::size_t colon = qualified_name.find(':');
  return colon == std::string_view::npos ? qualified_name : qualified_name.substr(colon + 1);
}

std::string_view namespace_uri(pugi::xml_node element) {
  return lookup_namespace(element, prefix_of(element.name()));
}

bool is_element(pugi::xml_node node, std::string_view uri, std::string_view local) {
  return node.type() == pugi::node_element && local_name(node.name()) == local &&
         namespace_uri(node) == uri;
}

pugi::xml_node child_element(pugi::xml_node parent, std::string_view uri, std::string_view local) {
  for (const pugi::xml_node child : parent.children()) {
    if (is_element(child, uri, local)) {
      return child;
    }
  }
  return {};
}

std::string attribute_text(pugi::xml_node element, std::string_view uri, std::string_view local) {
  for (const pugi::xml_attribute attribute : element.attributes()) {
    const std::string_view name = attribute.name();
    if (local_name(name) != local) {
      continue;
    }
    const std::string_view prefix = prefix_of(name);
    if (prefix == "xmlns" || (prefix.empty() && name == "xmlns")) {
      continue;
    }
    // An unprefixed attribute is in no namespace, whatever the default namespace is.
    const std::string_view attribute_uri =
        prefix.empty() ? std::string_view{} : lookup_namespace(element, prefix);
    if (attribute_uri == uri) {
      std::string value;
      append_decoded(value, attribute.value());
      return value;
    }
  }
  return {};
}

std::string text_content(pugi::xml_node element) {
  std::string text;
  pugi::xml_node node = element.first_child();
  while (node) {
    if (node.type() == pugi::node_pcdata) {
      append_decoded(text, node.value());
    } else if (node.type() == pugi::node_cdata) {
      text.append(node.value());
    }
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node != element && !node.next_sibling()) {
      node = node.parent();
    }
    if (node == element) {
      break;
    }
    node = node.next_sibling();
  }
  return text;
}

std::string inner_html(pugi::xml_node element) {
  std::string html;
  pugi::xml_node node = element.first_child();
  while (node) {
    if (node.type() == pugi::node_element) {
      open_tag(html, node);
      if (node.first_child()) {
        node = node.first_child();
        continue;
      }
      close_tag(html, node);
    } else if (node.type() == pugi::node_pcdata) {
      std::string text;
      append_decoded(text, node.value());
      html.append(escape_html(text));
    } else if (node.type() == pugi::node_cdata) {
      html.append(escape_html(node.value()));
    }
    while (node != element && !node.next_sibling()) {
      node = node.parent();
      if (node != element) {
        close_tag(html, node);
      }
    }
    if (node == element) {
      break;
    }
    node = node.next_sibling();
  }
  return html;
}

std::string base_uri(pugi::xml_node node, std::string_view document_url) {
  std::vector<std::string> bases;
  for (pugi::xml_node n = node; n.type() == pugi::node_element; n = n.parent()) {
    if (const pugi::xml_attribute base = n.attribute("xml:base")) {
      std::string value;
      append_decoded(value, base.value());
      bases.push_back(std::move(value));
    }
  }
  std::string base(document_url);
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) {
    base = resolve_uri(base, *it);
  }
  return base;
}

}  // namespace tracker::syndication
