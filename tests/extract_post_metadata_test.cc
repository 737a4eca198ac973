// A blog or newspaper engine's lines about the post (print line, filing, date with a comment
// count) are not the post's text; a sentence that opens with the same words is.
#include <doctest/doctest.h>

#include <string>

#include "tracker/extract/extractor.h"
#include "tracker/extract/post_metadata.h"

using namespace tracker::extract;

namespace {

bool metadata(const std::string& text) {
  return is_post_metadata(ContentBlock{text, BlockKind::paragraph, 0});
}

}  // namespace

TEST_CASE("the engine's lines about a post are told from sentences that open with its words") {
  for (const char* line :
       {"A version of this article appeared in print on July 25, 2012, on page A10 of the New York "
        "edition "
        "with the headline: Storm Damage.",
        "This entry was posted on Saturday, August 25th, 2012 at 12:23 am and is filed under News. "
        "You can "
        "follow any responses to this entry.",
        "This entry was posted in Astronomical events, Planets. Bookmark the permalink.",
        "Posted in News", "Posted in: Fantasy |",
        "Posted on November 9, 2012 at 6:41 AM \u2022 7 Comments", "Posted on July 18th, 2012",
        "Filed Under: Leadership Tagged With: Philosophy", "Categories: Ideas",
        "Posted by Kathy on April 6, 2007 | Permalink",
        "Posted by Becky | View all posts by Becky Leave a comment!"}) {
    CAPTURE(line);
    CHECK(metadata(line));
  }
  for (const char* line :
       {"Posted in Kabul since 2019, the sergeant said the base had changed beyond recognition.",
        "Posted on the ministry's website, the notice said 40 schools would close.",
        "Posted by Dan Friedman, AdWords Product Manager",  // a byline: the outlet's text
        "Posted by Hannah Hayes", "Posted indefinitely in the lobby: a list of the missing",
        "Filed under a false name, the claim was paid twice.",
        "The version of this article that appeared first named the wrong minister."}) {
    CAPTURE(line);
    CHECK_FALSE(metadata(line));
  }
  CHECK_FALSE(metadata("Posted in News " + std::string(300, 'x')));  // too long for such a line
}

TEST_CASE("a post's dating line and its comment count are not part of its text") {
  std::string page =
      "<html><head><title>Rates fall again</title></head><body><div class=\"post\">"
      "<p>Posted on November 9, 2012 at 6:41 AM \u2022 7 Comments</p>";
  for (int n = 1; n <= 4; ++n) {
    page +=
        "<p>Paragraph " + std::to_string(n) +
        " of the post explains why the savings banks cut their rates again this month, and what "
        "savers can do about it before the year ends.</p>";
  }
  page += "<p>Posted in Banking, Savings | Permalink</p></div></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  REQUIRE(article->blocks.size() == 4);
  CHECK(article->blocks.front().text.starts_with("Paragraph 1"));
  CHECK(article->blocks.back().text.starts_with("Paragraph 4"));
}

TEST_CASE(
    "a comment count, the links to the next and previous entries and trackback lines are the "
    "engine's") {
  for (const char* line :
       {"53 Comments \u00bb",
        "No Comments \u00bb",
        "1 Response",
        "1,204 comments",
        "12 Responses to \u201cRates fall again\u201d",
        "12 thoughts on \u201cRates fall again\u201d",
        "Comments (12)",
        "\u00ab Glacier | Main | 2013 World Tour \u00bb",
        "\u00ab Micromorts | Main",
        "Main | Saving Cash Using Less Cache \u00bb",
        "TrackBack URL for this entry: "
        "http://www.typepad.com/services/trackback/6a00d83451b44369e2",
        "Listed below are links to weblogs that reference Update/Joint Statement:",
        "Subscribe to comments on this entry",
        "Newer Post Older Post Home",
        "Older Post Home",
        "\u00ab Previous Post | Next Post \u00bb",
        "Previous entry",
        "12 Kommentare",
        "Kommentare (3)",
        "5 comentarios \u00bb",
        "3 commentaires",
        "1 commento",
        "8 reacties",
        "Komentarze (4)"}) {
    const std::string shown = line;
    CAPTURE(shown);
    CHECK(metadata(line));
  }
  for (const char* line :
       {"53 comments were left under the video before it was taken down.",  // a sentence
        "12 responses to the survey came from the northern villages",       // not "N Responses to
                                                                            // “title”"
        "12 thoughts on saving", "Comments (twelve)", "12 Kommentare zur Reform gingen ein",
        "Three comments",                 // only a number, "no" or "one" count comments
        "No comment", "No reply",         // an answer someone gave
        "Home", "Next", "The next post",  // no pager of posts: a word, a sentence's words
        // A paragraph quoted in French guillemets has no separator.
        "\u00ab Nous ne c\u00e9derons pas sur les salaires \u00bb",
        "\u00ab Nous ne c\u00e9derons pas \u00bb, a dit le ministre | ce lundi"}) {
    const std::string shown = line;
    CAPTURE(shown);
    CHECK_FALSE(metadata(line));
  }
}

TEST_CASE("a line that links the post to itself among separators is the engine's") {
  for (const char* line :
       {"Permalink", "October 17, 2012 | Permalink",
        "11/09/2012 in Activities, Crafts, Fall Crafts, Family | Permalink",
        "Todd Hoff | | Permalink | Share Article Print Article",
        "Clyde Smith on 10/27/2012 \u00b7 Permalink"}) {
    CAPTURE(line);
    CHECK(metadata(line));
  }
  // A sentence about permalinks is text.
  CHECK_FALSE(metadata("Every post gets a permalink, an address that never changes."));
  CHECK_FALSE(metadata("Permalinks matter"));
}

TEST_CASE("a publication or update line, and the page's age, are the engine's") {
  for (const char* line :
       {"Published on Wednesday, September 19, 2012", "Published: 30 Oct 2012 | 14:05",
        "Updated at 10:45 GMT", "Last updated 12 March 2024", "Published 6 hours ago",
        "Updated 3 minutes ago", "6 hours ago", "Aktualisiert vor 3 Minuten",
        "Actualizado hace 1 hora", "Mis à jour il y a 2 heures", "Aggiornato 5 minuti fa"}) {
    CAPTURE(line);
    CHECK(metadata(line));
  }
  // A line that dates an event of the story, in any language, is text.
  CHECK_FALSE(metadata("Vor 3 Tagen begann der Streik."));
  CHECK_FALSE(metadata("Hace 2 horas se registró un sismo."));
  // A sentence that opens with the same words is text.
  CHECK_FALSE(metadata("Published on Monday, the report says 40 schools will close."));
  CHECK_FALSE(metadata("Updated figures show the toll rose to 41 in the three days that followed, "
                       "officials said two weeks ago"));
}
