#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tracker/store/records.h"

namespace tracker::report {

// Words that a document's title or URL must all hold: what `--search` and an alert rule's
// `search` pick one story's documents by. Compared case-folded, punctuation read as a space
// ("Korea's" finds "koreas", "kursk-troops" finds "kursk troops"), each word anywhere.
class DocumentSearch {
 public:
  explicit DocumentSearch(std::string_view words);

  // True when every word is in the document's title or URL; always true for no words.
  bool matches(const store::Document& document) const;

 private:
  std::vector<std::string> m_words;
};

}  // namespace tracker::report
