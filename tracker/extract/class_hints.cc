#include "tracker/extract/class_hints.h"

#include <array>
#include <string>

namespace tracker::extract {
namespace {

// Substrings of a lower-cased "class id" string.
constexpr std::array<std::string_view, 10> k_positive = {
    "article", "body", "content", "entry", "h-entry", "main", "page", "post", "text", "story"};

constexpr std::array<std::string_view, 25> k_negative = {
    "-ad-",    "hidden",   "banner",  "combx",   "comment", "com-",       "contact",
    "footer",  "gdpr",     "masthead", "media",  "meta",    "outbrain",   "promo",
    "related", "scroll",   "share",   "shoutbox", "sidebar", "skyscraper", "sponsor",
    "shopping", "tags",    "widget",  "taboola"};

constexpr std::array<std::string_view, 33> k_unlikely = {
    "-ad-",      "ad-break", "agegate", "ai2html",  "banner",   "breadcrumb", "combx",
    "comment",   "community", "cover-wrap", "disqus", "extra",  "footer",     "gdpr",
    "header",    "legends",  "menu",    "related",  "remark",   "replies",    "rss",
    "shoutbox",  "sidebar",  "skyscraper", "social", "sponsor", "supplemental", "pagination",
    "pager",     "popup",    "yom-remote", "navbar", "masthead"};

constexpr std::array<std::string_view, 7> k_maybe_content = {
    "article", "body", "column", "content", "main", "shadow", "story"};

constexpr std::array<std::string_view, 39> k_boilerplate = {
    "share",       "sharing",     "social",      "related",      "newsletter", "comment",
    "cookie",      "consent",     "gdpr",        "advert",       "adslot",     "ad-slot",
    "ad-container", "ad-wrapper", "ad-unit",     "dfp-",         "promo",      "recommend",
    "most-read",   "mostread",    "most-popular", "mostpopular", "popular-",   "trending",
    "outbrain",    "taboola",     "subscribe",   "signup",       "sign-up",    "sidebar",
    "breadcrumb",  "more-stories", "also-read",  "next-article",
    "tag-list",    "taglist",     "author-bio",  "disqus",       "paywall-"};

constexpr std::array<std::string_view, 6> k_invisible = {
    "sr-only", "visually-hidden", "visuallyhidden", "screen-reader", "skip-link", "element-invisible"};

// Whole words, compared after splitting on '-', '_' and spaces: too short to search as substrings.
constexpr std::array<std::string_view, 9> k_boilerplate_words = {
    "ad", "ads", "nav", "tags", "byline", "caption", "credit", "credits", "hid"};

constexpr std::array<std::string_view, 17> k_article_body = {
    "article-body", "articlebody",  "article__body", "article_body", "story-body",
    "storybody",    "story__body",  "entry-content", "post-content", "article-content",
    "articlecontent", "story-content", "post-body",  "postbody",     "body-text",
    "article-text", "articletext"};

template <std::size_t N>
bool contains_any(std::string_view haystack, const std::array<std::string_view, N>& needles) {
  for (std::string_view needle : needles) {
    if (haystack.find(needle) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

bool has_word(std::string_view s, std::string_view word) {
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = start;
    while (end < s.size() && s[end] != ' ' && s[end] != '-' && s[end] != '_') {
      ++end;
    }
    if (s.substr(start, end - start) == word) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

void append_lower(std::string& out, std::string_view s) {
  for (char c : s) {
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
}

int weight_of(std::string_view lowered) {
  if (lowered.empty()) {
    return 0;
  }
  int weight = 0;
  if (contains_any(lowered, k_negative)) {
    weight -= 25;
  }
  if (contains_any(lowered, k_positive)) {
    weight += 25;
  }
  return weight;
}

}  // namespace

ClassHints class_hints(std::string_view class_attr, std::string_view id_attr) {
  ClassHints hints;
  if (class_attr.empty() && id_attr.empty()) {
    return hints;
  }
  std::string lowered_class;
  append_lower(lowered_class, class_attr);
  std::string lowered_id;
  append_lower(lowered_id, id_attr);
  hints.weight = weight_of(lowered_class) + weight_of(lowered_id);

  const std::string both = lowered_class + ' ' + lowered_id;
  hints.unlikely = contains_any(both, k_unlikely) && !contains_any(both, k_maybe_content);
  hints.invisible = contains_any(both, k_invisible);
  hints.boilerplate = hints.invisible || contains_any(both, k_boilerplate);
  if (!hints.boilerplate) {
    for (std::string_view word : k_boilerplate_words) {
      if (has_word(both, word)) {
        hints.boilerplate = true;
        break;
      }
    }
  }
  return hints;
}

bool names_article_body(std::string_view class_attr, std::string_view id_attr) {
  std::string both;
  append_lower(both, class_attr);
  both.push_back(' ');
  append_lower(both, id_attr);
  return contains_any(both, k_article_body);
}

}  // namespace tracker::extract
