#include "tracker/report/document_search.h"

#include <algorithm>
#include <sstream>

#include "tracker/text/normalize.h"
#include "tracker/text/tokens.h"

namespace tracker::report {
namespace {

std::string search_key(std::string_view text) {
  return text::comparison_key(text::normalize_text(text));
}

}  // namespace

DocumentSearch::DocumentSearch(std::string_view words) {
  std::istringstream stream{std::string(words)};
  for (std::string word; stream >> word;) {
    if (std::string key = search_key(word); !key.empty()) {
      m_words.push_back(std::move(key));
    }
  }
}

bool DocumentSearch::matches(const store::Document& document) const {
  if (m_words.empty()) {
    return true;
  }
  const std::string haystack = search_key(document.title) + " " + search_key(document.url);
  return std::all_of(m_words.begin(), m_words.end(), [&](const std::string& word) {
    return haystack.find(word) != std::string::npos;
  });
}

}  // namespace tracker::report
