#include "tracker/claims/lexicon.h"

#include <algorithm>

namespace tracker::claims {

TopicMatcher::TopicMatcher(const TopicLexicon& lexicon, const Stemmer& stemmer) {
  for (std::size_t index = 0; index < lexicon.topics.size(); ++index) {
    const Topic& topic = lexicon.topics[index];
    m_names.push_back(topic.name);
    for (const std::string& term : topic.terms) {
      Term stemmed{{}, index};
      for (const text::Token& token : text::tokenize(term)) {
        stemmed.stems.push_back(stemmer.stem(token.lower));
      }
      if (!stemmed.stems.empty()) {
        m_terms.push_back(std::move(stemmed));
      }
    }
  }
  std::sort(m_terms.begin(), m_terms.end(),
            [](const Term& a, const Term& b) { return a.stems.front() < b.stems.front(); });
}

std::vector<std::string> TopicMatcher::match(const std::vector<std::string>& stems) const {
  std::vector<bool> found(m_names.size(), false);
  for (std::size_t i = 0; i < stems.size(); ++i) {
    auto it = std::lower_bound(m_terms.begin(), m_terms.end(), stems[i],
                               [](const Term& term, const std::string& stem) {
                                 return term.stems.front() < stem;
                               });
    for (; it != m_terms.end() && it->stems.front() == stems[i]; ++it) {
      const std::vector<std::string>& phrase = it->stems;
      if (i + phrase.size() <= stems.size() &&
          std::equal(phrase.begin(), phrase.end(), stems.begin() + static_cast<std::ptrdiff_t>(i))) {
        found[it->topic] = true;
      }
    }
  }
  std::vector<std::string> names;
  for (std::size_t index = 0; index < m_names.size(); ++index) {
    if (found[index]) {
      names.push_back(m_names[index]);
    }
  }
  return names;
}

}  // namespace tracker::claims
