#include "tracker/report/article_json.h"

#include <nlohmann/json.hpp>

namespace tracker::report {
namespace {

nlohmann::ordered_json string_or_null(const std::string& value) {
  return value.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

}  // namespace

std::string article_json(const extract::Article& article) {
  const extract::PageMetadata& meta = article.metadata;
  nlohmann::ordered_json object;
  object["title"] = string_or_null(meta.title);
  object["byline"] = string_or_null(meta.byline);
  object["standfirst"] = string_or_null(meta.standfirst);
  object["site_name"] = string_or_null(meta.site_name);
  object["published"] = string_or_null(meta.published);
  object["modified"] = string_or_null(meta.modified);
  object["url"] = string_or_null(meta.url);
  object["language"] = string_or_null(meta.language);
  nlohmann::ordered_json paragraphs = nlohmann::ordered_json::array();
  for (const extract::ContentBlock& block : article.blocks) {
    paragraphs.push_back(block.text);
  }
  object["paragraphs"] = std::move(paragraphs);
  object["text"] = article.text();
  // Metadata comes from the page; replace rather than throw on a stray invalid byte.
  return object.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string article_text(const extract::Article& article) {
  std::string text = article.text();
  if (!text.empty()) {
    text.push_back('\n');
  }
  return text;
}

}  // namespace tracker::report
