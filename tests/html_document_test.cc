#include <doctest/doctest.h>

#include "support/paths.h"
#include "tracker/extract/dom.h"
#include "tracker/extract/html_document.h"

using namespace tracker::extract;

namespace {

std::string body_text(const HtmlDocument& document) {
  return dom::text_of(dom::find_element(document.root(), "body"));
}

}  // namespace

TEST_CASE("charset names are read from Content-Type and from meta tags") {
  CHECK(charset_from_content_type("text/html; charset=ISO-8859-1") == "iso-8859-1");
  CHECK(charset_from_content_type("text/html;charset=\"utf-8\"") == "utf-8");
  CHECK(charset_from_content_type("text/html").empty());
  CHECK(charset_from_meta("<html><head><meta charset=\"windows-1251\">") == "windows-1251");
  CHECK(charset_from_meta("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=koi8-r\">") ==
        "koi8-r");
  CHECK(charset_from_meta("<p>charset=utf-8 outside a meta tag</p>").empty());
}

TEST_CASE("a page with a byte order mark is decoded as UTF-8 whatever it declares") {
  auto document = HtmlDocument::parse(
      "\xEF\xBB\xBF<meta charset=\"iso-8859-1\"><p>Kyiv\xE2\x80\x99s</p>", {});
  REQUIRE(document);
  CHECK(document->charset_source() == CharsetSource::byte_order_mark);
  CHECK(body_text(*document) == "Kyiv\xE2\x80\x99s");
}

TEST_CASE("the HTTP charset decodes a page without a meta tag") {
  auto document = HtmlDocument::parse("<p>Z\xFCrich caf\xE9</p>", {"text/html; charset=iso-8859-1", "", {}});
  REQUIRE(document);
  CHECK(document->charset_source() == CharsetSource::http_header);
  CHECK(document->charset() == "windows-1252");  // browsers read Latin-1 labels as windows-1252
  CHECK(body_text(*document) == "Z\xC3\xBCrich caf\xC3\xA9");
}

TEST_CASE("windows-1252 punctuation decodes to the right Unicode characters") {
  auto document = HtmlDocument::parse(
      "<meta charset=\"windows-1252\"><p>\x93quoted\x94 \x96 it\x92s \x80""5</p>", {});
  REQUIRE(document);
  CHECK(body_text(*document) ==
        "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x93 it\xE2\x80\x99s \xE2\x82\xAC""5");
}

TEST_CASE("undeclared non-UTF-8 bytes fall back to windows-1252") {
  auto document = HtmlDocument::parse("<p>na\xEFve</p>", {});
  REQUIRE(document);
  CHECK(document->charset_source() == CharsetSource::fallback);
  CHECK(body_text(*document) == "na\xC3\xAFve");
}

TEST_CASE("valid UTF-8 wins over a stale meta charset") {
  auto document = HtmlDocument::parse(
      "<meta charset=\"iso-8859-1\"><p>Zelensky \xE2\x80\x94 \xC5\xBDilina</p>", {});
  REQUIRE(document);
  CHECK(document->charset_source() == CharsetSource::utf8_content);
  CHECK(body_text(*document) == "Zelensky \xE2\x80\x94 \xC5\xBDilina");
}

TEST_CASE("an unknown charset name does not stop the page from being read") {
  auto document = HtmlDocument::parse("<meta charset=\"x-no-such-charset\"><p>hello</p>", {});
  REQUIRE(document);
  CHECK(body_text(*document) == "hello");
}

TEST_CASE("a byte undefined in the page's charset costs one U+FFFD, not the rest of the page") {
  auto document = HtmlDocument::parse(
      "<meta charset=\"windows-1252\"><p>before \x9D after \x93quoted\x94</p><p>next</p>", {});
  REQUIRE(document);
  CHECK(body_text(*document) ==
        "before \xEF\xBF\xBD after \xE2\x80\x9Cquoted\xE2\x80\x9Dnext");  // text_of joins blocks
}

TEST_CASE("UTF-16 pages with a byte order mark are decoded") {
  const std::string utf16le("\xFF\xFE<\0p\0>\0K\0y\0i\0v\0\x19\x20s\0<\0/\0p\0>\0", 28);
  auto document = HtmlDocument::parse(utf16le, {});
  REQUIRE(document);
  CHECK(body_text(*document) == "Kyiv\xE2\x80\x99s");
}
