#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "support/paths.h"
#include "tracker/syndication/feed.h"
#include "tracker/syndication/opml.h"
#include "tracker/syndication/uri.h"
#include "tracker/syndication/xml_input.h"

using namespace tracker::syndication;
using tracker::test::fixture;
using tracker::test::read_file;

namespace {

Feed parse_fixture(const std::string& name, std::string_view feed_url) {
  auto feed = parse_feed(read_file(fixture("syndication/" + name)), feed_url);
  if (!feed) {
    FAIL("parse_feed failed: " << feed.error().message);
  }
  return *feed;
}

std::string error_of(std::string_view bytes) {
  auto feed = parse_feed(bytes, "https://example.com/feed");
  REQUIRE_FALSE(feed);
  return feed.error().message;
}

std::string rss_with_item(const std::string& item_xml) {
  return "<rss version=\"2.0\"><channel><title>t</title>\n<item>" + item_xml +
         "</item></channel></rss>";
}

}  // namespace

TEST_CASE("an RSS 2.0 feed gives content:encoded, a non-permalink guid as id and ISO dates") {
  const Feed feed = parse_fixture("rss2-content-encoded.xml", "https://www.example.com/world/rss");
  CHECK(feed.format == FeedFormat::rss2);
  CHECK(feed.title == "The Daily Meridian \xE2\x80\x93 World");
  CHECK(feed.link == "https://www.example.com/world/");
  REQUIRE(feed.items.size() == 3);

  const FeedItem& first = feed.items[0];
  CHECK(first.id == "meridian-article-48213");
  CHECK(first.title == "North Korean troops not in combat in Kursk since mid-January");
  CHECK(first.link ==
        "https://www.example.com/world/asia/2025/02/04/north-korea-troops-kursk.html");
  CHECK(first.published == "2025-02-04T03:41:00-05:00");  // RFC 822's EST
  CHECK(first.updated.empty());
  CHECK(first.summary == "<p>Seoul&nbsp;says the troops have pulled back.</p>");
  CHECK(first.content ==
        "<p>North Korean troops have not been deployed in combat since mid-January, "
        "<b>Seoul</b> said.</p>");
}

TEST_CASE(
    "an RSS item without a link takes its permalink guid, and escaped HTML titles become text") {
  const Feed feed = parse_fixture("rss2-content-encoded.xml", "https://www.example.com/world/rss");
  REQUIRE(feed.items.size() == 3);
  CHECK(feed.items[1].title == "Analysis: what a rotation would mean");
  CHECK(feed.items[1].link == "https://www.example.com/world/analysis-rotation.html");
  CHECK(feed.items[1].id == "https://www.example.com/world/analysis-rotation.html");
  CHECK(feed.items[1].published == "2025-02-04T10:00:00+09:00");  // dc:date
  // Angle brackets that close no tag are text, not markup.
  CHECK(feed.items[2].title == "Casualties & captures: RSS <<<explainer>>>");
  CHECK(feed.items[2].id == "https://www.example.com/world/casualties.html");
}

TEST_CASE("an RSS 1.0 feed takes ids from rdf:about and dates from dc:date") {
  const Feed feed = parse_fixture("rss1.rdf", "https://news.example.org/rss");
  CHECK(feed.format == FeedFormat::rss1);
  CHECK(feed.title == "Example Wire");
  CHECK(feed.link == "https://news.example.org/");
  REQUIRE(feed.items.size() == 2);
  CHECK(feed.items[0].id == "https://news.example.org/story/1");
  CHECK(feed.items[0].link == "https://news.example.org/story/1?src=rss");
  CHECK(feed.items[0].title == "Ukraine says it captured two soldiers");
  CHECK(feed.items[0].published == "2025-01-11T08:30:00Z");
  CHECK(feed.items[0].summary == "Kyiv said it captured two North Korean soldiers.");
  CHECK(feed.items[1].published == "2025-01-13");
}

TEST_CASE("Atom 1.0 links resolve against nested xml:base, then the feed URL") {
  const Feed feed = parse_fixture("atom10-xml-base.xml", "https://feeds.example.net/news.atom");
  CHECK(feed.format == FeedFormat::atom1);
  CHECK(feed.link == "https://www.example.net/news/");
  REQUIRE(feed.items.size() == 3);
  // The alternate link wins over the enclosure listed first; xml:base "asia/" nests in the
  // feed's base.
  CHECK(feed.items[0].link == "https://www.example.net/news/asia/2025/02/04/troops.html");
  CHECK(feed.items[1].link == "https://www.example.net/europe/kursk.html");
  CHECK(feed.items[0].id == "tag:example.net,2025:news/4711");
}

TEST_CASE("Atom 1.0 HTML titles become plain text and XHTML content is written out as HTML") {
  const Feed feed = parse_fixture("atom10-xml-base.xml", "https://feeds.example.net/news.atom");
  REQUIRE(feed.items.size() == 3);
  CHECK(feed.title == "Example Net News");
  const FeedItem& entry = feed.items[0];
  CHECK(entry.title == "Seoul: troops appear to have pulled back");
  CHECK(entry.published == "2025-02-04T08:41:00+09:00");
  CHECK(entry.updated == "2025-02-04T11:06:00+09:00");
  CHECK(entry.summary == "Troops &amp; equipment: 11,000 and counting");  // text, escaped
  CHECK(entry.content == "<p>The <b>NIS</b> said\xC2\xA0so.</p><p>Second<br>line</p>");
  // type="text" is plain text: its angle brackets are characters, not tags.
  CHECK(feed.items[1].title == "Plain text title with <angle> brackets");
  CHECK(feed.items[1].content == "<p>Kursk update</p>");
}

TEST_CASE("links that would run script are dropped, and the id falls back to nothing") {
  const Feed feed = parse_fixture("atom10-xml-base.xml", "https://feeds.example.net/news.atom");
  REQUIRE(feed.items.size() == 3);
  CHECK(feed.items[2].link.empty());
  CHECK(feed.items[2].id.empty());
}

TEST_CASE("an Atom 0.3 feed reads issued, modified, escaped and base64 content") {
  const Feed feed = parse_fixture("atom03.xml", "http://blog.example.com/atom.xml");
  CHECK(feed.format == FeedFormat::atom03);
  CHECK(feed.title == "Old Atom blog");
  CHECK(feed.link == "http://blog.example.com/");
  REQUIRE(feed.items.size() == 2);
  CHECK(feed.items[0].published == "2004-01-01T14:48:21-05:00");
  CHECK(feed.items[0].updated == "2004-01-02T10:00:00Z");
  CHECK(feed.items[0].summary == "Plain &amp; simple");
  CHECK(feed.items[0].content == "<p>Hello <b>world</b></p>");
  CHECK(feed.items[1].title == "Hello base64");
  CHECK(feed.items[1].published == "2004-01-03T10:00:00Z");  // created, for want of issued
}

TEST_CASE("a feed declared ISO-8859-1 comes out as UTF-8, reading windows-1252 punctuation") {
  const Feed feed = parse_fixture("latin1.xml", "https://www.example.ch/rss");
  CHECK(feed.title == "Z\xC3\xBCrcher Nachrichten");
  REQUIRE(feed.items.size() == 1);
  CHECK(feed.items[0].title ==
        "Caf\xC3\xA9 \xE2\x80\x9C"
        "cr\xC3\xA8me\xE2\x80\x9D \xE2\x80\x93 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9");
}

TEST_CASE("the HTTP charset wins over the XML declaration, and a byte order mark over both") {
  const std::string latin1 =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>"
      "Gen\xE8ve</title></channel></rss>";
  auto feed = parse_feed(latin1, "", "application/rss+xml; charset=ISO-8859-1");
  REQUIRE(feed);
  CHECK(feed->title == "Gen\xC3\xA8ve");

  // "<rss><channel><title>é</title></channel></rss>" in UTF-16LE with a byte order mark.
  std::string utf16 = "\xFF\xFE";
  for (const char c : std::string("<rss><channel><title>\xE9</title></channel></rss>")) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  feed = parse_feed(utf16, "", "text/xml; charset=iso-8859-1");
  REQUIRE(feed);
  CHECK(feed->title == "\xC3\xA9");
}

TEST_CASE("undeclared bytes that are not UTF-8 are read as windows-1252, as pages are") {
  auto feed = parse_feed("<rss><channel><title>na\xEFve</title></channel></rss>", "");
  REQUIRE(feed);
  CHECK(feed->title == "na\xC3\xAFve");
}

TEST_CASE("an HTML page is rejected as not a feed, naming its root element") {
  CHECK(error_of(read_file(fixture("syndication/not-a-feed.html"))) ==
        "not a feed: root element <html>");
  CHECK(error_of("<?xml version=\"1.0\"?><opml version=\"2.0\"><body/></opml>") ==
        "not a feed: root element <opml>");
  CHECK(error_of("{\"version\": \"https://jsonfeed.org/version/1\"}") ==
        "not a feed: the document is JSON, not XML");
  CHECK(error_of(std::string("\x1F\x8B\x08\x00\x00\x00", 6)) ==
        "not a feed: the data is gzip-compressed");
  CHECK(error_of("<feed xmlns=\"http://example.org/other\"/>") ==
        "not a feed: <feed> is in namespace 'http://example.org/other', not Atom's");
}

TEST_CASE("malformed XML is rejected with the line of the error") {
  CHECK(error_of(read_file(fixture("syndication/malformed.xml"))) ==
        "XML error at line 10: closing tag </titel> does not match the open element");
  CHECK(error_of("<rss>\n<channel>\n<title>cut off") ==
        "XML error at line 3: the document ends before all its elements are closed");
  CHECK(error_of("<rss><channel><item><title><![CD") ==
        "XML error at line 1: unterminated CDATA section at the end of the document (truncated?)");
}

TEST_CASE("empty input is rejected with a clear message") {
  CHECK(error_of("") == "empty document");
  CHECK(error_of(" \n\t ") == "empty document");
  CHECK(error_of("<!-- only a comment -->") == "XML error at line 1: no root element");
}

TEST_CASE("HTML named entities are decoded - unknown entities and bare ampersands are errors") {
  auto feed =
      parse_feed(rss_with_item("<title>caf&eacute;&nbsp;&mdash; &#8217;s &#146;</title>"), "");
  REQUIRE(feed);
  REQUIRE(feed->items.size() == 1);
  // &nbsp; collapses like any space; &#146; means windows-1252's right quote, as in HTML.
  CHECK(feed->items[0].title == "caf\xC3\xA9 \xE2\x80\x94 \xE2\x80\x99s \xE2\x80\x99");

  CHECK(error_of(rss_with_item("<title>&bogus;</title>")) ==
        "XML error at line 2: undefined entity '&bogus;' in text");
  CHECK(error_of(rss_with_item("<link>http://x.org/?a=1&b=2</link>")) ==
        "XML error at line 2: '&' in text must be written '&amp;'");
  CHECK(error_of(rss_with_item("<title>&#0;</title>")) ==
        "XML error at line 2: '&#0;' in text is not a legal XML character");
}

TEST_CASE(
    "what pugixml lets through is still refused: prefixes, stray text, controls, duplicates") {
  CHECK(error_of(rss_with_item("<itunes:author>x</itunes:author>")) ==
        "XML error at line 2: undeclared namespace prefix 'itunes' in <itunes:author>");
  CHECK(error_of("<rss><channel/></rss>\ntrailing junk") ==
        "XML error at line 2: content after the end of the root element </rss>");
  CHECK(error_of("<rss><channel/></rss><rss/>") ==
        "XML error at line 1: a second root element <rss>");
  CHECK(error_of("<!-- c -->\njunk<rss/>") == "XML error at line 2: text before the root element");
  CHECK(error_of("junk<rss/>") == "not a feed: the document is not XML");
  CHECK(error_of(rss_with_item("<title>a\x0B"
                               "b</title>")) ==
        "XML error at line 2: control character U+000B is not allowed in XML");
  CHECK(error_of("<rss version=\"2.0\" version=\"2.0\"/>") ==
        "XML error at line 1: attribute 'version' appears twice in <rss>");
  CHECK(error_of("<rss><channel><title a=\"x<y\"/></channel></rss>") ==
        "XML error at line 1: '<' in the value of attribute 'a' must be written '&lt;'");
  CHECK(error_of("<!-- c -->\n<?xml version=\"1.0\"?><rss/>") ==
        "XML error at line 2: the XML declaration must come first in the document");
  // A blank line before the declaration is the classic PHP slip; its meaning is clear.
  CHECK(parse_feed("\n<?xml version=\"1.0\"?><rss/>", ""));
}

TEST_CASE("nesting deeper than the limit is refused without recursion") {
  std::string deep = "<rss><channel><item><description>";
  for (int i = 0; i < 100000; ++i) {
    deep += "<a>";
  }
  for (int i = 0; i < 100000; ++i) {
    deep += "</a>";
  }
  deep += "</description></item></channel></rss>";
  CHECK(error_of(deep) == "XML error at line 1: elements nested deeper than 512 levels");
}

TEST_CASE("items past the cap are dropped and oversized input is refused") {
  std::string many = "<rss><channel>";
  for (std::size_t i = 0; i < k_max_feed_items + 5; ++i) {
    many += "<item><title>t</title></item>";
  }
  many += "</channel></rss>";
  auto feed = parse_feed(many, "");
  REQUIRE(feed);
  CHECK(feed->items.size() == k_max_feed_items);

  const std::string huge(k_max_document_bytes + 1, ' ');
  CHECK(error_of(huge) == "document is larger than 50 MB (50000001 bytes)");
}

TEST_CASE("RFC 822 zone names, UTC comments and unreadable dates") {
  auto feed = parse_feed(rss_with_item("<pubDate>Wed, 17 Jan 2018 15:50:00 PST</pubDate>"
                                       "<atom:updated xmlns:atom=\"http://www.w3.org/2005/Atom\">"
                                       "yesterday</atom:updated>"),
                         "");
  REQUIRE(feed);
  CHECK(feed->items[0].published == "2018-01-17T15:50:00-08:00");
  CHECK(feed->items[0].updated.empty());
  feed = parse_feed(rss_with_item("<pubDate>Tue, 11 Feb 2025 06:12:00 +0000 (UTC)</pubDate>"), "");
  REQUIRE(feed);
  CHECK(feed->items[0].published == "2025-02-11T06:12:00Z");
}

TEST_CASE("looks_like_feed recognises rss, feed and rdf:RDF roots and nothing else") {
  CHECK(looks_like_feed("<?xml version=\"1.0\"?>\n<!-- x --><rss version=\"2.0\">"));
  CHECK(looks_like_feed("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
  CHECK(looks_like_feed("<!DOCTYPE rdf:RDF [ <!ENTITY x \"y\"> ]><rdf:RDF>"));
  CHECK_FALSE(looks_like_feed("<!DOCTYPE html><html><head>"));
  CHECK_FALSE(looks_like_feed(""));
  CHECK_FALSE(looks_like_feed("plain text"));
}

TEST_CASE("relative references resolve as RFC 3986's examples say") {
  const std::string base = "http://a/b/c/d;p?q";
  CHECK(resolve_uri(base, "g") == "http://a/b/c/g");
  CHECK(resolve_uri(base, "./g") == "http://a/b/c/g");
  CHECK(resolve_uri(base, "g/") == "http://a/b/c/g/");
  CHECK(resolve_uri(base, "/g") == "http://a/g");
  CHECK(resolve_uri(base, "//g") == "http://g");
  CHECK(resolve_uri(base, "?y") == "http://a/b/c/d;p?y");
  CHECK(resolve_uri(base, "#s") == "http://a/b/c/d;p?q#s");
  CHECK(resolve_uri(base, "") == "http://a/b/c/d;p?q");
  CHECK(resolve_uri(base, "../g") == "http://a/b/g");
  CHECK(resolve_uri(base, "../../../g") == "http://a/g");
  CHECK(resolve_uri(base, "g;x=1/../y") == "http://a/b/c/y");
  CHECK(resolve_uri(base, "https://other/x") == "https://other/x");
  CHECK(resolve_uri("", "relative/only") == "relative/only");
  CHECK_FALSE(is_safe_link(" JavaScript:alert(1)"));
  CHECK(is_safe_link("https://example.com/a:b"));
}

TEST_CASE("an OPML file yields subscriptions from nested folders in document order") {
  auto list = parse_opml(read_file(fixture("syndication/subscriptions.opml")));
  REQUIRE(list);
  const auto* outlines = &list->outlines;
  CHECK(list->dropped == 0);
  REQUIRE(outlines->size() == 3);
  CHECK((*outlines)[0].title == "The Daily Meridian \xE2\x80\x93 Asia");
  CHECK((*outlines)[0].xml_url == "https://www.example.com/asia/rss.xml");
  CHECK((*outlines)[0].html_url == "https://www.example.com/asia/");
  CHECK((*outlines)[1].title == "Example Wire");
  CHECK((*outlines)[1].html_url.empty());
  CHECK((*outlines)[2].title == "Example & Net");
  CHECK((*outlines)[2].xml_url == "https://feeds.example.net/news.atom");  // xmlURL spelling
  CHECK((*outlines)[0].folders == std::vector<std::string>{"World", "Asia"});  // outermost first
  CHECK((*outlines)[1].folders == std::vector<std::string>{"World"});
  CHECK((*outlines)[2].folders.empty());  // at the top level
}

TEST_CASE("a document that is not OPML is rejected with what it is") {
  auto outlines = parse_opml(read_file(fixture("syndication/rss1.rdf")));
  REQUIRE_FALSE(outlines);
  CHECK(outlines.error().message == "not an OPML document: root element <rdf:RDF>");
  outlines = parse_opml("<opml><body><outline text=\"a\"></body></opml>");
  REQUIRE_FALSE(outlines);
  CHECK(outlines.error().message ==
        "XML error at line 1: closing tag </body> does not match the open element");
}

TEST_CASE(
    "every ill-formed feed of feedparser's suite ends in a clear error or a feed, never a crash") {
  // feedparser's illformed/ (see its README): unclosed tags, truncated CDATA, an empty document,
  // undeclared namespaces and charsets. parse_feed must return, with a message when it fails.
  const std::filesystem::path corpus = std::filesystem::path(TRACKER_SOURCE_DIR) / ".." / "shared" /
                                       "data" / "feedparser-tests" / "illformed";
  REQUIRE(std::filesystem::is_directory(corpus));
  int files = 0;
  int errors = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".xml") {
      continue;
    }
    ++files;
    CAPTURE(entry.path().string());
    const auto feed = parse_feed(read_file(entry.path()), "http://127.0.0.1:8097/");
    if (!feed) {
      ++errors;
      CHECK_FALSE(feed.error().message.empty());
    }
  }
  CHECK(files == 19);
  // The XML-broken ones fail: aaa_illformed, rdf_channel_empty_textinput, rss_empty_document,
  // rss_incomplete_cdata, rss_item_link_corrupted_ampersands, undeclared_namespace.
  CHECK(errors >= 6);
}
