#include "tracker/extract/post_metadata.h"

#include <algorithm>
#include <array>
#include <string>

#include "tracker/text/tokens.h"

namespace tracker::extract {
namespace {

using namespace std::string_view_literals;

// Lines that are the engine's, whatever follows them.
constexpr std::array k_always = {"a version of this article appeared"sv, "this entry was posted"sv};
// Lines that file or date the post: the engine's unless they read as a sentence.
constexpr std::array k_filing = {"posted in"sv,   "posted on"sv,   "posted at"sv,
                                 "filed under"sv, "categories:"sv, "category:"sv};
// What only the engine writes into such a line: a separator, a permalink, a comments link.
constexpr std::array k_engine_marks = {"|"sv, "\u00b7"sv, "\u2022"sv, "permalink"sv, "comment"sv};

bool has_engine_mark(std::string_view lower) {
  return std::any_of(k_engine_marks.begin(), k_engine_marks.end(), [&](std::string_view mark) {
    return lower.find(mark) != std::string_view::npos;
  });
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

}  // namespace

bool is_post_metadata(const ContentBlock& block) {
  constexpr std::size_t k_max_line = 300;
  if (block.text.size() > k_max_line) {
    return false;
  }
  const std::string lower = text::ascii_lower(block.text);
  if (opens_with_any(lower, k_always)) {
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
