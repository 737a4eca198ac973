#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tracker::syndication {

// What one reference starting with '&' at `text[pos]` turned out to be.
enum class ReferenceKind {
  character,       // "&amp;", "&#233;", "&nbsp;": `code_point` holds the character
  bare_ampersand,  // an '&' that starts no reference ("AT&T", "a=1&b=2")
  unknown_name,    // "&foo;": a name that is neither XML's nor HTML's
  illegal_code,    // "&#0;", "&#xD800;": a number that is not a legal XML character
};

struct Reference {
  ReferenceKind kind = ReferenceKind::bare_ampersand;
  std::size_t length = 1;  // bytes consumed, the '&' included
  char32_t code_point = 0;
};

// Reads the reference at `text[pos]` (which must be '&'). Named references cover XML's five and
// HTML 4's 252; numeric references to C1 controls (&#146;) mean windows-1252 characters, as in
// HTML, because that is what every feed writing them means.
Reference read_reference(std::string_view text, std::size_t pos);

// The code point of an HTML 4 named entity ("nbsp" -> U+00A0) or of XML's "apos", else 0.
char32_t html_entity(std::string_view name);

// Appends the UTF-8 encoding of `code_point`.
void append_utf8(std::string& out, char32_t code_point);

// Appends `raw` with every reference decoded. What is not a reference is kept as written.
void append_decoded(std::string& out, std::string_view raw);

}  // namespace tracker::syndication
