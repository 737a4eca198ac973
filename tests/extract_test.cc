#include <doctest/doctest.h>

#include <string>

#include "support/paths.h"
#include "tracker/extract/extractor.h"

using namespace tracker::extract;
using tracker::test::fixture;
using tracker::test::read_file;
using tracker::test::source_dir;

namespace {

std::string text_of_page(const std::filesystem::path& path) {
  auto article = extract_article(read_file(path));
  REQUIRE(article);
  return article->text() + "\n";
}

// The expected files are reviewed by hand: paragraphs separated by blank lines.
void check_golden(const std::filesystem::path& page) {
  std::filesystem::path expected = page;
  expected.replace_extension(".expected.txt");
  CAPTURE(page.string());
  CHECK(text_of_page(page) == read_file(expected));
}

}  // namespace

TEST_CASE("the demo page of the seed story yields exactly its article text") {
  check_golden(source_dir() / "feeds/demo/kursk-afp.html");
}

TEST_CASE("the demo page's chrome stays out of the article") {
  const std::string text = text_of_page(source_dir() / "feeds/demo/kursk-afp.html");
  for (const char* chrome : {"cookie", "Cookie", "Read also", "Most read", "Newsletter", "newsletter",
                             "Share", "Advertisement", "©", "Related"}) {
    CAPTURE(chrome);
    CHECK(text.find(chrome) == std::string::npos);
  }
}

TEST_CASE("the demo page's metadata is read from meta tags and JSON-LD") {
  auto article = extract_article(read_file(source_dir() / "feeds/demo/kursk-afp.html"));
  REQUIRE(article);
  const PageMetadata& meta = article->metadata;
  CHECK(meta.title == "North Korea troops not in combat in Russia\xE2\x80\x99s Kursk since mid-Jan: Seoul");
  CHECK(meta.byline == "AFP");
  CHECK(meta.site_name == "The Daily Meridian");
  CHECK(meta.published == "2025-02-04T08:41:00Z");
  CHECK(meta.modified == "2025-02-04T11:06:00Z");
  CHECK(meta.url.starts_with("https://www.example.com/world/asia/2025/02/04/"));
  CHECK(meta.language == "en");
}

TEST_CASE("an ISO-8859-1 page declared in a meta tag comes out as UTF-8") {
  check_golden(fixture("extract/latin1-meta.html"));
}

TEST_CASE("a UTF-8 page with a byte order mark and no declaration is read as UTF-8") {
  check_golden(fixture("extract/utf8-bom-no-meta.html"));
}

TEST_CASE("windows-1252 smart quotes and dashes are decoded, not turned into controls") {
  check_golden(fixture("extract/windows1252-smart-quotes.html"));
}

TEST_CASE("the article's own subheadings, lists and block quotes are kept, sidebars dropped") {
  check_golden(fixture("extract/list-and-quote.html"));
  auto article = extract_article(read_file(fixture("extract/list-and-quote.html")));
  REQUIRE(article);
  int headings = 0;
  int list_items = 0;
  int quotes = 0;
  for (const ContentBlock& block : article->blocks) {
    headings += block.kind == BlockKind::heading ? 1 : 0;
    list_items += block.kind == BlockKind::list_item ? 1 : 0;
    quotes += block.kind == BlockKind::quote ? 1 : 0;
  }
  CHECK(headings == 1);
  CHECK(list_items == 3);
  CHECK(quotes == 1);
}

TEST_CASE("a section front page with only teasers has no article") {
  auto article = extract_article(read_file(fixture("extract/no-article.html")));
  REQUIRE(article);
  CHECK(article->blocks.empty());
  CHECK(article->text().empty());
}

TEST_CASE("scripts, styles, hidden elements and screen-reader text never reach the text") {
  const std::string page =
      "<html><body><article>"
      "<p>First paragraph of the story, long enough to count as article text for sure.</p>"
      "<script>var leaked = 'script';</script><style>.x{color:red}</style>"
      "<p hidden>hidden attribute</p><p style=\"display: none\">display none</p>"
      "<span class=\"sr-only\">screen reader only</span>"
      "<p>Second paragraph, with a comma, and more words so that it reads like prose.</p>"
      "<p>Third paragraph with enough words to make three hundred characters in total here.</p>"
      "<p>Fourth paragraph, because a brief must have some substance to be an article.</p>"
      "</article></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  const std::string text = article->text();
  CHECK(text.find("First paragraph") != std::string::npos);
  CHECK(text.find("Fourth paragraph") != std::string::npos);
  for (const char* leak : {"leaked", "color:red", "hidden attribute", "display none", "screen reader"}) {
    CAPTURE(leak);
    CHECK(text.find(leak) == std::string::npos);
  }
}

TEST_CASE("the outlet's correction or editor's note is article text, even in an aside or a notice") {
  std::string body;
  for (int i = 0; i < 5; ++i) {
    body += "<p>Paragraph " + std::to_string(i) +
            " of the story says the bridge over the river collapsed on Tuesday, and rescuers worked all night.</p>";
  }
  const auto text_with = [&](const std::string& note) {
    auto article = extract_article("<html><body><article><h1>Bridge</h1>" + body + note + "</article></body></html>");
    REQUIRE(article);
    return article->text();
  };
  CHECK(text_with("<aside class=\"correction-notice\">Correction: An earlier version misspelt the mayor's "
                  "name.</aside>")
            .ends_with("Correction: An earlier version misspelt the mayor's name."));
  CHECK(text_with("<div class=\"editors-note sidebar\"><p>Editor's note: This story was updated.</p></div>")
            .ends_with("Editor's note: This story was updated."));
  CHECK(text_with("<div id=\"clarification\" class=\"ad-slot\">Clarification: The vote was on Monday.</div>")
            .ends_with("Clarification: The vote was on Monday."));
  // Other notices in asides stay out, as before.
  CHECK(text_with("<aside class=\"notice\">Sign up for our newsletter: news in your inbox every morning.</aside>")
            .find("newsletter") == std::string::npos);
}

TEST_CASE("paragraphs separated by double line breaks become separate blocks") {
  const std::string page =
      "<html><body><div class=\"story\">"
      "The first paragraph of a page that uses line breaks, with commas, and enough words."
      "<br><br>The second paragraph after two breaks, also long enough to be real prose here."
      "<br>still the second paragraph after a single break, which only separates lines."
      "<br><br>A third paragraph closes the story, written long enough for the scorer too."
      "</div></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  REQUIRE(article->blocks.size() == 3);
  CHECK(article->blocks[1].text.ends_with("which only separates lines."));
}

TEST_CASE("a lede written as bare text in a <div> beside the article body is kept") {
  // RT's layout: the summary paragraph sits in its own <div> (no <p>) next to the body's <div>.
  const std::string page =
      "<html><body><div class=\"article\">"
      "<div class=\"article__summary\">Three people have died during protests against the "
      "interim government, after clashes between supporters and security forces.</div>"
      "<div class=\"article__text\">"
      "<p>In addition to the three fatalities at a fuel plant on Tuesday, the public defender's "
      "office said another 30 people had been injured in the skirmishes, it added.</p>"
      "<p>The office said the deaths were caused by gunshot wounds and called on the government "
      "to withdraw military units from all policing operations, to reduce the violence.</p>"
      "<p>The interim president, who took office last week, has said the army will stay on the "
      "streets until calm returns, and that those responsible will be found.</p>"
      "</div></div></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  REQUIRE(article->blocks.size() == 4);
  CHECK(article->blocks[0].text.starts_with("Three people have died"));
}

TEST_CASE("a lede wrapped alone in a <div> with a chrome class name is kept") {
  // CNN's layout: the first paragraph sits in <div class="el__leafmedia ...">, and "media" is a
  // chrome word; the rest of the story follows as plain paragraphs.
  const std::string page =
      "<html><body><div class=\"story-body\">"
      "<div class=\"el__leafmedia el__leafmedia--sourced-paragraph\"><p>(CNN) The President "
      "made an unscheduled trip to the hospital on Saturday for a quick exam, the White House "
      "said.</p></div>"
      "<p>The visit, which was not on his public schedule, lasted about two hours, and reporters "
      "travelling with him were not told of it in advance, officials said.</p>"
      "<p>His physician said in a statement that the exam was routine, that all was well, and "
      "that the rest of the physical would take place next year.</p>"
      "<p>Previous presidents have had their annual physicals at the same hospital, which is in "
      "Bethesda, Maryland, a short helicopter ride from the White House.</p>"
      "<p>The White House did not say why the exam was brought forward, and the President, "
      "asked about it on Sunday, said only that he felt fine and had never felt better.</p>"
      "</div></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  REQUIRE(article->blocks.size() == 5);
  CHECK(article->blocks[0].text.starts_with("(CNN) The President made an unscheduled trip"));
}

TEST_CASE("a hover card spliced into a sentence is left out, and the name it hangs on kept") {
  std::string page = "<html><head><title>Governor defends campaign</title></head><body><div>";
  page += "<p>South Dakota Gov. <span class=\"people\"><a href=\"/people/noem\">Kristi Noem</a>"
          "<span class=\"people-block\"><img src=\"/noem.jpg\" alt=\"\">"
          "<a href=\"/people/noem\">Kristi Lynn Noem</a>"
          "<a href=\"/a\">South Dakota governor doubles down on anti-drug campaign</a> "
          "<a href=\"/b\">South Dakota drops pipeline protest laws after lawsuit</a>"
          "<a href=\"/people/noem\">MORE</a></span></span> (R) is defending the state's launch "
          "of an anti-drug campaign, which drew criticism and ridicule across the country.</p>";
  for (int i = 0; i < 4; ++i) {
    page += "<p>The tagline drew a mix of criticism and ridicule on Monday, but the governor cited "
            "the backlash as proof that the campaign was, in fact, working as it should.</p>";
  }
  page += "</div></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  REQUIRE(article->blocks.size() == 5);
  CHECK(article->blocks[0].text ==
        "South Dakota Gov. Kristi Noem (R) is defending the state's launch of an anti-drug "
        "campaign, which drew criticism and ridicule across the country.");
}

namespace {

std::string split_story_paragraph(int n) {
  return "<p>Part " + std::to_string(n) +
         " of the story: people who switched their profiles learned who had looked at them, "
         "how often, and from where, and several said it changed how they posted.</p>";
}

// A template that cuts the story into chunks of one class, each in its own grid row, with an
// advertisement row between them; `extra` goes after the last chunk.
std::string split_story_page(const std::string& extra) {
  std::string page = "<html><head><title>Analytics</title></head><body><article>";
  const auto chunk = [](int from, int to) {
    std::string out = "<div class=\"grid\"><div class=\"article__body\">";
    for (int n = from; n <= to; ++n) {
      out += split_story_paragraph(n);
    }
    return out + "</div><div class=\"rail\"></div></div>";
  };
  page += chunk(1, 4);  // over 500 visible characters: more than a box
  page += "<div class=\"row\"><div class=\"ad\"><span>Advertisement</span></div></div>";
  page += chunk(5, 10);
  return page + extra + "</article></body></html>";
}

}  // namespace

TEST_CASE("a story its template splits into chunks of one class around an ad is read whole") {
  auto article = extract_article(split_story_page(""));
  REQUIRE(article);
  REQUIRE(article->blocks.size() == 10);
  CHECK(article->blocks[0].text.starts_with("Part 1 of the story"));
  CHECK(article->blocks[9].text.starts_with("Part 10 of the story"));
}

TEST_CASE("a short box that shares the story's class is not a chunk of it") {
  auto article = extract_article(split_story_page(
      "<div class=\"grid\"><div class=\"article__body\"><p>Haje is an author and editor of "
      "photography books.</p><p><a href=\"/haje\">View profile</a></p></div></div>"));
  REQUIRE(article);
  REQUIRE_FALSE(article->blocks.empty());
  CHECK(article->blocks[0].text.starts_with("Part 1 of the story"));
  for (const ContentBlock& block : article->blocks) {
    CHECK(block.text.find("Haje") == std::string::npos);
  }
}
