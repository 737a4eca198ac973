// Teasers for other stories inside an article (issue 14): a labelled link ("SEE MORE: ..."), a
// labelled list of links ("Tags: a, b, c") and a closing run of links are dropped by their shape;
// the outlet's own notes, a linked headline, a short list of links and prose that holds a link are
// kept.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tracker/extract/extractor.h"

using namespace tracker::extract;

namespace {

std::string bridge_paragraph(int n) {
  return "Paragraph " + std::to_string(n) +
         " of the story says that 12 people were hurt when the bridge fell on Monday, officials "
         "said.";
}

// The article's texts, extracted from a page whose story holds `inside` after two paragraphs
// and `after` after the last one.
std::vector<std::string> with_teasers(const std::string& inside, const std::string& after) {
  const std::string page =
      "<html><head><title>Bridge falls</title></head><body><article>"
      "<p>" +
      bridge_paragraph(1) + "</p><p>" + bridge_paragraph(2) + "</p>" + inside + "<p>" +
      bridge_paragraph(3) + "</p><p>" + bridge_paragraph(4) + "</p>" + after +
      "</article></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  std::vector<std::string> texts;
  for (const ContentBlock& block : article->blocks) {
    texts.push_back(block.text);
  }
  return texts;
}

const std::vector<std::string> k_bridge_story = {bridge_paragraph(1), bridge_paragraph(2),
                                                 bridge_paragraph(3), bridge_paragraph(4)};

}  // namespace

TEST_CASE("a labelled link to another story is dropped, in any language") {
  CHECK(with_teasers(
            "<p>SEE MORE: <a href=\"/x\">Hong Kong protests: 800 students under siege</a></p>",
            "") == k_bridge_story);
  CHECK(with_teasers(
            "<p>Lire aussi : <a href=\"/x\">Les critiques de la CNIL contre le projet</a></p>",
            "") == k_bridge_story);
  CHECK(with_teasers(
            "<p><strong>Read more:</strong> <a href=\"/x\">Five killed as storm hits coast</a></p>",
            "") == k_bridge_story);
}

TEST_CASE("the outlet's notes, a source's address and prose with a link are not teasers") {
  const std::string update = "Update: Appeals court rules the trust should stay with the state.";
  CHECK(with_teasers("<p>Update: <a href=\"/x\">Appeals court rules the trust should stay with the "
                     "state.</a></p>",
                     "") == std::vector<std::string>{bridge_paragraph(1), bridge_paragraph(2),
                                                     update, bridge_paragraph(3),
                                                     bridge_paragraph(4)});
  CHECK(with_teasers("<p>Read more here: <a href=\"/x\">http://example.com/report</a></p>", "") ==
        std::vector<std::string>{bridge_paragraph(1), bridge_paragraph(2),
                                 "Read more here: http://example.com/report", bridge_paragraph(3),
                                 bridge_paragraph(4)});
  const std::string linked = "Officials said: the report is online, and 12 were hurt.";
  CHECK(with_teasers(
            "<p>Officials said: <a href=\"/x\">the report</a> is online, and 12 were hurt.</p>",
            "") == std::vector<std::string>{bridge_paragraph(1), bridge_paragraph(2), linked,
                                            bridge_paragraph(3), bridge_paragraph(4)});
}

TEST_CASE("a closing run of three links is dropped with the line that introduces it") {
  const std::string teasers =
      "<h3>You may also like...</h3>"
      "<p><a href=\"/a\">Who will make the Rock Hall in 2020?</a></p>"
      "<p><a href=\"/b\">Band takes over the fan vote</a></p>"
      "<p><a href=\"/c\">25 worst inductees ever</a></p>";
  CHECK(with_teasers("", teasers) == k_bridge_story);
  // Two links are a story's own references, not a list of teasers.
  const std::string two =
      "<p><a href=\"/a\">The city's report</a></p><p><a href=\"/b\">The ministry's "
      "statement</a></p>";
  CHECK(with_teasers("", two) == std::vector<std::string>{bridge_paragraph(1), bridge_paragraph(2),
                                                          bridge_paragraph(3), bridge_paragraph(4),
                                                          "The city's report",
                                                          "The ministry's statement"});
}

TEST_CASE("a labelled list of links (the post's tags or categories) is dropped, in any language") {
  CHECK(with_teasers("",
                     "<p>Tags: <a href=\"/t/a\">bridges</a>, <a href=\"/t/b\">transport</a>, "
                     "<a href=\"/t/c\">city council</a></p>") == k_bridge_story);
  CHECK(
      with_teasers("",
                   "<p><b>Categories:</b> <a href=\"/c/a\">News</a> | <a href=\"/c/b\">Local</a> | "
                   "<a href=\"/c/c\">Transport</a></p>") == k_bridge_story);
  CHECK(with_teasers("<p>Etiquetas: <a href=\"/a\">puentes</a>, <a href=\"/b\">ciudad</a>, "
                     "<a href=\"/c\">obras</a></p>",
                     "") == k_bridge_story);
  // Words between the links are prose, and two links a story's own references.
  const std::string prose = "Sources: the city, which says 12, and the ministry, which says 14.";
  CHECK(
      with_teasers("<p>Sources: <a href=\"/a\">the city</a>, which says 12, and <a href=\"/b\">the "
                   "ministry</a>, which says 14.</p>",
                   "") == std::vector<std::string>{bridge_paragraph(1), bridge_paragraph(2), prose,
                                                   bridge_paragraph(3), bridge_paragraph(4)});
  const std::string two = "Documents: the report, the statement";
  CHECK(with_teasers(
            "",
            "<p>Documents: <a href=\"/a\">the report</a>, <a href=\"/b\">the statement</a></p>") ==
        std::vector<std::string>{bridge_paragraph(1), bridge_paragraph(2), bridge_paragraph(3),
                                 bridge_paragraph(4), two});
}
