#pragma once

#include <string>
#include <unordered_map>
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
  // Phrases sorted by their first stem, with where each first stem's run of them is: a
  // sentence's stem is looked up once instead of searched for among all the phrases.
  struct Terms {
    std::vector<Term> sorted;
    std::unordered_map<std::string, std::pair<std::size_t, std::size_t>>
        by_first_stem;  // [begin, end)
    void index();       // sorts `sorted` and fills `by_first_stem`
  };
  // Where phrases of `terms` start in `stems`: (position, phrase) for each match.
  static void find_phrases(const Terms& terms, const std::vector<std::string>& stems,
                           std::vector<std::pair<std::size_t, const Term*>>& found);
  std::vector<std::string> m_names;
  Terms m_terms;
  Terms m_excludes;
};

}  // namespace tracker::claims
