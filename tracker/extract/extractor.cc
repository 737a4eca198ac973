#include "tracker/extract/extractor.h"

#include <algorithm>
#include <array>
#include <optional>

#include "tracker/extract/comments_heading.h"
#include "tracker/extract/dom.h"
#include "tracker/extract/html_document.h"
#include "tracker/extract/post_metadata.h"
#include "tracker/extract/repeated_opening.h"
#include "tracker/extract/teaser_blocks.h"
#include "tracker/text/utf8.h"

namespace tracker::extract {
namespace {

using namespace std::string_view_literals;

struct Signature {
  std::string_view magic;
  std::string_view name;
};

// Formats people point tracker at by mistake, named so the error can say what they got.
constexpr std::array<Signature, 9> k_binary_signatures = {{
    {"%PDF-"sv, "a PDF document"},
    {"\x89PNG"sv, "a PNG image"},
    {"GIF8"sv, "a GIF image"},
    {"\xFF\xD8\xFF"sv, "a JPEG image"},
    {"PK\x03\x04"sv, "a ZIP archive (or an office document)"},
    {"\x1F\x8B"sv, "gzip-compressed data"},
    {"\x7F" "ELF"sv, "an executable"},
    {"RIFF"sv, "a RIFF media file"},
    {"\x00\x00\x01\x00"sv, "an icon file"},
}};

std::string_view skip_whitespace(std::string_view bytes) {
  std::size_t start = 0;
  while (start < bytes.size() && (bytes[start] == ' ' || bytes[start] == '\n' ||
                                  bytes[start] == '\r' || bytes[start] == '\t')) {
    ++start;
  }
  return bytes.substr(start);
}

// Rejects what is certainly not a web page before parsing it.
std::optional<ExtractError> check_input(std::string_view bytes, const ExtractOptions& options) {
  if (bytes.size() > options.max_page_bytes) {
    return ExtractError{ExtractErrorKind::too_large,
                        "page is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                            std::to_string(options.max_page_bytes),
                        DomLimit::none};
  }
  const std::string_view content = skip_whitespace(bytes);
  if (content.empty()) {
    return ExtractError{ExtractErrorKind::empty, "page is empty", DomLimit::none};
  }
  for (const Signature& signature : k_binary_signatures) {
    if (content.starts_with(signature.magic)) {
      return ExtractError{ExtractErrorKind::not_html,
                          "not an HTML page: looks like " + std::string(signature.name),
                          DomLimit::none};
    }
  }
  // NUL bytes do not occur in text, but a stray one or two do in real pages (a CMS bug, a
  // pasted string); binary data has one in every 256 bytes or so. UTF-16 pages are full of
  // them: they announce themselves with a BOM or in the Content-Type header.
  const bool utf16 = bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
                     !utf16_from_header(bytes, options.content_type).empty();
  constexpr std::size_t k_sniff_bytes = 4096;
  constexpr std::ptrdiff_t k_stray_nuls = 4;  // at most, in the first k_sniff_bytes
  const std::string_view head = bytes.substr(0, std::min(bytes.size(), k_sniff_bytes));
  const auto nuls = std::count(head.begin(), head.end(), '\0');
  if (!utf16 && nuls > k_stray_nuls) {
    return ExtractError{ExtractErrorKind::not_html, "not an HTML page: binary data", DomLimit::none};
  }
  return std::nullopt;
}

}  // namespace

tl::expected<Article, ExtractError> extract_article(std::string_view bytes,
                                                    const ExtractOptions& options) {
  if (std::optional<ExtractError> error = check_input(bytes, options)) {
    return tl::make_unexpected(std::move(*error));
  }
  auto document = HtmlDocument::parse(
      bytes, HtmlParseOptions{options.content_type, options.url, options.out_of_time}, options.dom_limits);
  if (!document) {
    HtmlParseError& error = document.error();
    const ExtractErrorKind kind = error.out_of_time                  ? ExtractErrorKind::out_of_time
                                  : error.exceeded == DomLimit::none ? ExtractErrorKind::unreadable
                                                                     : ExtractErrorKind::too_large;
    return tl::make_unexpected(ExtractError{kind, std::move(error.message), error.exceeded});
  }
  if (options.out_of_time && options.out_of_time()) {
    return tl::make_unexpected(
        ExtractError{ExtractErrorKind::out_of_time, "out of time after parsing", DomLimit::none});
  }
  Article article;
  article.charset = document->charset();
  article.metadata = read_metadata(document->doc(), options.url);
  xmlNode* root = document->root();
  xmlNode* body = root != nullptr ? dom::find_element(root, "body") : nullptr;
  article.blocks = extract_content(body != nullptr ? body : root, article.metadata.title,
                                   article.metadata.standfirst);
  drop_repeated_opening(article.blocks);
  cut_at_comments_heading(article.blocks);  // first: the teaser rules look at the article's end
  drop_teasers(article.blocks);
  drop_post_metadata(article.blocks);
  // libxml2 emits UTF-8, but recovery can pass odd bytes through; the output promise is
  // valid UTF-8.
  for (ContentBlock& block : article.blocks) {
    if (!text::is_valid_utf8(block.text)) {
      block.text = text::repair_utf8(block.text);
    }
  }
  return article;
}

}  // namespace tracker::extract
