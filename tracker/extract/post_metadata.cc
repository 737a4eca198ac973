#include "tracker/extract/post_metadata.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/extract/comments_heading.h"
#include "tracker/text/page_age.h"
#include "tracker/text/tokens.h"

namespace tracker::extract {
namespace {

using namespace std::string_view_literals;

// Lines that are the engine's, whatever follows them.
constexpr std::array k_always = {"a version of this article appeared"sv,
                                 "this entry was posted"sv,
                                 "listed below are links to weblogs"sv,
                                 "subscribe to comments on this"sv,
                                 "trackback url"sv,
                                 "trackback trackback url"sv};
// Lines that file or date the post: the engine's unless they read as a sentence.
constexpr std::array k_filing = {"posted in"sv,    "posted on"sv,    "posted at"sv,
                                 "filed under"sv,  "categories:"sv,  "category:"sv,
                                 "published on"sv, "published at"sv, "published:"sv,
                                 "updated on"sv,   "updated at"sv,   "last updated"sv};
// The separators an engine strings a post's date, author and categories with.
constexpr std::array k_separators = {"|"sv, "\u00b7"sv, "\u2022"sv};
// What only the engine writes into such a line: a separator, a permalink, a comments link.
constexpr std::array k_other_engine_marks = {"permalink"sv, "comment"sv};

bool holds_any(std::string_view lower, const auto& marks) {
  return std::any_of(marks.begin(), marks.end(), [&](std::string_view mark) {
    return lower.find(mark) != std::string_view::npos;
  });
}

bool has_engine_mark(std::string_view lower) {
  return holds_any(lower, k_separators) || holds_any(lower, k_other_engine_marks);
}

// Whole words: "posted in" opens "Posted in: News", not "Posted indefinitely".
bool opens_with_any(std::string_view lower, const auto& openings) {
  return std::any_of(openings.begin(), openings.end(), [&](std::string_view opening) {
    if (!lower.starts_with(opening)) {
      return false;
    }
    const std::string_view rest = lower.substr(opening.size());
    return opening.ends_with(':') || rest.empty() || rest.front() == ' ' || rest.front() == ':';
  });
}

// Comments in other languages in the singular, as a count of one names them ("1 Kommentar",
// "1 commento"), and Polish's plural after five; the plurals are the comments heading's words
// (names_the_comments).
constexpr std::array k_other_counted = {"kommentar"sv,   "comentario"sv, "comentário"sv,
                                        "commentaire"sv, "commento"sv,   "reactie"sv,
                                        "komentarz"sv,   "komentarzy"sv};

// The count of a post's comments, a link that changes whenever a reader writes: "53 Comments »",
// "No Comments", "1 Response", "12 Responses to “A title”", "12 thoughts on “A title”",
// "Comments (12)", and in other languages "12 Kommentare", "Kommentare (3)", "5 comentarios".
// Not "12 responses to the survey came ...".
bool is_comment_count(std::string_view lower) {
  constexpr std::string_view k_raquo = "\u00bb";
  while (lower.ends_with(k_raquo) || lower.ends_with(' ')) {
    lower.remove_suffix(lower.ends_with(' ') ? 1 : k_raquo.size());
  }
  const auto is_count = [](std::string_view word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) || c == ',';
    });
  };
  // The comments' name, then the count in brackets: "Comments (12)", "Kommentare (3)".
  if (const std::size_t open = lower.find(" ("); open != std::string_view::npos &&
                                                 lower.ends_with(')') &&
                                                 names_the_comments(lower.substr(0, open))) {
    return is_count(lower.substr(open + 2, lower.size() - open - 3));
  }
  const std::size_t first_space = lower.find(' ');
  if (first_space == std::string_view::npos || lower.ends_with('.')) {
    return false;
  }
  const std::string_view count = lower.substr(0, first_space);
  std::string_view rest = lower.substr(first_space + 1);
  const std::size_t second_space = rest.find(' ');
  const std::string_view counted = rest.substr(0, second_space);
  const std::string_view tail =
      second_space == std::string_view::npos ? "" : rest.substr(second_space + 1);
  constexpr std::array k_counted = {"comment"sv,   "comments"sv, "response"sv,
                                    "responses"sv, "reply"sv,    "replies"sv};
  const auto quoted_title = [&](std::string_view preposition) {
    return tail.starts_with(preposition) &&
           (tail.substr(preposition.size()).starts_with("\u201c") ||
            tail.substr(preposition.size()).starts_with('"'));
  };
  // "No comment" without a plural is an answer someone gave, not a count.
  if (!((count == "no" && counted.ends_with('s')) || count == "one" || is_count(count))) {
    return false;
  }
  if (counted == "thoughts") {
    return quoted_title("on ");  // WordPress: "12 thoughts on “A title”"
  }
  const bool names_comments_elsewhere =
      names_the_comments(counted) ||
      std::find(k_other_counted.begin(), k_other_counted.end(), counted) != k_other_counted.end();
  if (tail.empty() && names_comments_elsewhere) {
    return true;  // "12 Kommentare", "5 comentarios"
  }
  return std::find(k_counted.begin(), k_counted.end(), counted) != k_counted.end() &&
         (tail.empty() || quoted_title("to "));
}

// A blog engine's links to the entries before and after: "« Older title | Main | Newer title »".
// Its guillemets are arrows, each alone on its side of a separator, where a paragraph quoted in
// French guillemets closes what it opens ("« Nous ne céderons pas », a dit le ministre").
bool is_entry_navigation(std::string_view lower) {
  constexpr std::string_view k_laquo = "\u00ab";
  constexpr std::string_view k_raquo = "\u00bb";
  const std::size_t first_bar = lower.find(" | ");
  if (first_bar == std::string_view::npos) {
    return false;
  }
  const std::string_view before = lower.substr(0, first_bar);
  const std::string_view after = lower.substr(lower.rfind(" | ") + 3);
  return (before.starts_with(k_laquo) && before.find(k_raquo) == std::string_view::npos) ||
         (after.ends_with(k_raquo) && after.find(k_laquo) == std::string_view::npos);
}

// A pager of the engine's own words and nothing else: Blogger's "Newer Post Older Post Home",
// "« Previous Post | Next Post »".
bool is_pager(std::string_view lower) {
  constexpr std::size_t k_max_pager = 60;
  if (lower.size() > k_max_pager ||
      (lower.find("post") == std::string_view::npos && lower.find("entry") == std::string_view::npos)) {
    return false;  // most blocks: no need to read the words
  }
  constexpr std::array k_pager_words = {"newer"sv, "older"sv, "previous"sv, "next"sv,
                                        "post"sv,  "posts"sv, "entry"sv,    "home"sv};
  const std::vector<text::Token> words = text::tokenize(lower);
  const bool names_posts = std::any_of(words.begin(), words.end(), [](const text::Token& word) {
    return word.lower == "post" || word.lower == "posts" || word.lower == "entry";
  });
  return names_posts && words.size() >= 2 &&
         std::all_of(words.begin(), words.end(), [&](const text::Token& word) {
           return std::find(k_pager_words.begin(), k_pager_words.end(), word.lower) !=
                  k_pager_words.end();
         });
}

// The engine's line under a post that links to the post itself: "Permalink" alone, or beside
// the date, the author or the categories in a row of separators ("October 17, 2012 |
// Permalink", "11/09/2012 in Crafts, Family | Permalink", "Todd Hoff | | Permalink | Share").
bool is_permalink_line(std::string_view lower) {
  if (lower.find("permalink") == std::string_view::npos) {
    return false;
  }
  return text::tokenize(lower).size() == 1 || holds_any(lower, k_separators);
}

}  // namespace

bool is_post_metadata(const ContentBlock& block) {
  constexpr std::size_t k_max_line = 300;
  if (block.text.size() > k_max_line) {
    return false;
  }
  const std::string lower = text::ascii_lower(block.text);
  if (opens_with_any(lower, k_always) || is_comment_count(lower) || is_entry_navigation(lower) ||
      is_pager(lower)) {
    return true;
  }
  // "Published 6 hours ago", "Aktualisiert vor 3 Minuten": the page's age when it was
  // fetched, which changes on every fetch and states nothing.
  if (text::is_age_line(block.text)) {
    return true;
  }
  if (is_permalink_line(lower)) {
    return true;
  }
  if (opens_with_any(lower, k_filing)) {
    return !lower.ends_with(".") || has_engine_mark(lower);
  }
  if (lower.starts_with("posted by")) {
    return lower.find("permalink") != std::string::npos ||
           lower.find("comment") != std::string::npos;
  }
  return false;
}

void drop_post_metadata(std::vector<ContentBlock>& blocks) {
  std::erase_if(blocks, is_post_metadata);
}

}  // namespace tracker::extract
