// The page's own description (its standfirst) as a check on the block the content finder
// chose: shapes from the dragnet train split where another block outscored the article, and
// the shapes where the description must not move the choice (a teaser list, a dek of its own).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "support/gzip_file.h"
#include "support/paths.h"
#include "tracker/extract/dom.h"
#include "tracker/extract/extractor.h"
#include "tracker/extract/html_document.h"
#include "tracker/extract/standfirst_anchor.h"

using namespace tracker::extract;

namespace {

const std::string k_lede =
    "Usain Bolt did not let anyone spoil his party on Thursday night in London.";

std::string head(const std::string& description) {
  std::string out = "<html><head><title>Bolt wins the 200 metres again</title>";
  if (!description.empty()) {
    out += "<meta property=\"og:description\" content=\"" + description + "\">";
  }
  return out + "</head><body>";
}

std::string article_paragraphs() {
  std::string out = "<p>" + k_lede + "</p>";
  for (int i = 0; i < 5; ++i) {
    out += "<p>Running the 200 metres in 19.32 seconds, the Jamaican won his second gold in the "
           "event, and his training partner took the silver medal behind him, again.</p>";
  }
  return out;
}

// Forty photo captions, each dense with commas: by paragraph scores alone they outweigh the
// six paragraphs of the story beside them.
std::string photo_captions() {
  std::string out = "<div class=\"slides\">";
  for (int i = 0; i < 40; ++i) {
    out += "<p>Jamaica's Usain Bolt, right, competes in a men's 200-meter semifinal, heat " +
           std::to_string(i) + ", in the Olympic Stadium, London, Wednesday, Aug. 8, 2012. "
           "(AP Photo/Lee Jin-man)</p>";
  }
  return out + "</div>";
}

std::string gallery_page(const std::string& description) {
  return head(description) + "<div class=\"story\"><div class=\"text\">" + article_paragraphs() +
         "</div>" + photo_captions() + "</div></body></html>";
}

// A page of the shared benchmark data, gzip-compressed there.
std::string gunzipped(const std::filesystem::path& path) {
  std::string page;
  std::string error;
  INFO(path.string());
  REQUIRE_MESSAGE(tracker::test::read_gzip_file(path, page, error), error);
  return page;
}

bool opens_with_lede(const Article& article) {
  return !article.blocks.empty() && article.blocks[0].text == k_lede;
}

}  // namespace

TEST_CASE("the standfirst anchor is its first eight words, folded, and nothing when shorter") {
  CHECK(StandfirstAnchor("Usain Bolt did NOT let anyone -- spoil his party, again.").words() ==
        "usain bolt did not let anyone spoil his");
  CHECK(StandfirstAnchor("Read more about it here, now").empty());
  CHECK(StandfirstAnchor("").empty());
  // Bytes of other scripts are word characters, kept as they are (only ASCII is folded, on
  // both sides of the comparison): a German standfirst anchors as well.
  CHECK(StandfirstAnchor("Über 300 Menschen sind nach dem Erdbeben in der Türkei gestorben")
            .words() == "Über 300 menschen sind nach dem erdbeben in");
}

TEST_CASE("a text holds the anchor in other case and punctuation, as whole words only") {
  const StandfirstAnchor anchor(k_lede);
  CHECK(anchor.found_in("Photos. USAIN BOLT did not let anyone spoil his party, on Thursday."));
  CHECK(anchor.found_in("usain bolt did not let anyone spoil his"));  // ends with the text
  CHECK_FALSE(anchor.found_in("Usain Bolt did not let anyone spoil history on Thursday."));
  CHECK_FALSE(anchor.found_in("Xusain Bolt did not let anyone spoil his party."));
  CHECK_FALSE(anchor.found_in("Usain Bolt did not let anyone"));
  CHECK_FALSE(StandfirstAnchor("").found_in("anything at all"));
  // A false start that shares the anchor's opening words does not hide the match after it.
  const StandfirstAnchor repeating("the the the the the the the cat sat");
  CHECK(repeating.found_in("the the the the the the the the cat sat down"));
  CHECK_FALSE(repeating.found_in("the the the the the the cat sat"));
}

TEST_CASE("a paragraph holds the anchor across its inline elements and none across paragraphs") {
  auto document = HtmlDocument::parse(
      "<html><body><p>Usain <b>Bolt</b> did\nnot let <a href=\"/x\">anyone</a> spoil his "
      "party.</p><p>Usain Bolt did not let</p><p>anyone spoil his party.</p></body></html>",
      {});
  REQUIRE(document);
  const xmlNode* first = dom::find_element(document->root(), "p");
  REQUIRE(first != nullptr);
  const StandfirstAnchor anchor(k_lede);
  CHECK(anchor.found_in(first));
  CHECK_FALSE(anchor.found_in(first->next));  // the next paragraph holds only the opening
  std::vector<ContentBlock> split = {{"Usain Bolt did not let", BlockKind::paragraph},
                                     {"anyone spoil his party.", BlockKind::paragraph}};
  CHECK_FALSE(anchor.found_in(split));
}

TEST_CASE("a story whose photo captions outscore it is found by the paragraph its standfirst opens") {
  // Without a description the captions win: the shape this check exists for.
  auto unanchored = extract_article(gallery_page(""));
  REQUIRE(unanchored);
  REQUIRE_FALSE(unanchored->blocks.empty());
  CHECK_FALSE(opens_with_lede(*unanchored));

  auto article = extract_article(gallery_page(k_lede));
  REQUIRE(article);
  CHECK(article->metadata.standfirst == k_lede);
  CHECK(opens_with_lede(*article));
  // The story's six paragraphs, and the gallery passed over.
  CHECK(article->blocks.size() == 6);
  for (const ContentBlock& block : article->blocks) {
    CHECK(block.text.find("AP Photo") == std::string::npos);
  }
}

// The outcome, not one guard: here conditional cleaning already empties the list, and the
// teaser-title count in anchored_candidate catches the lists it keeps (on the dragnet train
// split, 8 blog pages whose sidebar listed the post itself went wrong without it).
TEST_CASE("a standfirst that opens only a teaser in a list of stories leaves the article chosen") {
  std::string page = head("A new call for loosening rules on banks ignores the lessons of the "
                          "recent past, an economist writes.") +
                     "<div class=\"post\">";
  for (int i = 0; i < 6; ++i) {
    page += "<p>When the administration designed the recovery act, its advisers argued, at length "
            "and in public, that spending on goods and on transfers would work alike.</p>";
  }
  page += "</div><div class=\"featured\">";
  for (const char* title : {"The End of Men, Revisited", "If Doctors Were Taxed Like Funds",
                            "The Dark Side of Bipartisanship"}) {
    page += std::string("<h4><a href=\"/x\">") + title + "</a></h4>";
    page += "<p>A new call for loosening rules on banks ignores the lessons of the recent past, "
            "an economist writes.</p>";
  }
  page += "</div></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  REQUIRE_FALSE(article->blocks.empty());
  CHECK(article->blocks[0].text.starts_with("When the administration designed"));
  for (const ContentBlock& block : article->blocks) {
    CHECK(block.text.find("End of Men") == std::string::npos);
  }
}

TEST_CASE("a dek in a box of its own above the story does not replace the story") {
  const std::string dek = "Yellow Pages firm owes two billion pounds as lenders threaten legal action";
  std::string page = head(dek) + "<div class=\"page\"><div class=\"dek\"><p>" + dek +
                     "</p><ul><li><a href=\"/s\">Share</a></li><li><a href=\"/t\">Tweet this</a>"
                     "</li></ul></div><div class=\"body\">";
  for (int i = 0; i < 6; ++i) {
    page += "<p>Last week the company behind the business directory said it would stop paying its "
            "lenders, as it gets to grips with its debt pile, a spokesman said.</p>";
  }
  page += "</div></div></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  REQUIRE(article->blocks.size() == 6);
  CHECK(article->blocks[0].text.starts_with("Last week the company"));
}

// Quanta's page (Zyte benchmark page bdb56ac83513, read from ../shared): the story in chunks
// of one class beside the header block that holds the standfirst. The header's block takes over
// as the anchored choice; its siblings alone left out the first chunk, which holds the lede.
TEST_CASE("when the standfirst's block takes over, the top candidate's split parts stay") {
  const std::filesystem::path path = tracker::test::source_dir() /
                                     "../shared/data/article-extraction-benchmark/html/"
                                     "bdb56ac83513635db1d8b9eb46b2da4c0de8da2f1f28f5bf5163df3eb3d3ec06.html.gz";
  const std::string page = gunzipped(path);
  REQUIRE(page.size() > 10000);
  auto article = extract_article(page);
  REQUIRE(article);
  std::size_t lede = article->blocks.size();
  std::size_t later = article->blocks.size();
  for (std::size_t i = 0; i < article->blocks.size(); ++i) {
    const std::string& text = article->blocks[i].text;
    lede = text.starts_with("When the immunologist De") ? i : lede;
    later = text.find("I think I even famously said") != std::string::npos ? i : later;
  }
  CHECK(lede < article->blocks.size());
  CHECK(later < article->blocks.size());
  CHECK(lede < later);  // in the page's order
}

TEST_CASE(
    "a video page whose one line of text is its description is an article, not 'no article'") {
  // dragnet train page 68 (whitehouse.gov): the line sits beside the player and a "Transcript |
  // Download" line, which conditional cleaning removed as an embed box; a newsletter box won.
  const std::filesystem::path path =
      tracker::test::source_dir() / "../shared/data/dragnet-extraction-data/html/68.html.gz";
  const std::string page = gunzipped(path);
  REQUIRE(page.size() > 10000);
  auto article = extract_article(page);
  REQUIRE(article);
  bool described = false;
  for (const ContentBlock& block : article->blocks) {
    described =
        described || block.text.starts_with("President Obama honors the victims of the tragedy");
    CHECK(block.text.find("IN YOUR INBOX") == std::string::npos);  // not the newsletter box
  }
  CHECK(described);
}
