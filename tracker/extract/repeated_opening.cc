#include "tracker/extract/repeated_opening.h"

#include <cstddef>

namespace tracker::extract {
namespace {

// Shorter blocks (a label, a dateline, "Advertisement") repeat on pages as a matter of course.
constexpr std::size_t k_min_prose_bytes = 80;
// One repeated paragraph may be a pull quote; two in a row are a second copy.
constexpr std::size_t k_min_run = 2;

// How many blocks from `at` on repeat the opening kept so far, block for block.
std::size_t opening_copy_length(const std::vector<ContentBlock>& blocks, std::size_t at,
                                const std::vector<ContentBlock>& kept) {
  std::size_t length = 0;
  while (length < kept.size() && at + length < blocks.size() &&
         blocks[at + length].text.size() >= k_min_prose_bytes &&
         blocks[at + length].text == kept[length].text) {
    ++length;
  }
  return length;
}

}  // namespace

void drop_repeated_opening(std::vector<ContentBlock>& blocks) {
  // A text whose first two paragraphs are the same (filler, a test page's lorem ipsum) has no
  // opening to tell a copy by.
  if (blocks.size() < 2 * k_min_run || blocks[0].text == blocks[1].text) {
    return;
  }
  // One pass into a new vector: erasing in place would cost quadratic time on a hostile page
  // that repeats two paragraphs thousands of times.
  std::vector<ContentBlock> kept;
  kept.reserve(blocks.size());
  std::size_t at = 0;
  while (at < blocks.size()) {
    const std::size_t copy = at == 0 ? 0 : opening_copy_length(blocks, at, kept);
    if (copy >= k_min_run) {
      at += copy;
      continue;
    }
    kept.push_back(std::move(blocks[at]));
    ++at;
  }
  blocks = std::move(kept);
}

}  // namespace tracker::extract
