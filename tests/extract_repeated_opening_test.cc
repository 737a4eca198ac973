// A story rendered twice on its page (the dragnet split's paywalled pages give the teaser and
// its hidden copy) is extracted once; paragraphs that repeat for other reasons are kept.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tracker/extract/extractor.h"
#include "tracker/extract/repeated_opening.h"

using namespace tracker::extract;

namespace {

// A paragraph of prose, different for each `n`, long enough not to be a label.
std::string prose(int n) {
  return "Paragraph " + std::to_string(n) +
         " of the story says what the ministry announced on Monday, and what it left unsaid.";
}

std::vector<ContentBlock> blocks_of(const std::vector<std::string>& texts) {
  std::vector<ContentBlock> blocks;
  for (const std::string& text : texts) {
    blocks.push_back(ContentBlock{text, BlockKind::paragraph});
  }
  return blocks;
}

std::vector<std::string> texts_of(const std::vector<ContentBlock>& blocks) {
  std::vector<std::string> texts;
  for (const ContentBlock& block : blocks) {
    texts.push_back(block.text);
  }
  return texts;
}

std::vector<std::string> after_drop(const std::vector<std::string>& texts) {
  std::vector<ContentBlock> blocks = blocks_of(texts);
  drop_repeated_opening(blocks);
  return texts_of(blocks);
}

}  // namespace

TEST_CASE("a second copy of the story's opening paragraphs is dropped, wherever it starts") {
  const std::string a = prose(1), b = prose(2), c = prose(3), d = prose(4);
  CHECK(after_drop({a, b, c, a, b, c}) == std::vector<std::string>{a, b, c});
  // The copy may be shorter than the first rendering (a teaser of its first two paragraphs)
  // and be followed by more text.
  CHECK(after_drop({a, b, c, d, a, b, "Subscribe to read more."}) ==
        std::vector<std::string>{a, b, c, d, "Subscribe to read more."});
}

TEST_CASE("paragraphs that repeat for other reasons are kept") {
  const std::string a = prose(1), b = prose(2), c = prose(3), d = prose(4);
  // One paragraph again: a pull quote.
  CHECK(after_drop({a, b, c, a, d}) == std::vector<std::string>{a, b, c, a, d});
  // A run repeated away from the opening: a list the author gives twice.
  CHECK(after_drop({a, b, c, d, b, c}) == std::vector<std::string>{a, b, c, d, b, c});
  // Short blocks repeat as a matter of course.
  CHECK(after_drop({"Photo: AP", "Advertisement", "Photo: AP", "Advertisement"}) ==
        std::vector<std::string>{"Photo: AP", "Advertisement", "Photo: AP", "Advertisement"});
  // Filler whose paragraphs are all the same has no opening to copy.
  CHECK(after_drop({a, a, a, a}) == std::vector<std::string>{a, a, a, a});
  CHECK(after_drop({}).empty());
}

TEST_CASE("a page that holds its story twice gives it once") {
  std::string story;
  for (int n = 1; n <= 4; ++n) {
    story += "<p>" + prose(n) + "</p>";
  }
  const std::string page = "<html><head><title>Ministry announces</title></head><body>"
                           "<div class=\"story\"><div class=\"teaser\">" + story + "</div>"
                           "<div class=\"full\">" + story + "</div></div></body></html>";
  auto article = extract_article(page);
  REQUIRE(article);
  CHECK(texts_of(article->blocks) ==
        std::vector<std::string>{prose(1), prose(2), prose(3), prose(4)});
}

TEST_CASE("a page that repeats its opening thousands of times keeps one copy") {
  // The hostile shape of the one-pass rewrite: erasing each copy in place was quadratic.
  std::vector<std::string> texts;
  for (int i = 0; i < 10000; ++i) {
    texts.push_back(prose(i % 2 + 1));
  }
  CHECK(after_drop(texts) == std::vector<std::string>{prose(1), prose(2)});
}
