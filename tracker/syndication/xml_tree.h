#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace tracker::syndication {

// Namespaces feeds are written in.
namespace ns {
inline constexpr std::string_view atom10 = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view atom03 = "http://purl.org/atom/ns#";
inline constexpr std::string_view rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view rss10 = "http://purl.org/rss/1.0/";
inline constexpr std::string_view rss090 = "http://my.netscape.com/rdf/simple/0.9/";
inline constexpr std::string_view dc = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view dcterms = "http://purl.org/dc/terms/";
inline constexpr std::string_view content = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view xhtml = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view xml = "http://www.w3.org/XML/1998/namespace";
}  // namespace ns

// The tree comes from parse_xml, so references in text and attribute values are still as
// written; these helpers decode them. Every walk is iterative.

// The part of an element's or attribute's name after the prefix.
std::string_view local_name(std::string_view qualified_name);

// The namespace URI of `element`'s name, from the xmlns declarations in scope; empty for none.
std::string_view namespace_uri(pugi::xml_node element);

// True when `node` is an element named `local` in namespace `uri`.
bool is_element(pugi::xml_node node, std::string_view uri, std::string_view local);

// The first child element named `local` in namespace `uri`, or a null node.
pugi::xml_node child_element(pugi::xml_node parent, std::string_view uri, std::string_view local);

// The decoded value of `element`'s attribute named `local` in namespace `uri` (empty `uri`:
// an unprefixed attribute), or empty.
std::string attribute_text(pugi::xml_node element, std::string_view uri, std::string_view local);

// All text inside `element`, references decoded, CDATA as written.
std::string text_content(pugi::xml_node element);

// `element`'s children written out as HTML: for inline XHTML content (Atom type="xhtml").
// Prefixes and namespace declarations are dropped, text and attribute values escaped anew.
std::string inner_html(pugi::xml_node element);

// The base URI in effect at `node`: `document_url` resolved through every xml:base from the
// root down to `node` itself.
std::string base_uri(pugi::xml_node node, std::string_view document_url);

}  // namespace tracker::syndication
