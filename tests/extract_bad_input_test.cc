#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "tracker/extract/extractor.h"
#include "tracker/text/utf8.h"

using namespace tracker::extract;

namespace {

std::string article_paragraphs(std::size_t count) {
  std::string html;
  for (std::size_t i = 0; i < count; ++i) {
    html += "<p>Paragraph " + std::to_string(i) +
            " of a long report, with commas, figures such as 10,000 troops, and plain prose.</p>";
  }
  return html;
}

// `utf8` (ASCII and Latin-1 letters only) as UTF-16 without a byte order mark.
std::string utf16(const std::string& utf8, bool little_endian) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    auto code = static_cast<unsigned char>(utf8[i]);
    if (code >= 0xC0) {  // a two-byte sequence up to U+07FF
      code = static_cast<unsigned char>(((code & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F));
    }
    const char pair[2] = {static_cast<char>(code), '\0'};
    out += little_endian ? std::string(pair, 2) : std::string({pair[1], pair[0]});
  }
  return out;
}

const std::string k_cafe_page =
    "<!DOCTYPE html><html><head><title>Caf\xC3\xA9 report</title></head><body><article>" +
    article_paragraphs(8) + "<p>The caf\xC3\xA9 on the square reopened on Monday after the flood.</p>"
    "</article></body></html>";

}  // namespace

TEST_CASE("a stray NUL byte near the top of a page costs a character, not the page") {
  std::string page = k_cafe_page;
  page.insert(page.find("<body>"), std::string("<!-- \0 -->", 10));
  page.insert(page.find("Paragraph 2"), std::string(1, '\0'));
  auto article = extract_article(page);
  REQUIRE(article);
  CHECK(article->text().find("Paragraph 5 of a long report") != std::string::npos);
  CHECK(article->text().find("caf\xC3\xA9 on the square") != std::string::npos);
  CHECK(article->text().find('\0') == std::string::npos);
}

TEST_CASE("a UTF-16 page without a byte order mark is decoded when the HTTP header says so") {
  for (const auto& [content_type, little] : {std::pair{"text/html; charset=utf-16", true},
                                             std::pair{"text/html; charset=UTF-16LE", true},
                                             std::pair{"text/html; charset=\"utf-16\"", false},
                                             std::pair{"text/html; charset=utf-16be", false}}) {
    CAPTURE(content_type);
    ExtractOptions options;
    options.content_type = content_type;
    auto article = extract_article(utf16(k_cafe_page, little), options);
    REQUIRE(article);
    CHECK(article->charset == (little ? "utf-16le" : "utf-16be"));
    CHECK(article->text().find("Paragraph 5 of a long report") != std::string::npos);
    CHECK(article->text().find("The caf\xC3\xA9 on the square reopened") != std::string::npos);
  }
  // A page labelled UTF-16 whose bytes are plain ASCII-compatible is read as it is.
  ExtractOptions mislabelled;
  mislabelled.content_type = "text/html; charset=utf-16";
  auto plain = extract_article(k_cafe_page, mislabelled);
  REQUIRE(plain);
  CHECK(plain->text().find("caf\xC3\xA9 on the square") != std::string::npos);
}

TEST_CASE("empty and whitespace-only input is an 'empty' error") {
  for (const std::string& input : {std::string(), std::string(" \n\t \r\n")}) {
    auto article = extract_article(input);
    REQUIRE_FALSE(article);
    CHECK(article.error().kind == ExtractErrorKind::empty);
  }
}

TEST_CASE("binary data and known non-HTML formats are refused with a name for what they are") {
  auto pdf = extract_article("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\n");
  REQUIRE_FALSE(pdf);
  CHECK(pdf.error().kind == ExtractErrorKind::not_html);
  CHECK(pdf.error().message.find("PDF") != std::string::npos);

  auto png = extract_article(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
  REQUIRE_FALSE(png);
  CHECK(png.error().message.find("PNG") != std::string::npos);

  std::string noise;
  for (int i = 0; i < 4096; ++i) {
    noise.push_back(static_cast<char>((i * 7919) % 256));
  }
  auto binary = extract_article(noise);
  REQUIRE_FALSE(binary);
  CHECK(binary.error().kind == ExtractErrorKind::not_html);
}

TEST_CASE("a page over the size limit is refused before parsing") {
  ExtractOptions options;
  options.max_page_bytes = 1000;
  auto article = extract_article("<html><body>" + std::string(2000, 'x') + "</body></html>", options);
  REQUIRE_FALSE(article);
  CHECK(article.error().kind == ExtractErrorKind::too_large);
}

TEST_CASE("invalid UTF-8 inside a UTF-8 page costs a replacement character, not the page") {
  const std::string page = "<html><head><meta charset=\"utf-8\"></head><body><article>" +
                           article_paragraphs(4) + "<p>Bad bytes \xC3\x28 and \xFF here in caf\xC3\xA9.</p>" +
                           "</article></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  const std::string text = article->text();
  CHECK(tracker::text::is_valid_utf8(text));
  CHECK(text.find("Bad bytes \xEF\xBF\xBD( and \xEF\xBF\xBD here in caf\xC3\xA9.") != std::string::npos);
  CHECK(text.find("Paragraph 3 of a long report") != std::string::npos);
}

TEST_CASE("text that is not HTML at all still gives a best-effort result") {
  auto article = extract_article(
      "Just a plain text note, with no markup at all, that someone saved with an .html name. "
      "It goes on for long enough to be read as an article by the extractor, with a few commas, "
      "and a second sentence. And a third sentence, so that it passes the length test for a brief "
      "and is not mistaken for the teaser of a section front page.");
  REQUIRE(article);
  REQUIRE(article->blocks.size() == 1);
  CHECK(article->blocks[0].text.starts_with("Just a plain text note"));
}

TEST_CASE("100,000 nested divs neither crash nor hang the extractor") {
  constexpr int k_depth = 100'000;
  std::string page = "<html><body>";
  page.reserve(static_cast<std::size_t>(k_depth) * 12 + 2000);
  for (int i = 0; i < k_depth; ++i) {
    page += "<div>";
  }
  page += article_paragraphs(5);
  for (int i = 0; i < k_depth; ++i) {
    page += "</div>";
  }
  page += "</body></html>";
  auto article = extract_article(page);
  // libxml2 stops nesting at its depth limit; whatever it kept must come back without a crash.
  CHECK(article.has_value());
}

TEST_CASE("a 50 MB page is extracted as one article") {
  constexpr std::size_t k_target = 50u << 20;
  std::string page = "<html><head><title>Huge</title></head><body><div class=\"nav\"><a href=\"/\">Home</a></div><article>";
  const std::string paragraph = article_paragraphs(1);
  page.reserve(k_target + 1000);
  while (page.size() < k_target) {
    page += paragraph;
  }
  page += "</article></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  CHECK(article->blocks.size() > 100'000);
  CHECK(article->text().find("Home") == std::string::npos);
}

TEST_CASE("an HTML document with no body and garbage markup does not crash") {
  for (const std::string& input :
       {std::string("<"), std::string("<<<>>></"), std::string("<html>"), std::string("</p></p></div>"),
        std::string("<!DOCTYPE html><html><head><title>t</title></head></html>"),
        std::string("<table><tr><td><table><tr><td>cell</table>"), std::string("<p>\0</p>", 8)}) {
    CAPTURE(input);
    auto article = extract_article(input);
    if (article) {
      CHECK(tracker::text::is_valid_utf8(article->text()));
    }
  }
}

TEST_CASE("class and id attributes longer than the hint buffer are read without overflow") {
  const std::string long_class(2000, 'x');
  const std::string page = "<html><body><div class=\"" + long_class + " share\" id=\"" + long_class +
                           "\"><article>" + article_paragraphs(5) + "</article></div></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  CHECK(article->blocks.size() == 5);
}
