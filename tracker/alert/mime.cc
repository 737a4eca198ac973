#include "tracker/alert/mime.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>

#include "tracker/text/utf8.h"
#include "tracker/text/whitespace.h"

namespace tracker::alert::mime {
namespace {

constexpr std::string_view k_crlf = "\r\n";
// A token longer than this is cut, so even a line holding only it stays under 998 characters.
constexpr std::size_t k_token_limit = 900;

unsigned char byte_at(std::string_view text, std::size_t pos) {
  return static_cast<unsigned char>(text[pos]);
}

bool is_continuation(std::string_view text, std::size_t pos) {
  return pos < text.size() && (byte_at(text, pos) & 0xC0) == 0x80;
}

// Folds `words` after "Name: " at single spaces; false when some word cannot fit a line.
bool fold_words(std::string& out, const std::vector<std::string_view>& words, std::size_t used) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::size_t with_space = used + (i == 0 ? 0 : 1) + words[i].size();
    if (i > 0 && with_space > k_line_limit) {
      out += k_crlf;
      used = 0;  // the space that follows CRLF begins the continuation line
    }
    if (i > 0) {
      out += ' ';
      ++used;
    }
    out += words[i];
    used += words[i].size();
    if (used > k_line_limit) {
      return false;
    }
  }
  return true;
}

std::vector<std::string_view> split_spaces(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t space = text.find(' ', start);
    const std::size_t end = space == std::string_view::npos ? text.size() : space;
    words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

char hex_digit(unsigned value) {
  return "0123456789ABCDEF"[value & 0xF];
}

// The quoted-printable tokens of one line: each literal character, "=XX", or the escapes of
// one whole UTF-8 character (kept together so no soft break falls inside it).
std::vector<std::string> qp_tokens(std::string_view line) {
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < line.size();) {
    const unsigned char c = byte_at(line, i);
    const bool last = i + 1 == line.size();
    const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
    if (literal) {
      tokens.emplace_back(1, static_cast<char>(c));
      ++i;
      continue;
    }
    std::size_t length = c >= 0x80 ? text::utf8_sequence_length(line, i) : 1;
    length = length == 0 ? 1 : length;
    std::string token;
    for (std::size_t k = 0; k < length; ++k) {
      const unsigned value = byte_at(line, i + k);
      token += '=';
      token += hex_digit(value >> 4);
      token += hex_digit(value);
    }
    tokens.push_back(std::move(token));
    i += length;
  }
  return tokens;
}

// FNV-1a: a stable, dependency-free fingerprint that makes boundaries differ between messages.
std::uint64_t fingerprint(std::string_view text, std::uint64_t hash) {
  for (char c : text) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return hash;
}

}  // namespace

std::string base64(std::string_view bytes) {
  static constexpr std::string_view k_alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = static_cast<std::uint32_t>(byte_at(bytes, i)) << 16;
    if (n > 1) {
      group |= static_cast<std::uint32_t>(byte_at(bytes, i + 1)) << 8;
    }
    if (n > 2) {
      group |= byte_at(bytes, i + 2);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      out += k <= n ? k_alphabet[(group >> (18 - 6 * k)) & 0x3F] : '=';
    }
  }
  return out;
}

std::string one_line(std::string_view text) {
  const std::string valid = text::repair_utf8(text);
  std::string spaced;
  spaced.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const unsigned char c = byte_at(valid, i);
    const unsigned char next = i + 1 < valid.size() ? byte_at(valid, i + 1) : 0;
    const unsigned char third = i + 2 < valid.size() ? byte_at(valid, i + 2) : 0;
    if (c < 0x20 || c == 0x7F) {
      spaced += ' ';
    } else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {  // C1 controls U+0080..U+009F
      spaced += ' ';
      i += 1;
    } else if (c == 0xE2 && ((next == 0x80 && third >= 0xAA && third <= 0xAE) ||
                             (next == 0x81 && third >= 0xA6 && third <= 0xA9))) {
      i += 2;  // U+202A..U+202E embeddings and overrides, U+2066..U+2069 isolates
    } else {
      spaced += static_cast<char>(c);
    }
  }
  return text::collapse_whitespace(spaced);
}

std::vector<std::string> encoded_words(std::string_view text, std::size_t first_max_length,
                                       std::size_t max_length) {
  constexpr std::string_view k_prefix = "=?utf-8?B?";
  constexpr std::string_view k_suffix = "?=";
  constexpr std::size_t k_overhead = k_prefix.size() + k_suffix.size();
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t limit =
        std::min(words.empty() ? first_max_length : max_length, k_encoded_word_limit);
    // Four base64 characters carry three bytes.
    const std::size_t room = limit >= k_overhead + 4 ? (limit - k_overhead) / 4 * 3 : 3;
    std::size_t end = std::min(text.size(), pos + room);
    while (end > pos && is_continuation(text, end)) {
      --end;
    }
    if (end == pos) {  // no room for even this character: let the word run long rather than cut it
      end = pos + 1;
      while (is_continuation(text, end)) {
        ++end;
      }
    }
    words.push_back(std::string(k_prefix) + base64(text.substr(pos, end - pos)) +
                    std::string(k_suffix));
    pos = end;
  }
  return words;
}

std::string unstructured_field(std::string_view name, std::string_view value) {
  const std::string clean = one_line(value);
  std::string out(name);
  out += ": ";
  const std::size_t used = out.size();
  const bool ascii = !text::scan_utf8(clean).has_multibyte;
  if (ascii && clean.find("=?") == std::string::npos) {
    std::string folded = out;
    if (fold_words(folded, split_spaces(clean), used)) {
      return folded + std::string(k_crlf);
    }
  }
  // Encoded-words carry the spaces themselves: the folding white space between them is dropped
  // when the field is decoded (RFC 2047 §6.2).
  const std::vector<std::string> words = encoded_words(clean, k_line_limit - used);
  for (std::size_t i = 0; i < words.size(); ++i) {
    out += i == 0 ? "" : "\r\n ";
    out += words[i];
  }
  return out + std::string(k_crlf);
}

std::string token_list_field(std::string_view name, const std::vector<std::string>& tokens,
                             std::string_view separator) {
  std::string out(name);
  out += ": ";
  std::size_t used = out.size();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view token = std::string_view(tokens[i]).substr(0, k_token_limit);
    if (i > 0) {
      out += separator;
      used += separator.size();
      if (separator.back() == ' ') {  // fold at the separator's space
        out.pop_back();
        used -= 1;
      }
      if (used + 1 + token.size() > k_line_limit) {
        out += k_crlf;
        used = 0;
      }
      out += ' ';
      used += 1;
    }
    out += token;
    used += token.size();
  }
  return out + std::string(k_crlf);
}

bool is_plain_address(std::string_view address) {
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string_view::npos || address.size() > k_token_limit) {
    return false;
  }
  return std::all_of(address.begin(), address.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F &&
           std::string_view("<>()[],;:\\\"").find(c) == std::string_view::npos;
  });
}

bool is_message_id(std::string_view id) {
  if (id.size() < 5 || id.size() > k_token_limit || id.front() != '<' || id.back() != '>') {
    return false;
  }
  const std::string_view inner = id.substr(1, id.size() - 2);
  const std::size_t at = inner.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < inner.size() &&
         std::all_of(inner.begin(), inner.end(), [](char c) {
           const auto u = static_cast<unsigned char>(c);
           return u > 0x20 && u < 0x7F && c != '<' && c != '>';
         });
}

std::string date_time(store::UnixSeconds time) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> k_weekdays = {"Sun", "Mon", "Tue", "Wed",
                                                            "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> k_months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const sys_seconds point{seconds{time}};
  const sys_days day = floor<days>(point);
  const year_month_day date{day};
  const hh_mm_ss clock{point - day};
  std::array<char, 64> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%s, %u %s %d %02d:%02d:%02d +0000",
                k_weekdays[weekday{day}.c_encoding()], static_cast<unsigned>(date.day()),
                k_months[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer.data();
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const bool has_break = end != std::string_view::npos;
    end = has_break ? end : text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    const std::vector<std::string> tokens = qp_tokens(line);
    std::size_t used = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      // A soft break "=" takes one column, except after the line's last token.
      const std::size_t limit = i + 1 == tokens.size() ? k_qp_line_limit : k_qp_line_limit - 1;
      if (used > 0 && used + tokens[i].size() > limit) {
        out += "=\r\n";
        used = 0;
      }
      out += tokens[i];
      used += tokens[i].size();
    }
    if (has_break) {
      out += k_crlf;
    }
    start = end + 1;
  }
  return out;
}

Multipart multipart_alternative(const std::vector<TextPart>& parts) {
  std::vector<std::string> encoded;
  std::uint64_t hash = 14695981039346656037ULL;
  for (const TextPart& part : parts) {
    encoded.push_back(quoted_printable(part.text));
    hash = fingerprint(encoded.back(), hash);
  }
  std::string boundary;
  for (unsigned attempt = 0;; ++attempt) {
    std::array<char, 48> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "=_tracker_%016llx_%u",
                  static_cast<unsigned long long>(hash), attempt);
    boundary = buffer.data();
    bool found = false;
    for (const std::string& body : encoded) {
      found = found || body.find(boundary) != std::string::npos;
    }
    if (!found) {  // always true at once for quoted-printable; checked so it stays true
      break;
    }
  }
  Multipart out;
  out.content_type = "multipart/alternative; boundary=\"" + boundary + "\"";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out.body += "--" + boundary + "\r\n";
    out.body += "Content-Type: text/" + parts[i].subtype + "; charset=utf-8\r\n";
    out.body += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    out.body += encoded[i];
    if (!encoded[i].empty() && !encoded[i].ends_with("\r\n")) {
      out.body += k_crlf;  // the CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1)
    }
  }
  out.body += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace tracker::alert::mime
