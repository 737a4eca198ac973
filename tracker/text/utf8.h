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

// Titles (of feeds, items and pages) past this many characters are cut: no headline comes
// near it, and a hostile one of megabytes would be copied into every mail and report.
constexpr std::size_t k_max_title_chars = 1000;

// `text` (valid UTF-8) cut to at most `max_chars` characters (code points) at a character
// boundary, with "…" appended when anything was cut.
std::string truncate_chars(std::string text, std::size_t max_chars);

}  // namespace tracker::text
