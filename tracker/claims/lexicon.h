#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tracker/claims/stemmer.h"
#include "tracker/text/tokens.h"

namespace tracker::claims {

// A named topic and the words or phrases that mark a sentence as being about it. Terms are
// written as ordinary words ("killed", "heavy losses") and matched by stem.
struct Topic {
  std::string name;
  std::vector<std::string> terms;
  // Phrases in which a term means something else: "toll free" is no death toll, "combat
  // boots" no combat. A term counts only where no such phrase covers it.
  std::vector<std::string> exclude;
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
  // Where phrases of `terms` start in `stems`: (position, phrase) for each match.
  static void find_phrases(const std::vector<Term>& terms, const std::vector<std::string>& stems,
                           std::vector<std::pair<std::size_t, const Term*>>& found);
  std::vector<std::string> m_names;
  std::vector<Term> m_terms;     // sorted by first stem, for binary search
  std::vector<Term> m_excludes;  // likewise
};

}  // namespace tracker::claims
