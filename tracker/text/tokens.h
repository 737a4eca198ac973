#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tracker::text {

// One word of a sentence: a run of letters, digits and inner apostrophes or hyphens
// ("Korea's", "cross-border", "10,000" is three tokens: digits are split at punctuation).
struct Token {
  std::string_view text;  // as written, a view into the sentence
  std::size_t begin = 0;  // byte offset in the sentence
  std::string lower;      // lower-cased (ASCII letters only; other scripts kept as written)
};

// The words of `sentence` in order. Letters are ASCII or any multi-byte UTF-8 character, so
// non-Latin scripts form words too.
std::vector<Token> tokenize(std::string_view sentence);

// Where tokenize's tokens are, without their lower-case copies: for a caller that lower-cases
// the whole sentence once (ASCII lower-casing keeps byte offsets) and reads them many times.
struct TokenSpan {
  std::size_t begin = 0;  // byte offset in the sentence
  std::size_t size = 0;   // bytes
};
std::vector<TokenSpan> token_spans(std::string_view sentence);

// ASCII lower-casing; multi-byte characters are copied unchanged.
std::string ascii_lower(std::string_view text);
// The word without a trailing possessive "'s": "Ukraine's" and "Ukraine" name one thing.
constexpr std::string_view without_possessive(std::string_view word) {
  return word.ends_with("'s") ? word.substr(0, word.size() - 2) : word;
}

constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace tracker::text
