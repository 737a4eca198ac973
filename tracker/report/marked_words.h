#pragma once

#include <string>
#include <vector>

#include "tracker/diff/word_diff.h"

namespace tracker::report {

// ANSI colours the terminal reports use for removed and added text.
inline constexpr const char* k_red = "\x1b[31m";
inline constexpr const char* k_green = "\x1b[32m";
inline constexpr const char* k_reset = "\x1b[0m";

// A word diff on one line, edits separated by a space: removed words in red and added words in
// green when `color` (a terminal), else as [-removed-] and {+added+}, git's --word-diff marks,
// which survive any medium that carries plain text (pipes, files, email).
inline std::string marked_words(const std::vector<diff::WordEdit>& words, bool color) {
  std::string out;
  for (const diff::WordEdit& edit : words) {
    if (!out.empty()) {
      out += ' ';
    }
    switch (edit.op) {
      case diff::WordEdit::Op::equal:
        out += edit.text;
        break;
      case diff::WordEdit::Op::removed:
        out += color ? std::string(k_red) + "[-" + edit.text + "-]" + k_reset
                     : "[-" + edit.text + "-]";
        break;
      case diff::WordEdit::Op::added:
        out += color ? std::string(k_green) + "{+" + edit.text + "+}" + k_reset
                     : "{+" + edit.text + "+}";
        break;
    }
  }
  return out;
}

}  // namespace tracker::report
