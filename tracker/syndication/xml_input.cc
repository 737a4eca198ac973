#include "tracker/syndication/xml_input.h"

#include <algorithm>
#include <utility>

#include "tracker/extract/decode.h"
#include "tracker/extract/html_document.h"
#include "tracker/syndication/well_formed.h"
#include "tracker/syndication/xml_chars.h"
#include "tracker/text/tokens.h"
#include "tracker/text/utf8.h"

namespace tracker::syndication {
namespace {

constexpr std::size_t k_declaration_scan_bytes = 1024;

bool is_unicode_family(const std::string& charset) {
  return charset == "utf-8" || charset.starts_with("utf-16") || charset.starts_with("utf-32") ||
         charset == "ucs-2" || charset == "ucs-4" || charset == "unicode";
}

// The encoding named by an XML declaration at the start of `bytes`, lower-cased, or empty.
std::string declared_encoding(std::string_view bytes) {
  std::size_t pos = 0;
  while (pos < bytes.size() && is_xml_space(bytes[pos])) {
    ++pos;
  }
  if (bytes.substr(pos, 5) != "<?xml") {
    return {};
  }
  const std::string_view head = bytes.substr(pos, k_declaration_scan_bytes);
  const std::size_t end = head.find("?>");
  const std::string_view declaration = head.substr(0, end);
  std::size_t at = declaration.find("encoding");
  if (at == std::string_view::npos) {
    return {};
  }
  at += 8;
  while (at < declaration.size() && (is_xml_space(declaration[at]) || declaration[at] == '=')) {
    ++at;
  }
  if (at >= declaration.size() || (declaration[at] != '"' && declaration[at] != '\'')) {
    return {};
  }
  const char quote = declaration[at];
  const std::size_t close = declaration.find(quote, at + 1);
  if (close == std::string_view::npos) {
    return {};
  }
  return text::ascii_lower(declaration.substr(at + 1, close - at - 1));
}

// A UTF-16 or UTF-32 encoding recognised from a byte order mark or from how "<" is encoded
// (XML 1.0 appendix F), with the length of the mark; empty when the bytes are ASCII-compatible.
std::pair<std::string, std::size_t> wide_encoding(std::string_view b) {
  const auto starts = [&](std::string_view prefix) { return b.starts_with(prefix); };
  using namespace std::string_view_literals;
  if (starts("\x00\x00\xFE\xFF"sv)) {
    return {"utf-32be", 4};
  }
  if (starts("\xFF\xFE\x00\x00"sv)) {
    return {"utf-32le", 4};
  }
  if (starts("\xFE\xFF"sv)) {
    return {"utf-16be", 2};
  }
  if (starts("\xFF\xFE"sv)) {
    return {"utf-16le", 2};
  }
  if (starts("\x00\x00\x00<"sv)) {
    return {"utf-32be", 0};
  }
  if (starts("<\x00\x00\x00"sv)) {
    return {"utf-32le", 0};
  }
  if (starts("\x00<"sv)) {
    return {"utf-16be", 0};
  }
  if (starts("<\x00"sv)) {
    return {"utf-16le", 0};
  }
  return {};
}

std::string windows_1252(std::string_view bytes) {
  auto decoded = extract::decode_to_utf8(bytes, "windows-1252");
  return decoded ? std::move(*decoded) : text::repair_utf8(bytes);
}

// Skips a DOCTYPE starting at `pos`, with its internal subset and quoted strings.
std::size_t skip_doctype(std::string_view s, std::size_t pos) {
  int brackets = 0;
  char quote = '\0';
  for (std::size_t i = pos + 2; i < s.size(); ++i) {
    const char c = s[i];
    if (quote != '\0') {
      if (c == quote) {
        quote = '\0';
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++brackets;
    } else if (c == ']') {
      --brackets;
    } else if (c == '>' && brackets <= 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

std::string_view describe(pugi::xml_parse_status status) {
  switch (status) {
    case pugi::status_unrecognized_tag:
      return "malformed tag";
    case pugi::status_bad_pi:
      return "malformed XML declaration or processing instruction";
    case pugi::status_bad_comment:
      return "malformed or unterminated comment";
    case pugi::status_bad_cdata:
      return "unterminated CDATA section";
    case pugi::status_bad_doctype:
      return "malformed DOCTYPE";
    case pugi::status_bad_pcdata:
      return "malformed text";
    case pugi::status_bad_start_element:
      return "malformed start tag";
    case pugi::status_bad_attribute:
      return "malformed attribute";
    case pugi::status_bad_end_element:
      return "malformed end tag";
    case pugi::status_no_document_element:
      return "no root element";
    case pugi::status_out_of_memory:
      return "out of memory";
    default:
      return "unreadable XML";
  }
}

std::string read_name(std::string_view s, std::size_t pos) {
  std::size_t end = pos;
  while (end < s.size() && !is_xml_space(s[end]) && s[end] != '>' && s[end] != '/' &&
         end - pos < 100) {
    ++end;
  }
  return std::string(s.substr(pos, end - pos));
}

FeedError pugixml_error(std::string_view utf8, const pugi::xml_parse_result& result) {
  const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
  std::size_t last = utf8.size();
  while (last > 0 && is_xml_space(utf8[last - 1])) {
    --last;
  }
  const bool at_end = offset + 1 >= last;
  if (result.status == pugi::status_end_element_mismatch) {
    if (offset >= 2 && offset <= utf8.size() && utf8.substr(offset - 2, 2) == "</" && !at_end) {
      return xml_error(
          utf8, offset,
          "closing tag </" + read_name(utf8, offset) + "> does not match the open element");
    }
    return xml_error(utf8, offset, "the document ends before all its elements are closed");
  }
  std::string message(describe(result.status));
  if (at_end && result.status != pugi::status_no_document_element) {
    message += " at the end of the document (truncated?)";
  }
  return xml_error(utf8, offset, message);
}

}  // namespace

tl::expected<std::string, FeedError> decode_xml(std::string_view bytes,
                                                std::string_view content_type) {
  if (bytes.size() > k_max_document_bytes) {
    return tl::make_unexpected(
        FeedError{"document is larger than 50 MB (" + std::to_string(bytes.size()) + " bytes)"});
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    return text::repair_utf8(bytes.substr(3));
  }
  if (auto [wide, mark] = wide_encoding(bytes); !wide.empty()) {
    auto decoded = extract::decode_to_utf8(bytes.substr(mark), wide);
    return decoded ? std::move(*decoded) : text::repair_utf8(bytes);
  }
  const text::Utf8Scan scan = text::scan_utf8(bytes);
  if (scan.has_multibyte && scan.valid) {
    // Valid multi-byte UTF-8 is almost never text in another encoding, whatever is declared.
    return std::string(bytes);
  }
  std::string charset = extract::charset_from_content_type(content_type);
  if (charset.empty()) {
    charset = declared_encoding(bytes);
  }
  charset = extract::charset_alias(std::move(charset));
  if (charset.empty() || is_unicode_family(charset)) {
    // A declared UTF-16 on ASCII-compatible bytes is a stale label; the bytes are UTF-8.
    if (scan.valid) {
      return std::string(bytes);
    }
    return charset.empty() ? windows_1252(bytes) : text::repair_utf8(bytes);
  }
  auto decoded = extract::decode_to_utf8(bytes, charset);
  if (!decoded) {
    // An encoding iconv does not know: read the bytes as if nothing had been declared.
    return scan.valid ? std::string(bytes) : windows_1252(bytes);
  }
  return std::move(*decoded);
}

Prolog scan_prolog(std::string_view s) {
  Prolog prolog;
  std::size_t pos = 0;
  bool first_markup = true;
  while (pos < s.size()) {
    if (is_xml_space(s[pos])) {
      ++pos;
      continue;
    }
    if (s[pos] != '<') {
      prolog.problem = "text before the root element";
      prolog.problem_offset = pos;
      return prolog;
    }
    const std::string_view rest = s.substr(pos);
    std::size_t next = std::string_view::npos;
    if (rest.starts_with("<?")) {
      const bool declaration =
          rest.starts_with("<?xml") && rest.size() > 5 && (is_xml_space(rest[5]) || rest[5] == '?');
      if (declaration && !first_markup) {
        prolog.problem = "the XML declaration must come first in the document";
        prolog.problem_offset = pos;
        return prolog;
      }
      const std::size_t end = s.find("?>", pos + 2);
      next = end == std::string_view::npos ? end : end + 2;
    } else if (rest.starts_with("<!--")) {
      const std::size_t end = s.find("-->", pos + 4);
      next = end == std::string_view::npos ? end : end + 3;
    } else if (rest.starts_with("<!")) {
      next = skip_doctype(s, pos);
    } else {
      prolog.root_name = read_name(s, pos + 1);
      prolog.root_offset = pos;
      return prolog;
    }
    if (next == std::string_view::npos) {
      return prolog;  // unterminated: pugixml says where
    }
    pos = next;
    first_markup = false;
  }
  return prolog;
}

tl::expected<void, FeedError> parse_xml(std::string_view utf8, pugi::xml_document& document) {
  if (auto checked = check_characters(utf8); !checked) {
    return checked;
  }
  const Prolog prolog = scan_prolog(utf8);
  if (!prolog.problem.empty()) {
    return tl::make_unexpected(xml_error(utf8, prolog.problem_offset, prolog.problem));
  }
  // Escapes stay undecoded so that HTML entities and stray '&' can be told apart afterwards;
  // whitespace-only text is kept because it separates words in inline XHTML.
  constexpr unsigned int k_options = pugi::parse_cdata | pugi::parse_wconv_attribute |
                                     pugi::parse_eol | pugi::parse_declaration |
                                     pugi::parse_ws_pcdata;
  const pugi::xml_parse_result result =
      document.load_buffer(utf8.data(), utf8.size(), k_options, pugi::encoding_utf8);
  if (!result) {
    return tl::make_unexpected(pugixml_error(utf8, result));
  }
  return check_tree(document, utf8, prolog.root_name);
}

}  // namespace tracker::syndication
