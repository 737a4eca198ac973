#include "tracker/extract/comments_heading.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>

#include "tracker/text/tokens.h"

namespace tracker::extract {
namespace {

using namespace std::string_view_literals;

// Lower-case; each names the comments as a heading does.
constexpr std::array k_comment_words = {
    "comments"sv,       "responses"sv,     "replies"sv,         "trackbacks"sv,
    "trackback"sv,      "leave a reply"sv, "leave a comment"sv, "reader comments"sv,
    "post a comment"sv, "kommentare"sv,    "comentarios"sv,     "commentaires"sv,
    "commenti"sv,       "reacties"sv,      "comentários"sv,     "komentarze"sv};
// The singular only after a count ("1 Comment"): alone, "Comment" or "Response" is as likely a
// subheading of the article (opinion and analysis, a reply to critics).
constexpr std::array k_counted_singulars = {"comment"sv, "response"sv, "reply"sv};

// What may follow the words: nothing, ":" or "(12)"; after a count also the post's title,
// "on "Title"" or "to "Title"" ("Responses to the flood" alone is a subheading).
bool tail_fits(std::string_view tail, bool counted) {
  while (!tail.empty() && (tail.front() == ' ' || tail.front() == ':')) {
    tail.remove_prefix(1);
  }
  if (tail.empty() || tail.front() == '(') {
    return true;
  }
  return counted && (tail.starts_with("on ") || tail.starts_with("to ") || tail.starts_with("for "));
}

}  // namespace

bool is_comments_heading(std::string_view text) {
  constexpr std::size_t k_max_heading = 160;
  if (text.size() > k_max_heading) {
    return false;
  }
  const std::string lower = text::ascii_lower(text);
  std::string_view rest = lower;
  // A count first: "12 Comments", "107 Responses to ...".
  bool counted = false;
  while (!rest.empty() && ((rest.front() >= '0' && rest.front() <= '9') || rest.front() == ' ' ||
                           rest.front() == ',' || rest.front() == '.')) {
    counted = counted || (rest.front() >= '0' && rest.front() <= '9');
    rest.remove_prefix(1);
  }
  const auto opens_with = [&](std::string_view words) {
    return rest.starts_with(words) && tail_fits(rest.substr(words.size()), counted);
  };
  return std::any_of(k_comment_words.begin(), k_comment_words.end(), opens_with) ||
         (counted && std::any_of(k_counted_singulars.begin(), k_counted_singulars.end(), opens_with));
}

bool names_the_comments(std::string_view words) {
  return std::find(k_comment_words.begin(), k_comment_words.end(), words) != k_comment_words.end();
}

void cut_at_comments_heading(std::vector<ContentBlock>& blocks) {
  constexpr std::size_t k_article_said_enough = 500;
  std::size_t before = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const bool opens_comments = blocks[i].opens_comments || (blocks[i].kind == BlockKind::heading &&
                                                             is_comments_heading(blocks[i].text));
    if (opens_comments && before >= k_article_said_enough) {
      blocks.resize(i);
      // A heading right before the comments heads what was dropped ("Related articles:" over a
      // cleaned-out list), not text of the article's.
      while (!blocks.empty() && blocks.back().kind == BlockKind::heading) {
        blocks.pop_back();
      }
      return;
    }
    before += blocks[i].text.size();
  }
  // Too early to end the article (a comment count under the headline): a heading marked only
  // by its id or class is still no text of the article's.
  std::erase_if(blocks, [](const ContentBlock& block) { return block.opens_comments; });
}

}  // namespace tracker::extract
