#include "tracker/syndication/well_formed.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

#include "tracker/syndication/entities.h"
#include "tracker/syndication/xml_chars.h"
#include "tracker/syndication/xml_input.h"

namespace tracker::syndication {
namespace {

// A namespace prefix in scope: declared on an element at `depth`.
struct Binding {
  int depth;
  std::string_view prefix;
};

class TreeChecker {
 public:
  explicit TreeChecker(std::string_view text) : m_text(text) {}

  tl::expected<void, FeedError> check(pugi::xml_node root) {
    int depth = 1;
    pugi::xml_node node = root;
    while (node) {
      if (node.type() == pugi::node_element) {
        if (depth > k_max_depth) {
          return fail(node,
                      "elements nested deeper than " + std::to_string(k_max_depth) + " levels");
        }
        if (auto checked = check_element(node, depth); !checked) {
          return checked;
        }
      } else if (node.type() == pugi::node_pcdata) {
        if (auto checked = check_references(node, node.value(), "text"); !checked) {
          return checked;
        }
        if (std::string_view(node.value()).find("]]>") != std::string_view::npos) {
          return fail(node, "']]>' in text must be written ']]&gt;'");
        }
      }
      // Document order without recursion: down, else along, else up and along.
      if (node.first_child()) {
        node = node.first_child();
        ++depth;
        continue;
      }
      while (node != root && !node.next_sibling()) {
        node = node.parent();
        --depth;
      }
      if (node == root) {
        break;
      }
      node = node.next_sibling();
    }
    return {};
  }

 private:
  tl::expected<void, FeedError> check_element(pugi::xml_node element, int depth) {
    // Bindings deeper than or level with this element belong to elements already closed.
    while (!m_bindings.empty() && m_bindings.back().depth >= depth) {
      m_bindings.pop_back();
    }
    m_names.clear();
    for (const pugi::xml_attribute attribute : element.attributes()) {
      const std::string_view name = attribute.name();
      m_names.push_back(name);
      if (name.starts_with("xmlns:")) {
        if (std::string_view(attribute.value()).empty()) {
          return fail(element, "namespace prefix '" + std::string(name.substr(6)) +
                                   "' is declared with an empty URI");
        }
        m_bindings.push_back({depth, name.substr(6)});
      }
    }
    std::sort(m_names.begin(), m_names.end());
    if (const auto twice = std::adjacent_find(m_names.begin(), m_names.end());
        twice != m_names.end()) {
      return fail(element, "attribute '" + std::string(*twice) + "' appears twice in <" +
                               element.name() + ">");
    }
    const std::string_view name = element.name();
    if (auto checked = check_prefix(element, name, "<" + std::string(name) + ">"); !checked) {
      return checked;
    }
    for (const pugi::xml_attribute attribute : element.attributes()) {
      const std::string_view attribute_name = attribute.name();
      const std::string what = "attribute '" + std::string(attribute_name) + "'";
      if (attribute_name != "xmlns" && !attribute_name.starts_with("xmlns:")) {
        if (auto checked = check_prefix(element, attribute_name, what); !checked) {
          return checked;
        }
      }
      const std::string_view value = attribute.value();
      if (value.find('<') != std::string_view::npos) {
        return fail(element, "'<' in the value of " + what + " must be written '&lt;'");
      }
      if (auto checked = check_references(element, value, what); !checked) {
        return checked;
      }
    }
    return {};
  }

  tl::expected<void, FeedError> check_prefix(pugi::xml_node element, std::string_view name,
                                             const std::string& what) {
    const std::size_t colon = name.find(':');
    if (colon == std::string_view::npos) {
      return {};
    }
    const std::string_view prefix = name.substr(0, colon);
    if (colon == 0 || colon + 1 == name.size() ||
        name.find(':', colon + 1) != std::string_view::npos) {
      return fail(element, "malformed qualified name in " + what);
    }
    if (prefix == "xml") {
      return {};
    }
    const bool bound =
        std::any_of(m_bindings.begin(), m_bindings.end(),
                    [&](const Binding& binding) { return binding.prefix == prefix; });
    if (!bound) {
      return fail(element, "undeclared namespace prefix '" + std::string(prefix) + "' in " + what);
    }
    return {};
  }

  tl::expected<void, FeedError> check_references(pugi::xml_node node, std::string_view raw,
                                                 const std::string& what) {
    for (std::size_t at = raw.find('&'); at != std::string_view::npos; at = raw.find('&', at + 1)) {
      const Reference reference = read_reference(raw, at);
      const std::string written(raw.substr(at, std::min<std::size_t>(reference.length, 40)));
      switch (reference.kind) {
        case ReferenceKind::character:
          break;
        case ReferenceKind::bare_ampersand:
          return fail(node, "'&' in " + what + " must be written '&amp;'", at);
        case ReferenceKind::unknown_name:
          return fail(node, "undefined entity '" + written + "' in " + what, at);
        case ReferenceKind::illegal_code:
          return fail(node, "'" + written + "' in " + what + " is not a legal XML character", at);
      }
    }
    return {};
  }

  tl::expected<void, FeedError> fail(pugi::xml_node node, const std::string& message,
                                     std::size_t extra = 0) {
    const std::ptrdiff_t offset = node.offset_debug();
    return tl::make_unexpected(
        xml_error(m_text, offset < 0 ? 0 : static_cast<std::size_t>(offset) + extra, message));
  }

  std::string_view m_text;
  std::vector<Binding> m_bindings;
  std::vector<std::string_view> m_names;  // one element's attribute names, reused
};

// After the root element only whitespace, comments and processing instructions may follow.
tl::expected<void, FeedError> check_epilog(std::string_view text, pugi::xml_node root,
                                           const std::string& root_name) {
  std::size_t pos = std::string_view::npos;
  const std::size_t close = text.rfind("</" + root_name);
  if (close != std::string_view::npos) {
    pos = text.find('>', close);
  } else if (!root.first_child()) {
    const std::ptrdiff_t start = root.offset_debug();
    pos = text.find("/>", start < 0 ? 0 : static_cast<std::size_t>(start));
    pos = pos == std::string_view::npos ? pos : pos + 1;
  }
  if (pos == std::string_view::npos) {
    return {};  // pugixml matched the tags; nothing more to learn here
  }
  ++pos;
  while (pos < text.size()) {
    if (is_xml_space(text[pos])) {
      ++pos;
      continue;
    }
    const std::string_view rest = text.substr(pos);
    std::size_t end = std::string_view::npos;
    if (rest.starts_with("<!--")) {
      end = text.find("-->", pos + 4);
      end = end == std::string_view::npos ? end : end + 3;
    } else if (rest.starts_with("<?")) {
      end = text.find("?>", pos + 2);
      end = end == std::string_view::npos ? end : end + 2;
    }
    if (end == std::string_view::npos) {
      return tl::make_unexpected(
          xml_error(text, pos, "content after the end of the root element </" + root_name + ">"));
    }
    pos = end;
  }
  return {};
}

}  // namespace

FeedError xml_error(std::string_view text, std::size_t offset, const std::string& message) {
  offset = std::min(offset, text.size());
  const auto line =
      1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  return FeedError{"XML error at line " + std::to_string(line) + ": " + message};
}

tl::expected<void, FeedError> check_characters(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      std::array<char, 16> code{};
      std::snprintf(code.data(), code.size(), "U+%04X", c);
      return tl::make_unexpected(xml_error(
          utf8, i, "control character " + std::string(code.data()) + " is not allowed in XML"));
    }
  }
  return {};
}

tl::expected<void, FeedError> check_tree(const pugi::xml_document& document, std::string_view utf8,
                                         const std::string& root_name) {
  pugi::xml_node root;
  for (const pugi::xml_node child : document.children()) {
    if (child.type() != pugi::node_element) {
      continue;
    }
    if (root) {
      return tl::make_unexpected(xml_error(
          utf8, static_cast<std::size_t>(std::max<std::ptrdiff_t>(child.offset_debug(), 0)),
          "a second root element <" + std::string(child.name()) + ">"));
    }
    root = child;
  }
  if (!root) {
    return tl::make_unexpected(xml_error(utf8, utf8.size(), "no root element"));
  }
  if (auto checked = TreeChecker(utf8).check(root); !checked) {
    return checked;
  }
  return check_epilog(utf8, root, root_name.empty() ? std::string(root.name()) : root_name);
}

}  // namespace tracker::syndication
