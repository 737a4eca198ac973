#pragma once

#include <string>
#include <vector>

#include "tracker/claims/stemmer.h"
#include "tracker/text/tokens.h"

namespace tracker::claims {

// A named topic and the words or phrases that mark a sentence as being about it. Terms are
// written as ordinary words ("killed", "heavy losses") and matched by stem.
struct Topic {
  std::string name;
  std::vector<std::string> terms;
};

// The topics claims are sorted into; loaded from feeds/topics.toml (see config/topics_file.h).
struct TopicLexicon {
  std::vector<Topic> topics;
};

// Matches sentences against a lexicon by word stems. Build once, use for many sentences.
class TopicMatcher {
 public:
  TopicMatcher(const TopicLexicon& lexicon, const Stemmer& stemmer);

  // The names of the topics whose terms occur in `stems` (a sentence's word stems in order),
  // in lexicon order, each once.
  std::vector<std::string> match(const std::vector<std::string>& stems) const;

 private:
  struct Term {
    std::vector<std::string> stems;
    std::size_t topic;
  };
  std::vector<std::string> m_names;
  std::vector<Term> m_terms;  // sorted by first stem, for binary search
};

}  // namespace tracker::claims
