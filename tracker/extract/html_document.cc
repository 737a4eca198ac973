#include "tracker/extract/html_document.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <climits>
#include <limits>

#include "tracker/extract/attribute_scan.h"
#include "tracker/extract/decode.h"
#include "tracker/text/tokens.h"
#include "tracker/text/utf8.h"

namespace tracker::extract {
namespace {

constexpr std::size_t k_meta_scan_bytes = 4096;

// Reads the value after "charset=" at `pos` in `s`: quoted or up to a delimiter.
std::string read_charset_value(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '"' || s[pos] == '\'')) {
    ++pos;
  }
  std::size_t end = pos;
  while (end < s.size() && s[end] != '"' && s[end] != '\'' && s[end] != ';' && s[end] != ' ' &&
         s[end] != '>' && s[end] != '/' && s[end] != ',') {
    ++end;
  }
  return text::ascii_lower(s.substr(pos, end - pos));
}

// charset_alias, plus the HTML rule that a <meta> or header claiming UTF-16 on an
// ASCII-compatible page means UTF-8 (a real UTF-16 page starts with a byte order mark).
std::string canonical_charset(std::string name) {
  name = charset_alias(std::move(name));
  if (name.rfind("utf-16", 0) == 0 || name == "unicode") {
    return "utf-8";
  }
  return name;
}

// Which byte order UTF-16 bytes without a BOM are in, judged from the first 4 KB: HTML's
// ASCII markup leaves a NUL in every other byte (the high one: second in little-endian).
// Empty when the bytes do not look like UTF-16 at all.
std::string utf16_byte_order(std::string_view bytes) {
  const std::size_t pairs = std::min(bytes.size(), k_meta_scan_bytes) / 2;
  std::size_t little = 0;
  std::size_t big = 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    const bool first_nul = bytes[2 * i] == '\0';
    const bool second_nul = bytes[2 * i + 1] == '\0';
    little += second_nul && !first_nul ? 1 : 0;
    big += first_nul && !second_nul ? 1 : 0;
  }
  if (pairs == 0 || std::max(little, big) * 4 < pairs) {
    return {};
  }
  return little > big ? "utf-16le" : "utf-16be";
}

// NUL is not a character a page can mean (HTML's tokenizer turns it into U+FFFD), and
// libxml2 may take it for the end of the input.
void replace_nuls(std::string& text) {
  for (std::size_t at = text.find('\0'); at != std::string::npos; at = text.find('\0', at)) {
    text.replace(at, 1, "\xEF\xBF\xBD");
  }
}

// libxml2 reports some problems (encoding errors, I/O) through its generic error channel even
// with HTML_PARSE_NOERROR; a library has no business printing them on our stderr.
void ignore_libxml2_message(void* /*context*/, const char* /*format*/, ...) {}

void silence_libxml2() {
  thread_local bool silenced = false;
  if (!silenced) {
    xmlSetGenericErrorFunc(nullptr, ignore_libxml2_message);
    silenced = true;
  }
}

}  // namespace

void prepare_parser_for_threads() { xmlInitParser(); }

namespace {

struct ParserContextFree {
  void operator()(htmlParserCtxt* context) const { htmlFreeParserCtxt(context); }
};
using ParserContextPtr = std::unique_ptr<htmlParserCtxt, ParserContextFree>;

// Elements parsed between two polls of HtmlParseOptions::out_of_time: often enough to stop
// within milliseconds, rarely enough to cost nothing.
constexpr std::size_t k_elements_per_poll = 256;

// What one parse has seen against its DomLimits.
struct LimitWatch {
  const DomLimits& limits;
  const std::function<bool()>& out_of_time;
  startElementSAXFunc build_element;  // libxml2's own, which adds the element to the tree
  DomLimit exceeded = DomLimit::none;
  std::string message;  // why the parse was stopped
  std::size_t elements = 0;
  bool stopped_in_time = false;  // out_of_time said true
};

std::size_t attribute_count(const xmlChar** attributes) {
  std::size_t count = 0;
  while (attributes != nullptr && attributes[2 * count] != nullptr) {
    ++count;
  }
  return count;
}

// Every element start goes through here: builds the element, then stops the parser at the
// first one past a limit, before the rest of an oversized page costs memory or time.
void start_element_within_limits(void* user, const xmlChar* name, const xmlChar** attributes) {
  auto* context = static_cast<htmlParserCtxt*>(user);
  auto* watch = static_cast<LimitWatch*>(context->_private);
  if (watch->build_element != nullptr) {
    watch->build_element(user, name, attributes);
  }
  ++watch->elements;
  // nodeNr: the elements now open, this one included, so its depth.
  const auto depth = static_cast<std::size_t>(std::max(context->nodeNr, 0));
  if (attribute_count(attributes) > watch->limits.max_attributes) {
    // find_crowded_tag refused such a page before parsing; this only guards against the scan
    // ever reading a tag differently from libxml2.
    watch->exceeded = DomLimit::attributes;
    watch->message = "the page has an element with more than " +
                     std::to_string(watch->limits.max_attributes) + " attributes";
  } else if (watch->elements > watch->limits.max_elements) {
    watch->exceeded = DomLimit::elements;
    watch->message = "the page has more than " + std::to_string(watch->limits.max_elements) +
                     " elements";
  } else if (depth > watch->limits.max_depth) {
    watch->exceeded = DomLimit::depth;
    watch->message = "the page nests elements deeper than " +
                     std::to_string(watch->limits.max_depth) + " levels";
  }
  if (watch->exceeded == DomLimit::none && watch->out_of_time &&
      watch->elements % k_elements_per_poll == 0 && watch->out_of_time()) {
    watch->stopped_in_time = true;
  }
  if (watch->exceeded != DomLimit::none || watch->stopped_in_time) {
    xmlStopParser(context);
  }
}

}  // namespace

std::string charset_alias(std::string name) {
  if (name == "iso-8859-1" || name == "latin1" || name == "latin-1" || name == "us-ascii" ||
      name == "ascii" || name == "iso8859-1" || name == "iso_8859-1" || name == "l1" ||
      name == "cp1252") {
    return "windows-1252";
  }
  if (name == "utf8") {
    return "utf-8";
  }
  return name;
}

std::string utf16_from_header(std::string_view bytes, std::string_view content_type) {
  const std::string declared = charset_from_content_type(content_type);
  if (declared.rfind("utf-16", 0) != 0 && declared != "unicode") {
    return {};
  }
  return utf16_byte_order(bytes);
}

std::string charset_from_content_type(std::string_view content_type) {
  const std::string lowered = text::ascii_lower(content_type);
  const std::size_t at = lowered.find("charset=");
  if (at == std::string::npos) {
    return {};
  }
  return read_charset_value(lowered, at + 8);
}

std::string charset_from_meta(std::string_view bytes) {
  const std::string head = text::ascii_lower(bytes.substr(0, std::min(bytes.size(), k_meta_scan_bytes)));
  std::size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const std::size_t end = head.find('>', pos);
    const std::string_view tag =
        std::string_view(head).substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    const std::size_t at = tag.find("charset");
    if (at != std::string::npos) {
      std::size_t value = at + 7;
      while (value < tag.size() && tag[value] == ' ') {
        ++value;
      }
      if (value < tag.size() && tag[value] == '=') {
        std::string charset = read_charset_value(tag, value + 1);
        if (!charset.empty()) {
          return charset;
        }
      }
    }
    pos += 5;
  }
  return {};
}

tl::expected<HtmlDocument, HtmlParseError> HtmlDocument::parse(std::string_view bytes,
                                                               const HtmlParseOptions& options,
                                                               const DomLimits& limits) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return tl::make_unexpected(
        HtmlParseError{DomLimit::none, "page is larger than the HTML parser can take (2 GB)"});
  }
  std::string charset;
  CharsetSource source = CharsetSource::fallback;
  std::string_view input = bytes;
  const text::Utf8Scan scan = text::scan_utf8(input);
  bool valid_utf8 = scan.valid;
  if (input.starts_with("\xEF\xBB\xBF")) {
    charset = "utf-8";
    source = CharsetSource::byte_order_mark;
    input.remove_prefix(3);
  } else if (input.starts_with("\xFF\xFE") || input.starts_with("\xFE\xFF")) {
    charset = input.starts_with("\xFF\xFE") ? "utf-16le" : "utf-16be";
    source = CharsetSource::byte_order_mark;
    input.remove_prefix(2);
  } else if (std::string wide = utf16_from_header(input, options.content_type); !wide.empty()) {
    // Before the UTF-8 test: UTF-16 of ASCII text is valid UTF-8 full of NULs.
    charset = std::move(wide);
    source = CharsetSource::http_header;
  } else if (scan.has_multibyte && scan.valid) {
    // Valid multi-byte UTF-8 is almost never text in another encoding, and pages saved by
    // browsers keep a stale <meta charset> more often than they lie about their bytes.
    charset = "utf-8";
    source = CharsetSource::utf8_content;
  } else if (std::string declared = charset_from_content_type(options.content_type);
             !declared.empty()) {
    charset = canonical_charset(std::move(declared));
    source = CharsetSource::http_header;
  } else if (std::string meta = charset_from_meta(input); !meta.empty()) {
    charset = canonical_charset(std::move(meta));
    source = CharsetSource::meta_tag;
  } else {
    charset = scan.has_multibyte ? "windows-1252" : "utf-8";
  }
  // Decode to UTF-8 ourselves: libxml2 stops converting at the first byte invalid in the
  // page's charset (a stray 0x9D in windows-1252) and silently drops the rest of the page.
  std::string decoded;
  if (charset != "utf-8") {
    auto converted = decode_to_utf8(input, charset);
    if (!converted) {
      charset = valid_utf8 ? "utf-8" : "windows-1252";
      source = CharsetSource::fallback;
      converted = charset == "utf-8" ? std::string(input) : decode_to_utf8(input, charset);
    }
    if (converted) {
      decoded = std::move(*converted);
      input = decoded;
      valid_utf8 = true;  // iconv wrote UTF-8, with U+FFFD for what it could not convert
    }
  }
  if (!valid_utf8) {
    decoded = text::repair_utf8(input);  // one stray byte costs one U+FFFD
    input = decoded;
  }
  if (input.find('\0') != std::string_view::npos) {
    if (input.data() != decoded.data()) {
      decoded = std::string(input);
    }
    replace_nuls(decoded);
    input = decoded;
  }

  if (const auto crowded = find_crowded_tag(input, limits.max_attributes)) {
    return tl::make_unexpected(HtmlParseError{
        DomLimit::attributes, "the page has a <" + crowded->name + "> element with more than " +
                                  std::to_string(limits.max_attributes) + " attributes"});
  }
  if (options.out_of_time && options.out_of_time()) {
    return tl::make_unexpected(HtmlParseError{DomLimit::none, "out of time before parsing", true});
  }

  silence_libxml2();
  const std::string url(options.url);
  ParserContextPtr context(htmlNewParserCtxt());
  if (!context || context->sax == nullptr) {
    return tl::make_unexpected(HtmlParseError{DomLimit::none, "the HTML parser could not start"});
  }
  // The context's own copy of the SAX handler; htmlCtxtReadMemory keeps it and _private.
  LimitWatch watch{limits, options.out_of_time, context->sax->startElement, DomLimit::none, {}, 0, false};
  context->sax->startElement = start_element_within_limits;
  context->_private = &watch;
  // With a depth limit of our own, libxml2's cap of 256 goes (XML_PARSE_HUGE, which its HTML
  // parser honours; HTML_PARSE_HUGE is the later name): it would cut a deep page short
  // without a word, where ours refuses it.
  const bool limited = limits.max_depth != std::numeric_limits<std::size_t>::max();
  const int parse_options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
                            (limited ? static_cast<int>(XML_PARSE_HUGE) : 0);
  XmlDocPtr doc(htmlCtxtReadMemory(context.get(), input.data(), static_cast<int>(input.size()),
                                   url.empty() ? nullptr : url.c_str(), "utf-8", parse_options));
  if (watch.exceeded != DomLimit::none) {
    return tl::make_unexpected(HtmlParseError{watch.exceeded, std::move(watch.message)});
  }
  if (watch.stopped_in_time) {
    return tl::make_unexpected(HtmlParseError{DomLimit::none, "out of time while parsing", true});
  }
  if (!doc) {
    return tl::make_unexpected(HtmlParseError{DomLimit::none, "the HTML parser could not read the page"});
  }
  return HtmlDocument(std::move(doc), std::move(charset), source);
}

}  // namespace tracker::extract
