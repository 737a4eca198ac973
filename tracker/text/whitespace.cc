#include "tracker/text/whitespace.h"

namespace tracker::text {
namespace {

enum class CharClass { other, space, zero_width };

// Classifies the character at `text[pos]` and reports its length in `length`.
CharClass classify(std::string_view text, std::size_t pos, std::size_t& length) {
  const auto byte = [&](std::size_t i) {
    return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
  };
  const unsigned char b0 = byte(pos);
  length = 1;
  if (b0 == ' ' || b0 == '\t' || b0 == '\n' || b0 == '\r' || b0 == '\f' || b0 == '\v') {
    return CharClass::space;
  }
  if (b0 == 0xC2 && byte(pos + 1) == 0xA0) {  // U+00A0 no-break space
    length = 2;
    return CharClass::space;
  }
  if (b0 == 0xC2 && byte(pos + 1) == 0xAD) {  // U+00AD soft hyphen: invisible
    length = 2;
    return CharClass::zero_width;
  }
  if (b0 == 0xE2 && byte(pos + 1) == 0x80) {
    const unsigned char b2 = byte(pos + 2);
    length = 3;
    if (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) {  // U+2000..200A, U+2028/9, U+202F
      return CharClass::space;
    }
    if (b2 >= 0x8B && b2 <= 0x8D) {  // U+200B..200D zero-width space and joiners
      return CharClass::zero_width;
    }
    length = 1;
    return CharClass::other;
  }
  if (b0 == 0xE2 && byte(pos + 1) == 0x81 && byte(pos + 2) == 0x9F) {  // U+205F
    length = 3;
    return CharClass::space;
  }
  if (b0 == 0xE3 && byte(pos + 1) == 0x80 && byte(pos + 2) == 0x80) {  // U+3000
    length = 3;
    return CharClass::space;
  }
  if (b0 == 0xEF && byte(pos + 1) == 0xBB && byte(pos + 2) == 0xBF) {  // U+FEFF
    length = 3;
    return CharClass::zero_width;
  }
  return CharClass::other;
}

}  // namespace

void append_collapsed(std::string& out, std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Copy plain runs in one go; only bytes that may start a space need a closer look.
    std::size_t run = pos;
    while (run < text.size()) {
      const auto c = static_cast<unsigned char>(text[run]);
      if (c <= ' ' || c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF) {
        break;
      }
      ++run;
    }
    out.append(text.substr(pos, run - pos));
    pos = run;
    if (pos >= text.size()) {
      break;
    }
    std::size_t length = 1;
    switch (classify(text, pos, length)) {
      case CharClass::space:
        if (!out.empty() && out.back() != ' ') {
          out.push_back(' ');
        }
        break;
      case CharClass::zero_width:
        break;
      case CharClass::other:
        out.append(text.substr(pos, length));
        break;
    }
    pos += length;
  }
}

void trim_trailing_space(std::string& text) {
  if (!text.empty() && text.back() == ' ') {
    text.pop_back();
  }
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_collapsed(out, text);
  trim_trailing_space(out);
  return out;
}

}  // namespace tracker::text
