// Readers' comments that old blog engines put as bare paragraphs under a "Comments" heading, in
// the post's own container, are not the article (dragnet train split: TypePad and Movable Type
// posts whose comments outweighed them).
#include <doctest/doctest.h>

#include <string>

#include "tracker/extract/comments_heading.h"
#include "tracker/extract/extractor.h"

using namespace tracker::extract;

TEST_CASE("headings that open the comments are told from the article's own subheadings") {
  for (const char* heading : {"Comments", "12 Comments", "1 Comment", "Leave a Reply", "TrackBack",
                              "107 Responses to \"Alien Surface\"", "46 Comments on “Can It Be”",
                              "Comments (3)", "0 comments:", "Kommentare", "Comentarios"}) {
    CAPTURE(heading);
    CHECK(is_comments_heading(heading));
  }
  for (const char* heading : {"Comment", "Response", "Comments from the minister were sharp",
                              "Responses to the flood", "What the comments mean", "Briefing", ""}) {
    CAPTURE(heading);
    CHECK_FALSE(is_comments_heading(heading));
  }
}

namespace {

std::string post_paragraph(int n) {
  return "<p>Paragraph " + std::to_string(n) +
         " of the post explains, at some length and with examples, why the new rules matter to "
         "the people who have to follow them every day.</p>";
}

std::string blog_page(const std::string& heading) {
  std::string page = "<html><head><title>Why the rules matter</title></head><body>"
                     "<div class=\"entry\">";
  for (int n = 1; n <= 5; ++n) {
    page += post_paragraph(n);
  }
  page += "<h2><a id=\"c\"></a>" + heading + "</h2>";
  for (int n = 1; n <= 3; ++n) {
    page += "<p>" + std::to_string(n) + ". Great post, I agree with every word of it, and I have "
            "shared it with everyone at the office this morning.</p><p class=\"posted\">Posted by "
            "a reader</p>";
  }
  return page + "</div></body></html>";
}

}  // namespace

TEST_CASE("a post's text ends at its comments heading") {
  auto article = extract_article(blog_page("Comments"));
  REQUIRE(article);
  REQUIRE(article->blocks.size() == 5);
  CHECK(article->blocks.back().text.starts_with("Paragraph 5 of the post"));
}

TEST_CASE("a subheading that is not the comments' leaves the text whole") {
  auto article = extract_article(blog_page("Comment"));
  REQUIRE(article);
  CHECK(article->blocks.size() > 5);
  CHECK(article->blocks.back().text == "Posted by a reader");
}

TEST_CASE("a comment count under the headline does not cut the article") {
  std::string page = "<html><head><title>Why the rules matter</title></head><body>"
                     "<div class=\"entry\"><h3>12 Comments</h3>";
  for (int n = 1; n <= 5; ++n) {
    page += post_paragraph(n);
  }
  page += "</div></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  // The count itself goes (post_metadata.h: it grows whenever a reader writes); the post stays.
  REQUIRE(article->blocks.size() == 5);
  CHECK(article->blocks.front().text.starts_with("Paragraph 1 of the post"));
  CHECK(article->blocks.back().text.starts_with("Paragraph 5 of the post"));
}

TEST_CASE("a heading named as the comments by its id ends the post, whatever its words") {
  // Movable Type: <h2 id="comments">; the "comment" in its id made it page chrome, so it was
  // dropped and the comments under it, in the post's own container, were read as the post.
  std::string page = blog_page("Comments");
  page.replace(page.find("<h2><a id=\"c\"></a>Comments</h2>"),
               std::string("<h2><a id=\"c\"></a>Comments</h2>").size(),
               "<h3>Related posts:</h3><h2 id=\"comments\">What our readers say</h2>");
  auto article = extract_article(page);
  REQUIRE(article);
  REQUIRE(article->blocks.size() == 5);  // nor the heading left with nothing under it
  CHECK(article->blocks.back().text.starts_with("Paragraph 5 of the post"));
}

TEST_CASE("a comments heading by id under the headline is neither a cut nor text") {
  std::string page =
      "<html><head><title>Why the rules matter</title></head><body>"
      "<div class=\"entry\"><h3 class=\"comments-link\">Talk about it</h3>";
  for (int n = 1; n <= 5; ++n) {
    page += post_paragraph(n);
  }
  page += "</div></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  REQUIRE(article->blocks.size() == 5);
  CHECK(article->blocks.front().text.starts_with("Paragraph 1 of the post"));
}
