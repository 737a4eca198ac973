#include "tracker/text/server_text.h"

#include <algorithm>

#include "tracker/text/utf8.h"

namespace tracker::text {
namespace {

// The code point of the well-formed `length`-byte UTF-8 sequence at `at`.
char32_t code_point(std::string_view bytes, std::size_t at, std::size_t length) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[at + i]); };
  if (length == 2) {
    return static_cast<char32_t>(((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F));
  }
  if (length == 3) {
    return static_cast<char32_t>(((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) |
                                 (byte(2) & 0x3F));
  }
  return static_cast<char32_t>(((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) |
                               ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F));
}

// C1 controls, and the characters that reorder the text around them on a terminal or in a
// log viewer (Trojan Source).
bool is_hidden_control(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string server_text(std::string_view text, std::size_t max_bytes) {
  constexpr std::string_view k_replacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 3);  // room for "..."
  std::size_t at = 0;
  while (at < text.size()) {
    if (out.size() >= max_bytes) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80) {
      if (byte == '\t' || byte == '\r' || byte == '\n') {
        out += ' ';
      } else if (byte < 0x20 || byte == 0x7F) {
        out += '?';
      } else {
        out += static_cast<char>(byte);
      }
      ++at;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      out += k_replacement;
      ++at;
    } else if (is_hidden_control(code_point(text, at, length))) {
      out += '?';
      at += length;
    } else {
      out.append(text, at, length);
      at += length;
    }
  }
  return out;
}

}  // namespace tracker::text
