#pragma once

#include <string>

#include "tracker/extract/article.h"

namespace tracker::report {

// The JSON object of `tracker extract --format json`: title, byline, site_name, published,
// modified, url, language (null when the page does not say), paragraphs, text. Pretty-printed,
// valid UTF-8, with a trailing newline.
std::string article_json(const extract::Article& article);

// The article text: paragraphs separated by one blank line, with a trailing newline
// (nothing at all when there is no text).
std::string article_text(const extract::Article& article);

}  // namespace tracker::report
