#pragma once

#include <string>
#include <string_view>

namespace tracker::text {

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

struct Utf8Scan {
  bool valid = true;          // well-formed UTF-8 throughout
  bool has_multibyte = false;  // any byte >= 0x80
};

// Both facts about `bytes` in one pass.
Utf8Scan scan_utf8(std::string_view bytes);

// Copies `bytes`, replacing each ill-formed sequence with U+FFFD, so the result is valid UTF-8.
std::string repair_utf8(std::string_view bytes);

// Length in bytes of the well-formed UTF-8 sequence starting at `bytes[pos]`, or 0 if ill-formed.
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t pos);

}  // namespace tracker::text
