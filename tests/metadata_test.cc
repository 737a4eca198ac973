#include <doctest/doctest.h>

#include "tracker/extract/html_document.h"
#include "tracker/extract/metadata.h"

using namespace tracker::extract;

namespace {

PageMetadata metadata_of(const std::string& html, std::string_view url = {}) {
  auto document = HtmlDocument::parse(html, {"", url, {}});
  REQUIRE(document);
  return read_metadata(document->doc(), url);
}

}  // namespace

TEST_CASE("JSON-LD in a @graph gives headline, authors, publisher and dates") {
  const PageMetadata meta = metadata_of(R"(<html lang="en-GB"><head>
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Not the article"},
      {"@type":["NewsArticle"],"headline":"Troops withdrawn","datePublished":"2025-02-07T09:00:00+01:00",
       "dateModified":"2025-02-07 10:30","author":[{"@type":"Person","name":"Jane Roe"},{"name":"John Doe"}],
       "publisher":{"@type":"Organization","name":"Example News"}}]}</script>
    </head><body></body></html>)");
  CHECK(meta.title == "Troops withdrawn");
  CHECK(meta.byline == "Jane Roe, John Doe");
  CHECK(meta.site_name == "Example News");
  CHECK(meta.published == "2025-02-07T09:00:00+01:00");
  CHECK(meta.modified == "2025-02-07T10:30:00");
  CHECK(meta.language == "en-GB");
}

TEST_CASE("broken JSON-LD is ignored and meta tags still count") {
  const PageMetadata meta = metadata_of(R"(<html><head>
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
    <meta property="og:title" content="From Open Graph">
    <meta name="author" content="A. Reporter">
    <meta property="article:published_time" content="Tue, 04 Feb 2025 08:41:00 GMT">
    <meta property="og:locale" content="fr_FR">
    </head><body></body></html>)");
  CHECK(meta.title == "From Open Graph");
  CHECK(meta.byline == "A. Reporter");
  CHECK(meta.published == "2025-02-04T08:41:00Z");
  CHECK(meta.language == "fr-FR");
}

TEST_CASE("a title tag loses its site-name suffix") {
  CHECK(metadata_of("<title>Seoul says troops rotated | The Daily Meridian</title>").title ==
        "Seoul says troops rotated");
  CHECK(metadata_of("<title>Kyiv - Moscow talks: what we know - World - Example</title>").title ==
        "Kyiv - Moscow talks: what we know - World");
}

TEST_CASE("a relative canonical link is resolved against the page URL") {
  const PageMetadata meta = metadata_of(
      R"(<head><link rel="canonical" href="/world/story-1"></head>)", "https://example.org/a/b?x=1");
  CHECK(meta.url == "https://example.org/world/story-1");
}

TEST_CASE("time elements and bylines in the body fill gaps in the head") {
  const PageMetadata meta = metadata_of(R"(<html><body>
    <p class="article-byline">By Kim Min-ji</p>
    <time datetime="2025-02-04T17:41:00+09:00">4 February</time></body></html>)");
  CHECK(meta.byline == "Kim Min-ji");  // "By" is not a name (clean_byline)
  CHECK(meta.published == "2025-02-04T17:41:00+09:00");
  CHECK(meta.modified.empty());
}
