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
        m_terms.sorted.push_back(std::move(stemmed));
      }
    }
    for (const std::string& phrase : topic.exclude) {
      Term stemmed{{}, index};
      for (const text::Token& token : text::tokenize(phrase)) {
        stemmed.stems.push_back(stemmer.stem(token.lower));
      }
      if (!stemmed.stems.empty()) {
        m_excludes.sorted.push_back(std::move(stemmed));
      }
    }
  }
  m_terms.index();
  m_excludes.index();
}

void TopicMatcher::Terms::index() {
  std::sort(sorted.begin(), sorted.end(),
            [](const Term& a, const Term& b) { return a.stems.front() < b.stems.front(); });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    // The first phrase of a run opens it; each later one moves its end.
    by_first_stem.try_emplace(sorted[i].stems.front(), i, i + 1).first->second.second = i + 1;
  }
}

void TopicMatcher::find_phrases(const Terms& terms, const std::vector<std::string>& stems,
                                std::vector<std::pair<std::size_t, const Term*>>& found) {
  for (std::size_t i = 0; i < stems.size(); ++i) {
    const auto run = terms.by_first_stem.find(stems[i]);
    if (run == terms.by_first_stem.end()) {
      continue;
    }
    for (std::size_t t = run->second.first; t < run->second.second; ++t) {
      const std::vector<std::string>& phrase = terms.sorted[t].stems;
      if (i + phrase.size() <= stems.size() &&
          std::equal(phrase.begin(), phrase.end(), stems.begin() + static_cast<std::ptrdiff_t>(i))) {
        found.emplace_back(i, &terms.sorted[t]);
      }
    }
  }
}

std::vector<std::string> TopicMatcher::match(const std::vector<std::string>& stems) const {
  std::vector<std::pair<std::size_t, const Term*>> terms;
  find_phrases(m_terms, stems, terms);
  std::vector<std::pair<std::size_t, const Term*>> excludes;
  if (!terms.empty() && !m_excludes.sorted.empty()) {
    find_phrases(m_excludes, stems, excludes);
  }
  std::vector<bool> found(m_names.size(), false);
  // Not a structured binding: clang 14 cannot capture one in the lambda below.
  for (const auto& found_term : terms) {
    const std::size_t at = found_term.first;
    const Term* term = found_term.second;
    const std::size_t end = at + term->stems.size();
    const bool excluded = std::any_of(excludes.begin(), excludes.end(), [&](const auto& exclude) {
      return exclude.second->topic == term->topic && exclude.first <= at &&
             exclude.first + exclude.second->stems.size() >= end;
    });
    if (!excluded) {
      found[term->topic] = true;
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
