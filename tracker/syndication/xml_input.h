#pragma once

#include <cstddef>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "tracker/syndication/feed_error.h"

namespace tracker::syndication {

// Feeds and OPML lists larger than this are refused before any decoding: no news feed is
// anywhere near it, and the parsed tree costs several times the input.
constexpr std::size_t k_max_document_bytes = 50 * 1000 * 1000;

// `bytes` decoded to UTF-8 by the same policy as extract's HTML: a byte order mark (UTF-8, -16,
// -32) wins; then bytes that are valid multi-byte UTF-8; then the charset of `content_type`
// (the HTTP header, may be empty); then the XML declaration's encoding; else windows-1252.
// Latin-1 and ASCII labels mean windows-1252, as browsers read them. The result is always valid
// UTF-8. Fails only for a document over k_max_document_bytes.
tl::expected<std::string, FeedError> decode_xml(std::string_view bytes,
                                                std::string_view content_type);

// What comes before the root element, read without parsing the whole document.
struct Prolog {
  std::string root_name;        // as written ("rss", "rdf:RDF"); empty when not reached
  std::size_t root_offset = 0;  // of the root's '<'
  std::string problem;          // "text before the root element", ...; empty when none
  std::size_t problem_offset = 0;
};

// Skips the XML declaration, processing instructions, comments and a DOCTYPE (with its internal
// subset) up to the first start tag. Whitespace before the declaration is tolerated: PHP feeds
// often start with a blank line, and what they mean is not in doubt.
Prolog scan_prolog(std::string_view utf8);

// Parses UTF-8 XML into `document` and checks what pugixml leaves unchecked: stray control
// characters, text around the root element, undeclared namespace prefixes, entity references
// (XML's and HTML's named entities are accepted, any other '&' is an error), '<' in attribute
// values, duplicate attributes, nesting deeper than k_max_depth. Errors carry the line number.
// Text and attribute values stay as written (pugixml's escape handling is off); read them
// through xml_tree.h, which decodes references.
tl::expected<void, FeedError> parse_xml(std::string_view utf8, pugi::xml_document& document);

// Deeper element nesting is refused: no feed needs it, and it is how hostile documents attack
// recursive consumers.
constexpr int k_max_depth = 512;

}  // namespace tracker::syndication
