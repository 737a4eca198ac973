#include "tracker/cli/toml_text.h"

#include <spdlog/fmt/fmt.h>
#include <toml++/toml.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <optional>
#include <utf8proc.h>
#include <sstream>

namespace tracker::cli {

std::string toml_string(const std::string& text) {
  std::ostringstream out;
  out << toml::value<std::string>(text);
  return out.str();
}

std::string quoted_line(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\u{:04X}", byte);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

namespace {

// `text` with accents and other combining marks taken off and compatibility forms folded
// ("À la une" -> "A la une", "ﬁ" -> "fi", "ß" -> "ss"), so that a name keeps its letters;
// nullopt for text that is not valid UTF-8.
std::optional<std::string> without_marks(std::string_view text) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  if (length < 0) {
    return std::nullopt;
  }
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

}  // namespace

std::string slug(std::string_view title) {
  const std::optional<std::string> plain = without_marks(title);
  std::string out;
  for (const char c : plain ? std::string_view(*plain) : title) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 && byte < 0x80) {
      out += static_cast<char>(std::tolower(byte));
    } else if (byte < 0x80 && !out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') {
    out.pop_back();
  }
  if (out.size() > 60) {
    out.resize(60);
    while (!out.empty() && out.back() == '-') {
      out.pop_back();
    }
  }
  return out.empty() ? "feed" : out;
}

}  // namespace tracker::cli
