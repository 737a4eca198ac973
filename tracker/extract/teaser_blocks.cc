#include "tracker/extract/teaser_blocks.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "tracker/text/tokens.h"

namespace tracker::extract {
namespace {

// A block that is a link, or nearly: what is not link text is a few bytes of punctuation, a
// bullet or a date.
bool is_link(const ContentBlock& block) {
  return block.link_chars * 10 >= block.text.size() * 9;
}

// The labels of the outlet's own notes, which may link to what they cite: "Update: ...",
// "Ed. note: ...", "Correction: ...", "Image credit: ...". Article text, not teasers.
bool is_note_label(std::string_view label) {
  constexpr std::array<std::string_view, 5> k_note_words = {"note", "update", "correction",
                                                            "clarification", "credit"};
  const std::string lower = text::ascii_lower(label);
  return std::any_of(k_note_words.begin(), k_note_words.end(),
                     [&](std::string_view word) { return lower.find(word) != std::string::npos; });
}

std::size_t spaces(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), ' '));
}

// Where the colon of a short label opening the block stands ("SEE MORE: ...", "Tags: ..."): a
// label of at most three words, not a heading and not the outlet's own note. nullopt otherwise.
std::optional<std::size_t> short_label_colon(const ContentBlock& block) {
  constexpr std::size_t k_max_label_words = 3;
  const std::size_t colon = block.text.find(": ");
  if (block.kind == BlockKind::heading || colon == std::string::npos || colon == 0) {
    return std::nullopt;
  }
  const std::string_view label = std::string_view(block.text).substr(0, colon);
  if (spaces(label) >= k_max_label_words || is_note_label(label)) {
    return std::nullopt;
  }
  return colon;
}

// "SEE MORE: <link>": a short label, then a link to the end of the block that reads as a
// headline (three words or more; a bare address after "Read more here:" is the story's source).
bool is_labelled_link(const ContentBlock& block) {
  constexpr std::size_t k_min_headline_spaces = 2;
  const std::optional<std::size_t> colon = short_label_colon(block);
  if (!colon || block.link_chars == 0 || block.link_chars + *colon + 2 < block.text.size()) {
    return false;  // no label; or the link is not all that follows it
  }
  return spaces(std::string_view(block.text).substr(*colon + 2)) >= k_min_headline_spaces;
}

// "Categories: Politics, Elections, Ohio", "Tags: a | b | c": a short label, then links and
// nothing between them but separators, three links at least. The post's filing, not its text,
// in any language.
bool is_labelled_link_list(const ContentBlock& block) {
  constexpr std::size_t k_min_separators = 2;
  const std::optional<std::size_t> colon = short_label_colon(block);
  if (!colon) {
    return false;
  }
  const std::string_view text = block.text;
  std::size_t separator_chars = 0;
  std::size_t separators = 0;
  for (std::string_view separator : {", ", " | ", " · ", " / "}) {
    for (std::size_t at = text.find(separator, *colon); at != std::string_view::npos;
         at = text.find(separator, at + separator.size())) {
      ++separators;
      separator_chars += separator.size();
    }
  }
  const std::size_t rest = text.size() - *colon - 2;
  return separators >= k_min_separators && block.link_chars + separator_chars >= rest;
}

// A heading that introduces a list: a heading block, or a short line that does not end a
// sentence ("You may also like...", "Related stories").
bool introduces_list(const ContentBlock& block) {
  constexpr std::size_t k_max_heading = 60;
  if (block.text.size() > k_max_heading) {
    return false;
  }
  return block.kind == BlockKind::heading ||
         !(block.text.ends_with(".") && !block.text.ends_with("..."));
}

}  // namespace

void drop_teasers(std::vector<ContentBlock>& blocks) {
  std::erase_if(blocks, [](const ContentBlock& block) {
    return is_labelled_link(block) || is_labelled_link_list(block);
  });
  constexpr std::size_t k_min_run = 3;
  std::size_t run_start = blocks.size();
  while (run_start > 0 && is_link(blocks[run_start - 1])) {
    --run_start;
  }
  if (blocks.size() - run_start < k_min_run || run_start == 0) {
    return;  // a short run, or an article that is nothing but links: left as it is
  }
  if (run_start > 1 && introduces_list(blocks[run_start - 1])) {
    --run_start;
  }
  blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(run_start), blocks.end());
}

}  // namespace tracker::extract
