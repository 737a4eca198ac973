#pragma once

#include <string_view>

namespace tracker::extract {

// What an element's class and id say about it. The word lists live in class_hints.cc and
// nowhere else.
struct ClassHints {
  // Readability-style weight: +25 for words of article content, -25 for words of page chrome,
  // summed over class and id.
  int weight = 0;
  // Names page chrome (menus, headers, sidebars) and nothing suggests article content.
  bool unlikely = false;
  // Names chrome that is never article text even inside the article container: share bars,
  // related stories, ads, newsletters, comments, cookie notices.
  bool boilerplate = false;
  // Names a post's furniture by one of the boilerplate phrases ("author-info", "related-posts",
  // "share-buttons"), not by a short word ("byline", "caption", "credit") that some engines give
  // the post's own text (Blogger's "byline-author" holds whole posts).
  bool furniture = false;
  // Names text that browsers do not show: screen-reader-only labels, skip links.
  bool invisible = false;
  // Names readers' comments ("comments", "commentlist", "disqus_thread") and nothing suggests
  // article content. Never the article, however much of the page it holds.
  bool comments = false;
  // Names the container of an article's body ("article-body", "story-body", "entry-content").
  bool article_body = false;
  // Names the outlet's note about its own change to the story ("correction", "clarification",
  // "editors-note"): article text, even in an <aside> or beside chrome words ("correction-notice").
  bool editorial_note = false;
};

ClassHints class_hints(std::string_view class_attr, std::string_view id_attr);

}  // namespace tracker::extract
