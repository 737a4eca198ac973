#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/store/records.h"

// The pieces of an Internet message (RFC 5322, MIME RFC 2045-2047) that alerts need. Every
// function returns text with CRLF line ends where it returns lines at all, and never lets a CR,
// LF or other control character from its input reach a header.
namespace tracker::alert::mime {

// RFC 5322 §2.1.1: lines SHOULD be at most 78 characters (without CRLF), MUST be at most 998.
inline constexpr std::size_t k_line_limit = 78;
// RFC 2047 §2: an encoded-word is at most 75 characters.
inline constexpr std::size_t k_encoded_word_limit = 75;
// RFC 2045 §6.7: a quoted-printable line is at most 76 characters.
inline constexpr std::size_t k_qp_line_limit = 76;

// One line of untrusted text (from the web, from the store) made safe to show anywhere:
// invalid UTF-8 replaced with U+FFFD; C0/C1 controls (CR, LF, NUL, ...) and DEL turned into
// spaces; bidirectional overrides dropped (they can make a subject read backwards); whitespace
// collapsed and trimmed.
std::string one_line(std::string_view text);

// `text` (UTF-8) as RFC 2047 "B" encoded-words in UTF-8, each at most `max_length` characters
// (at most k_encoded_word_limit), the first at most `first_max_length`, so it fits the rest of a
// header's first line. A word never ends inside a UTF-8 character: some clients decode each
// word on its own.
std::vector<std::string> encoded_words(std::string_view text, std::size_t first_max_length,
                                       std::size_t max_length = k_encoded_word_limit);

// `bytes` in base64 (RFC 4648, with "=" padding, no line breaks).
std::string base64(std::string_view bytes);

// "Name: value\r\n" for an unstructured field such as Subject, `value` passed through
// one_line. Plain ASCII is folded at spaces; a value that is not ASCII, holds "=?" (which a
// reader would take for an encoded-word) or has a word too long to fold becomes encoded-words.
// Every line is at most k_line_limit characters.
std::string unstructured_field(std::string_view name, std::string_view value);

// "Name: a, b\r\n" (or "a b" with separator " ") for a list of tokens that must not be split,
// such as addresses or message ids; folded between tokens. Tokens must already be clean
// (is_plain_address, is_message_id); one longer than a line makes that line long, never > 998.
std::string token_list_field(std::string_view name, const std::vector<std::string>& tokens,
                             std::string_view separator);

// True for a plain addr-spec ("local@domain") as From and To carry it here: printable ASCII
// without spaces, specials ("<>()[],;:\\ and quotes) or a second "@", something on both sides of
// the "@". Anything else (CR/LF, a display name, angle brackets) is refused rather than
// repaired: stripping "a@b\r\nBcc: c@d" leaves a different, wrong address.
bool is_plain_address(std::string_view address);

// True for a msg-id as References and Message-ID carry it: "<left@right>", printable ASCII
// inside, no spaces or other angle brackets. Refused, not repaired, like addresses.
bool is_message_id(std::string_view id);

// RFC 5322 date-time in UTC: "Thu, 13 Feb 2025 09:30:00 +0000".
std::string date_time(store::UnixSeconds time);

// `text` (lines ending in "\n" or "\r\n") as a quoted-printable body with CRLF line ends and
// lines of at most k_qp_line_limit characters. A UTF-8 character is never split across a soft
// line break. A line may start with "." : libcurl's SMTP upload turns every CRLF "." into
// CRLF ".." (RFC 5321 §4.5.2 transparency; curl's smtp.c, its tests 803 and 901), so the server
// never mistakes it for the end of the data.
std::string quoted_printable(std::string_view text);

// One text part of a multipart message.
struct TextPart {
  std::string subtype;  // "plain", "html"
  std::string text;     // UTF-8, lines ending in "\n"
};

// A multipart body: the value of its Content-Type field and the body after the header section.
struct Multipart {
  std::string content_type;  // multipart/...; boundary="..."
  std::string body;          // CRLF line ends, ending with the close delimiter and CRLF
};

// `parts` as multipart/alternative (simplest first, RFC 2046 §5.1.4), each part
// "text/<subtype>; charset=utf-8" in quoted-printable. The boundary starts with "=_", which
// quoted-printable output can never contain, so it cannot occur in any part.
Multipart multipart_alternative(const std::vector<TextPart>& parts);

}  // namespace tracker::alert::mime
