#include "tracker/text/tokens.h"

namespace tracker::text {
namespace {

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Calls found(begin, size) for each word of `sentence` in order: the one rule of what a token is.
void for_each_token(std::string_view sentence, const auto& found) {
  std::size_t pos = 0;
  while (pos < sentence.size()) {
    if (!is_word_byte(static_cast<unsigned char>(sentence[pos]))) {
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    while (pos < sentence.size()) {
      const auto c = static_cast<unsigned char>(sentence[pos]);
      if (is_word_byte(c)) {
        ++pos;
        continue;
      }
      // An apostrophe or hyphen between two letters stays inside the word.
      const bool joiner = (c == '\'' || c == '-') && pos + 1 < sentence.size() && pos > start &&
                          is_word_byte(static_cast<unsigned char>(sentence[pos + 1]));
      if (!joiner) {
        break;
      }
      ++pos;
    }
    found(start, pos - start);
  }
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = ascii_lower(c);
  }
  return out;
}

std::vector<Token> tokenize(std::string_view sentence) {
  std::vector<Token> tokens;
  for_each_token(sentence, [&](std::size_t begin, std::size_t size) {
    Token token;
    token.text = sentence.substr(begin, size);
    token.begin = begin;
    token.lower = ascii_lower(token.text);
    tokens.push_back(std::move(token));
  });
  return tokens;
}

std::vector<TokenSpan> token_spans(std::string_view sentence) {
  std::vector<TokenSpan> spans;
  for_each_token(sentence, [&](std::size_t begin, std::size_t size) { spans.push_back(TokenSpan{begin, size}); });
  return spans;
}

}  // namespace tracker::text
