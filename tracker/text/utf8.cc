#include "tracker/text/utf8.h"

#include <cstdint>
#include <cstring>

namespace tracker::text {

std::size_t utf8_sequence_length(std::string_view bytes, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const std::size_t left = bytes.size() - pos;
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    return 1;
  }
  // Ranges from Unicode Table 3-7 (well-formed UTF-8 byte sequences).
  std::size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) {
      second_min = 0xA0;
    } else if (lead == 0xED) {
      second_max = 0x9F;  // no surrogates
    }
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) {
      second_min = 0x90;
    } else if (lead == 0xF4) {
      second_max = 0x8F;
    }
  } else {
    return 0;
  }
  if (left < length || byte(pos + 1) < second_min || byte(pos + 1) > second_max) {
    return 0;
  }
  for (std::size_t i = 2; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return length;
}

Utf8Scan scan_utf8(std::string_view bytes) {
  Utf8Scan scan;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    // Skip ASCII eight bytes at a time: most of any web page is ASCII markup.
    while (pos + 8 <= bytes.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, bytes.data() + pos, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) {
        break;
      }
      pos += 8;
    }
    if (pos >= bytes.size()) {
      break;
    }
    if (static_cast<unsigned char>(bytes[pos]) < 0x80) {
      ++pos;
      continue;
    }
    scan.has_multibyte = true;
    const std::size_t length = utf8_sequence_length(bytes, pos);
    if (length == 0) {
      scan.valid = false;
      return scan;
    }
    pos += length;
  }
  return scan;
}

bool is_valid_utf8(std::string_view bytes) { return scan_utf8(bytes).valid; }

std::string repair_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::size_t length = utf8_sequence_length(bytes, pos);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++pos;
    } else {
      out.append(bytes.substr(pos, length));
      pos += length;
    }
  }
  return out;
}

std::string truncate_chars(std::string text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const bool starts_char = (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
    if (starts_char && chars++ == max_chars) {
      text.resize(pos);
      text += "\u2026";
      break;
    }
  }
  return text;
}

}  // namespace tracker::text
