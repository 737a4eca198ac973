#include "tracker/extract/attribute_scan.h"

#include "tracker/text/tokens.h"

namespace tracker::extract {
namespace {

// libxml2's IS_BLANK_CH.
bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// What libxml2 allows in an HTML element name after its first letter.
bool is_name_char(char c) {
  return is_ascii_letter(c) || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' || c == '.';
}

class TagScanner {
 public:
  TagScanner(std::string_view text, std::size_t limit) : m_text(text), m_limit(limit) {}

  std::optional<CrowdedTag> run() {
    while (m_at < m_text.size()) {
      const std::size_t open = m_text.find('<', m_at);
      if (open == std::string_view::npos) {
        break;
      }
      m_at = open + 1;
      if (m_at >= m_text.size() || !is_ascii_letter(m_text[m_at])) {
        continue;  // an end tag, a comment, a declaration or a stray '<': no attributes
      }
      std::string name;
      while (m_at < m_text.size() && is_name_char(m_text[m_at])) {
        name += text::ascii_lower(m_text[m_at++]);
      }
      const std::size_t attributes = read_attributes();
      if (attributes > m_limit) {
        return CrowdedTag{std::move(name), open};
      }
      if (m_closed && (name == "script" || name == "style")) {
        skip_raw_text(name);
      }
    }
    return std::nullopt;
  }

 private:
  bool at(char c) const { return m_at < m_text.size() && m_text[m_at] == c; }
  void skip_blanks() {
    while (m_at < m_text.size() && is_blank(m_text[m_at])) {
      ++m_at;
    }
  }

  // Counts the attributes up to the end of the tag and moves past it. libxml2 ends a tag at
  // '>' or "/>" outside quotes, and at a NUL byte, after which it reads on as content.
  std::size_t read_attributes() {
    std::size_t count = 0;
    m_closed = false;
    for (skip_blanks(); m_at < m_text.size(); skip_blanks()) {
      const char c = m_text[m_at];
      if (c == '\0') {
        return count;
      }
      if (c == '>' || (c == '/' && m_at + 1 < m_text.size() && m_text[m_at + 1] == '>')) {
        m_closed = c == '>';
        m_at += c == '>' ? 1 : 2;
        return count;
      }
      ++count;  // a name, or a bogus run of characters that libxml2 skips
      while (m_at < m_text.size() && !is_blank(m_text[m_at]) && !at('=') && !at('>') &&
             !at('\0') && !(at('/') && m_at + 1 < m_text.size() && m_text[m_at + 1] == '>')) {
        ++m_at;
      }
      skip_blanks();
      if (!at('=')) {
        continue;
      }
      ++m_at;
      skip_blanks();
      if (at('"') || at('\'')) {
        const char quote = m_text[m_at++];
        while (m_at < m_text.size() && m_text[m_at] != quote && m_text[m_at] != '\0') {
          ++m_at;
        }
        m_at += at(quote) ? 1 : 0;
      } else {
        while (m_at < m_text.size() && !is_blank(m_text[m_at]) && !at('>') && !at('\0')) {
          ++m_at;
        }
      }
    }
    return count;
  }

  // Moves past the raw text of a <script> or <style>: up to "</" and its name in any case,
  // where libxml2's recovering parser ends it, or to the end of the page.
  void skip_raw_text(const std::string& name) {
    for (std::size_t close = m_text.find("</", m_at); close != std::string_view::npos;
         close = m_text.find("</", close + 2)) {
      bool same = close + 2 + name.size() <= m_text.size();
      for (std::size_t i = 0; same && i < name.size(); ++i) {
        same = text::ascii_lower(m_text[close + 2 + i]) == name[i];
      }
      if (same) {
        m_at = close;
        return;
      }
    }
    m_at = m_text.size();
  }

  std::string_view m_text;
  std::size_t m_limit;
  std::size_t m_at = 0;
  bool m_closed = false;  // the last tag ended with '>' rather than "/>" or a NUL
};

}  // namespace

std::optional<CrowdedTag> find_crowded_tag(std::string_view text, std::size_t limit) {
  return TagScanner(text, limit).run();
}

}  // namespace tracker::extract
