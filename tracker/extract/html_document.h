#pragma once

#include <libxml/HTMLparser.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "tracker/extract/dom_limits.h"

namespace tracker::extract {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// Where the character set used to decode a page came from.
enum class CharsetSource { byte_order_mark, utf8_content, http_header, meta_tag, fallback };

struct HtmlParseOptions {
  std::string_view content_type;  // the HTTP Content-Type header, if the page came over HTTP
  std::string_view url;           // the page's address, for relative links; may be empty
  // Polled now and then while parsing; once it says true the page is given up. Empty: never.
  std::function<bool()> out_of_time;
};

struct HtmlParseError {
  DomLimit exceeded = DomLimit::none;  // none: the page could not be read at all
  std::string message;
  bool out_of_time = false;  // given up because HtmlParseOptions::out_of_time said so
};

// A parsed HTML page: the libxml2 tree, always decoded to UTF-8.
class HtmlDocument {
 public:
  // Decodes (BOM, UTF-16 by Content-Type, valid UTF-8, Content-Type charset, <meta> charset,
  // else windows-1252; a NUL becomes U+FFFD) and
  // parses with libxml2's recovering HTML parser, which never touches the network. Stops at
  // the first element past `limits` (a tag with too many attributes before parsing at all).
  static tl::expected<HtmlDocument, HtmlParseError> parse(std::string_view bytes,
                                                          const HtmlParseOptions& options,
                                                          const DomLimits& limits = {});

  xmlDoc* doc() const { return m_doc.get(); }
  // The <html> element, or null when the page has none.
  xmlNode* root() const { return xmlDocGetRootElement(m_doc.get()); }
  const std::string& charset() const { return m_charset; }
  CharsetSource charset_source() const { return m_charset_source; }

 private:
  HtmlDocument(XmlDocPtr doc, std::string charset, CharsetSource source)
      : m_doc(std::move(doc)), m_charset(std::move(charset)), m_charset_source(source) {}

  XmlDocPtr m_doc;
  std::string m_charset;
  CharsetSource m_charset_source;
};

// libxml2's global state, set up once: to be called on one thread before pages are parsed on
// several (libxml2 2.9 sets itself up on first use, which two threads must not race to do).
void prepare_parser_for_threads();

// "utf-16le" or "utf-16be" for a page without a byte order mark whose Content-Type says
// UTF-16 and whose bytes are UTF-16 (ASCII markup leaves a NUL in every other byte); empty
// otherwise: a page labelled UTF-16 whose bytes are not is read as ASCII-compatible, as
// browsers do.
std::string utf16_from_header(std::string_view bytes, std::string_view content_type);

// The charset named in a Content-Type value ("text/html; charset=ISO-8859-1"), lower-cased,
// or empty.
std::string charset_from_content_type(std::string_view content_type);

// A lower-case charset label with the WHATWG aliases that matter in practice applied:
// browsers decode Latin-1 and ASCII labels as windows-1252; "utf8" is "utf-8". Shared by the
// page and feed decoders.
std::string charset_alias(std::string name);

// The charset declared by a <meta> tag in the first 4 KB of `bytes`, lower-cased, or empty.
std::string charset_from_meta(std::string_view bytes);

}  // namespace tracker::extract
