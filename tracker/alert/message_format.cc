#include "tracker/alert/message_format.h"

#include <algorithm>

#include "tracker/report/html_escape.h"

namespace tracker::alert {
namespace {

constexpr std::string_view k_ellipsis = "\u2026";

// Byte offset of the `n`th code point of valid UTF-8 `text` (its size when there are fewer).
std::size_t offset_of(std::string_view text, std::size_t n) {
  std::size_t pos = 0;
  for (std::size_t seen = 0; pos < text.size(); ++pos) {
    if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80 && seen++ == n) {
      return pos;
    }
  }
  return text.size();
}

}  // namespace

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string clip_end(std::string_view text, std::size_t limit) {
  if (code_points(text) <= limit) {
    return std::string(text);
  }
  std::string_view head = text.substr(0, offset_of(text, limit - 1));
  const std::size_t space = head.rfind(' ');
  if (space != std::string_view::npos && space > head.size() * 2 / 3) {
    head = head.substr(0, space);
  }
  while (!head.empty() && head.back() == ' ') {
    head.remove_suffix(1);
  }
  return std::string(head) + std::string(k_ellipsis);
}

std::string clip_middle(std::string_view text, std::size_t limit) {
  const std::size_t total = code_points(text);
  if (total <= limit) {
    return std::string(text);
  }
  const std::size_t half = (limit - 3) / 2;
  std::string_view head = text.substr(0, offset_of(text, half));
  std::string_view tail = text.substr(offset_of(text, total - half));
  if (const std::size_t space = head.rfind(' '); space != std::string_view::npos && space > 0) {
    head = head.substr(0, space);
  }
  if (const std::size_t space = tail.find(' '); space != std::string_view::npos) {
    tail = tail.substr(space + 1);
  }
  return std::string(head) + " " + std::string(k_ellipsis) + " " + std::string(tail);
}

bool is_web_link(std::string_view url) {
  const auto starts = [&](std::string_view scheme) {
    return url.size() > scheme.size() &&
           std::equal(scheme.begin(), scheme.end(), url.begin(), [](char a, char b) {
             return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
           });
  };
  return (starts("http://") || starts("https://")) && url.find(' ') == std::string_view::npos;
}

std::string element(std::string_view tag, std::string_view style, std::string_view inner) {
  std::string out = "<";
  out.append(tag).append(" style=\"").append(style).append("\">").append(inner);
  return out.append("</").append(tag).append(">");
}

std::string ascii_upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  });
  return text;
}

std::string text_document_heading(const std::string& title, const std::string& source,
                                  const std::string& url) {
  return "\n\n" + title + "\nSource: " + source + "\n" + (url.empty() ? "" : "Link: " + url + "\n");
}

std::string html_document_heading(const std::string& title, const std::string& source,
                                  const std::string& url) {
  const std::string shown_title = report::html_escape(title);
  const std::string shown_url = report::html_escape(url);
  return element("h2", "font-size:18px;margin:24px 0 2px",
                 is_web_link(url) ? "<a href=\"" + shown_url + "\" style=\"color:#1a4f8a\">" +
                                        shown_title + "</a>"
                                  : shown_title) +
         "\n" +
         element(
             "p", k_meta_style,
             report::html_escape(source) + (shown_url.empty() ? "" : " &middot; " + shown_url)) +
         "\n";
}

std::string html_page(const std::string& subject, const std::string& body,
                      const std::string& footer) {
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
         report::html_escape(subject) + "</title></head>\n" +
         element("body", k_body_style,
                 body +
                     element("p", std::string(k_meta_style) + ";margin-top:24px",
                             report::html_escape(footer)) +
                     "\n") +
         "</html>\n";
}

}  // namespace tracker::alert
