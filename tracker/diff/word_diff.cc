#include "tracker/diff/word_diff.h"

#include <dtl/dtl.hpp>

namespace tracker::diff {
namespace {

void append(std::vector<WordEdit>& edits, WordEdit::Op op, std::string_view word) {
  if (!edits.empty() && edits.back().op == op) {
    edits.back().text += ' ';
    edits.back().text += word;
  } else {
    edits.push_back(WordEdit{op, std::string(word)});
  }
}

}  // namespace

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find(' ', pos), text.size());
    if (end > pos) {
      words.push_back(text.substr(pos, end - pos));
    }
    pos = end + 1;
  }
  return words;
}

std::vector<WordEdit> word_diff(std::string_view old_text, std::string_view new_text) {
  const std::vector<std::string_view> old_words = split_words(old_text);
  const std::vector<std::string_view> new_words = split_words(new_text);
  dtl::Diff<std::string_view, std::vector<std::string_view>> diff(old_words, new_words);
  diff.compose();
  std::vector<WordEdit> edits;
  // dtl lists a replacement as additions and deletions in either order; show removed first.
  std::vector<std::string_view> pending_added;
  for (const auto& [word, info] : diff.getSes().getSequence()) {
    if (info.type == dtl::SES_ADD) {
      pending_added.push_back(word);
      continue;
    }
    if (info.type == dtl::SES_DELETE) {
      append(edits, WordEdit::Op::removed, word);
      continue;
    }
    for (std::string_view added : pending_added) {
      append(edits, WordEdit::Op::added, added);
    }
    pending_added.clear();
    append(edits, WordEdit::Op::equal, word);
  }
  for (std::string_view added : pending_added) {
    append(edits, WordEdit::Op::added, added);
  }
  return edits;
}

}  // namespace tracker::diff
