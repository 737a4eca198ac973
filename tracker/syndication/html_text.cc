#include "tracker/syndication/html_text.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "tracker/syndication/entities.h"
#include "tracker/text/whitespace.h"

namespace tracker::syndication {
namespace {

// Tags whose start or end separates words.
constexpr std::array<std::string_view, 30> k_block_tags = {
    "address", "article",    "aside",   "blockquote", "br", "dd",   "div", "dl",
    "dt",      "figcaption", "figure",  "footer",     "h1", "h2",   "h3",  "h4",
    "h5",      "h6",         "header",  "hr",         "li", "main", "nav", "ol",
    "p",       "pre",        "section", "table",      "td", "tr"};

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string lower_tag_name(std::string_view html, std::size_t pos) {
  std::string name;
  while (pos < html.size() && (std::isalnum(static_cast<unsigned char>(html[pos])) != 0)) {
    name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(html[pos]))));
    ++pos;
  }
  return name;
}

// The position just past the '>' ending the tag that starts at `pos`, skipping quoted
// attribute values; html.size() when the tag never ends. As in HTML, a quote opens a value
// only right after '=', so the stray quote of href=http://x/" does not swallow the page.
std::size_t tag_end(std::string_view html, std::size_t pos) {
  char quote = '\0';
  char previous = '\0';  // the last character outside quotes that is not a space
  for (std::size_t i = pos + 1; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != '\0') {
      if (c == quote) {
        quote = '\0';
        previous = c;
      }
      continue;
    }
    if ((c == '"' || c == '\'') && previous == '=') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      previous = c;
    }
  }
  return html.size();
}

std::size_t skip_past(std::string_view html, std::size_t pos, std::string_view terminator) {
  const std::size_t at = html.find(terminator, pos);
  return at == std::string_view::npos ? html.size() : at + terminator.size();
}

// The position of the case-insensitive "</name" closing a raw-text element, or html.size().
std::size_t find_closing(std::string_view html, std::size_t pos, std::string_view name) {
  for (std::size_t at = html.find("</", pos); at != std::string_view::npos;
       at = html.find("</", at + 2)) {
    if (lower_tag_name(html, at + 2) == name) {
      return at;
    }
  }
  return html.size();
}

}  // namespace

bool looks_like_html(std::string_view text) {
  for (std::size_t at = text.find("</"); at != std::string_view::npos;
       at = text.find("</", at + 2)) {
    if (at + 2 < text.size() && is_ascii_alpha(text[at + 2]) &&
        text.find('>', at) != std::string_view::npos) {
      return true;
    }
  }
  for (std::size_t at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    if (read_reference(text, at).kind == ReferenceKind::character) {
      return true;
    }
  }
  return false;
}

std::string html_to_text(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  std::size_t pos = 0;
  while (pos < html.size()) {
    const std::size_t lt = html.find('<', pos);
    const std::size_t stop = lt == std::string_view::npos ? html.size() : lt;
    append_decoded(text, html.substr(pos, stop - pos));
    if (stop == html.size()) {
      break;
    }
    const std::string_view rest = html.substr(lt);
    if (rest.starts_with("<!--")) {
      pos = skip_past(html, lt + 4, "-->");
    } else if (rest.starts_with("<![CDATA[")) {
      const std::size_t end = html.find("]]>", lt + 9);
      const std::size_t content_end = end == std::string_view::npos ? html.size() : end;
      text.append(html.substr(lt + 9, content_end - lt - 9));
      pos = end == std::string_view::npos ? html.size() : end + 3;
    } else if (rest.size() > 1 &&
               (is_ascii_alpha(rest[1]) || rest[1] == '/' || rest[1] == '!' || rest[1] == '?')) {
      const bool closing = rest[1] == '/';
      const std::string name = lower_tag_name(html, lt + (closing ? 2 : 1));
      pos = tag_end(html, lt);
      if (!closing && (name == "script" || name == "style")) {
        pos = skip_past(html, find_closing(html, pos, name), ">");
      }
      if (std::find(k_block_tags.begin(), k_block_tags.end(), name) != k_block_tags.end()) {
        text.push_back(' ');
      }
    } else {
      text.push_back('<');  // "a < b": a '<' that opens no tag is text
      pos = lt + 1;
    }
  }
  return text::collapse_whitespace(text);
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace tracker::syndication
