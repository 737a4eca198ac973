#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tracker::diff {

// A run of words kept, removed or added between two sentences.
struct WordEdit {
  enum class Op { equal, removed, added };
  Op op = Op::equal;
  std::string text;  // the words, space-separated, punctuation attached as written
};

// The space-separated words of `text`, as word_diff compares them.
std::vector<std::string_view> split_words(std::string_view text);

// The word-level diff of two normalised sentences (split at spaces), with adjacent words of
// the same kind merged into one edit.
std::vector<WordEdit> word_diff(std::string_view old_text, std::string_view new_text);

}  // namespace tracker::diff
