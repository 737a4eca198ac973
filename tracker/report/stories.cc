#include "tracker/report/stories.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "tracker/text/sentences.h"
#include "tracker/text/tokens.h"

namespace tracker::report {
namespace {

constexpr std::string_view k_headline_prefix = "headline:";

// Capitalised words that are not names: calendar words, titles, and the function words that a
// quotation capitalises inside a sentence ('he said: "We will...').
bool is_common_capitalised(std::string_view lower) {
  static const std::unordered_set<std::string_view> words = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
      "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december", "today", "yesterday", "tomorrow", "mr", "mrs", "ms", "dr", "the",
      "a", "an", "and", "or", "but", "of", "in", "on", "at", "for", "to", "by", "with", "from",
      "as", "if", "when", "after", "before", "he", "she", "it", "they", "we", "you", "i", "his",
      "her", "their", "our", "its", "this", "that", "these", "those", "there", "here", "no", "not",
      "all", "some", "one", "two", "new", "said", "says", "what", "who", "how", "why", "read",
      "more", "update", "updated", "photo", "video", "reuters", "ap", "afp"};
  return words.contains(lower);
}

// Headline words that say nothing of the story ("after", "says").
bool is_common_headline_word(std::string_view lower) {
  static const std::unordered_set<std::string_view> words = {
      "with", "from", "that", "this", "after", "over", "says", "said", "will", "have", "more",
      "than", "into", "amid", "about", "their", "they", "were", "been", "what", "when", "where",
      "which", "while", "could", "would", "should", "against", "under", "news", "live", "update",
      "updates", "latest"};
  return words.contains(lower);
}

bool starts_capitalised(std::string_view word) {
  return !word.empty() && word.front() >= 'A' && word.front() <= 'Z';
}

bool all_capitals(std::string_view word) {
  return std::none_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// A name as it is compared, with the form it was first written in.
struct NameUse {
  std::string written;
  int inside = 0;   // times capitalised inside a sentence
  int opening = 0;  // times capitalised as a sentence's first word
};

// The text's names with how often each was used, lower-cased name first.
std::map<std::string, NameUse> names_used(std::string_view text) {
  std::map<std::string, NameUse> uses;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    for (const std::string_view sentence : text::split_sentences(text.substr(start, end - start))) {
      bool first = true;
      for (const text::Token& token : text::tokenize(sentence)) {
        const bool opening = std::exchange(first, false);
        const std::string_view word = text::without_possessive(token.text);
        if (word.size() < 2 || !starts_capitalised(word)) {
          continue;
        }
        std::string lower = text::ascii_lower(word);
        if (is_common_capitalised(lower)) {
          continue;
        }
        NameUse& use = uses[std::move(lower)];
        // As written, but a dateline's capitals ("SANDORAL -") give way to the name's usual form.
        if (use.written.empty() || (all_capitals(use.written) && !all_capitals(word))) {
          use.written = std::string(word);
        }
        ++(opening ? use.opening : use.inside);
      }
    }
    start = end + 1;
  }
  // A sentence's first word is a name only when the text also capitalises it elsewhere.
  std::erase_if(uses, [](const auto& entry) { return entry.second.inside == 0; });
  return uses;
}

std::vector<std::string> headline_terms(std::string_view headline) {
  std::vector<std::string> terms;
  for (const text::Token& token : text::tokenize(headline)) {
    const std::string_view word = text::without_possessive(token.lower);
    if (word.size() >= 4 && !is_common_headline_word(word)) {
      terms.push_back(std::string(k_headline_prefix) + std::string(word));
    }
  }
  return terms;
}

// One term of a document: as compared, as first written (names only), and how often used.
struct TermUse {
  std::string term;
  std::string written;
  int uses = 1;
};

// A document's terms, each once: its names, then its headline's words. What story_terms lists
// and what grouping weighs.
std::vector<TermUse> document_terms(std::string_view headline, std::string_view text) {
  std::vector<TermUse> terms;
  for (auto& [lower, use] : names_used(text)) {
    terms.push_back({lower, std::move(use.written), use.inside + use.opening});
  }
  std::vector<std::string> from_headline = headline_terms(headline);
  std::sort(from_headline.begin(), from_headline.end());
  from_headline.erase(std::unique(from_headline.begin(), from_headline.end()), from_headline.end());
  for (std::string& term : from_headline) {
    terms.push_back({std::move(term), {}, 1});
  }
  return terms;
}

// The terms stored_story_terms wrote; a line that does not read as one is skipped, so a
// damaged row costs a document some of its terms, never a wrong count.
std::vector<TermUse> parse_stored_terms(std::string_view stored) {
  std::vector<TermUse> terms;
  while (!stored.empty()) {
    const std::size_t end = std::min(stored.find('\n'), stored.size());
    const std::string_view line = stored.substr(0, end);
    stored.remove_prefix(std::min(end + 1, stored.size()));
    const std::size_t first_tab = line.find('\t');
    if (first_tab == 0 || first_tab == std::string_view::npos) {
      continue;
    }
    const std::size_t second_tab = line.find('\t', first_tab + 1);
    if (second_tab == std::string_view::npos) {
      continue;
    }
    int uses = 0;
    const std::string_view count = line.substr(second_tab + 1);
    const auto [at, error] = std::from_chars(count.data(), count.data() + count.size(), uses);
    if (error != std::errc{} || at != count.data() + count.size() || uses < 1) {
      continue;
    }
    terms.push_back({std::string(line.substr(0, first_tab)),
                     std::string(line.substr(first_tab + 1, second_tab - first_tab - 1)), uses});
  }
  return terms;
}

std::vector<TermUse> document_terms(const StoryInput& document) {
  return document.stored_terms ? parse_stored_terms(*document.stored_terms)
                               : document_terms(document.headline, document.text);
}

class Vocabulary {
 public:
  int id(const std::string& term) {
    auto [it, inserted] = m_ids.try_emplace(term, static_cast<int>(m_terms.size()));
    if (inserted) {
      m_terms.push_back(term);
      m_written.emplace_back();
      m_document_count.push_back(0);
    }
    return it->second;
  }
  const std::string& term(int id) const { return m_terms[static_cast<std::size_t>(id)]; }
  std::string& written(int id) { return m_written[static_cast<std::size_t>(id)]; }
  int& document_count(int id) { return m_document_count[static_cast<std::size_t>(id)]; }
  explicit Vocabulary(double background_documents) : m_background_documents(background_documents) {}
  // Smoothed inverse document frequency, over the documents and as many unseen background ones
  // that hold none of the names (StoryOptions::background_documents): in a store of a few
  // documents of one story, the names they share would otherwise weigh least of all, and the
  // names of the people each outlet quotes most.
  double idf(int id, std::size_t documents) const {
    const double df = m_document_count[static_cast<std::size_t>(id)];
    return std::log((1.0 + m_background_documents + static_cast<double>(documents)) / (1.0 + df)) +
           1.0;
  }

 private:
  double m_background_documents = 0;
  std::unordered_map<std::string, int> m_ids;
  std::vector<std::string> m_terms;
  std::vector<std::string> m_written;
  std::vector<int> m_document_count;
};

struct StoryBeingGrouped {
  Story story;
  std::unordered_map<int, double> centroid;  // the sum of its documents' unit vectors
  double centroid_norm = 0;
  std::map<int, int> documents_naming;  // term id -> documents of the story that hold it
};

double norm(const std::unordered_map<int, double>& weights) {
  double sum = 0;
  for (const auto& [term, weight] : weights) {
    sum += weight * weight;
  }
  return std::sqrt(sum);
}

// Up to five names the story's documents share most, rare names first.
std::vector<std::string> story_names(const StoryBeingGrouped& grouped, Vocabulary& vocabulary,
                                     std::size_t documents) {
  constexpr std::size_t k_names = 5;
  const bool several = grouped.story.documents.size() > 1;
  std::vector<std::tuple<double, std::string, int>> ranked;
  for (const auto& [term, count] : grouped.documents_naming) {
    if (vocabulary.term(term).starts_with(k_headline_prefix) || (several && count < 2)) {
      continue;
    }
    ranked.emplace_back(-count * vocabulary.idf(term, documents), vocabulary.term(term), term);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> names;
  for (const auto& [score, lower, term] : ranked) {
    if (names.size() == k_names) {
      break;
    }
    names.push_back(vocabulary.written(term));
  }
  return names;
}

// The terms of each document, counted, with the vocabulary that knows how many documents
// use each: the weights need the whole vocabulary before the first document is placed.
struct CountedTerms {
  explicit CountedTerms(double background_documents) : vocabulary(background_documents) {}
  Vocabulary vocabulary;
  std::vector<std::vector<std::pair<int, int>>> counts;  // per document: term id, uses
};

CountedTerms count_terms(const std::vector<StoryInput>& documents, const StoryOptions& options) {
  CountedTerms counted(options.background_documents);
  counted.counts.resize(documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    for (TermUse& use : document_terms(documents[i])) {
      const int id = counted.vocabulary.id(use.term);
      if (counted.vocabulary.written(id).empty()) {
        counted.vocabulary.written(id) = std::move(use.written);
      }
      counted.counts[i].emplace_back(id, use.uses);
      ++counted.vocabulary.document_count(id);
    }
  }
  return counted;
}

// A document's terms weighed (log of uses times idf), at unit length.
std::unordered_map<int, double> unit_vector(const std::vector<std::pair<int, int>>& counts,
                                            const Vocabulary& vocabulary, std::size_t documents) {
  std::unordered_map<int, double> vector;
  for (const auto& [id, uses] : counts) {
    vector[id] = (1.0 + std::log(static_cast<double>(uses))) * vocabulary.idf(id, documents);
  }
  const double length = norm(vector);
  for (auto& [id, weight] : vector) {
    weight /= length;
  }
  return vector;
}

class StoryGrouper {
 public:
  explicit StoryGrouper(const StoryOptions& options) : m_options(options) {}

  // The story most like `vector` among those active within the window before `seen`, if alike
  // enough; ties go to the older story.
  std::optional<std::size_t> most_alike(const std::unordered_map<int, double>& vector,
                                        store::UnixSeconds seen) const {
    std::unordered_map<std::size_t, double> dots;
    for (const auto& [id, weight] : vector) {
      const auto naming = m_stories_naming.find(id);
      if (naming == m_stories_naming.end()) {
        continue;
      }
      for (const std::size_t s : naming->second) {
        if (m_stories[s].story.last_activity + m_options.window >= seen) {
          dots[s] += weight * m_stories[s].centroid.at(id);
        }
      }
    }
    std::optional<std::size_t> best;
    double best_similarity = m_options.min_similarity;
    for (const auto& [s, dot] : dots) {
      const double similarity = dot / m_stories[s].centroid_norm;
      if (similarity >= best_similarity && (!best || similarity > best_similarity || s < *best)) {
        best = s;
        best_similarity = similarity;
      }
    }
    return best;
  }

  void add(const StoryInput& document, const std::unordered_map<int, double>& vector) {
    std::optional<std::size_t> chosen;
    if (document.story) {
      chosen = placed_story(document);
    } else if (document.pin.empty()) {
      chosen = most_alike(vector, document.first_seen);
    } else if (const auto pinned = m_pinned.find(document.pin); pinned != m_pinned.end()) {
      chosen = pinned->second;
    }
    if (!chosen) {
      chosen = m_stories.size();
      Story& started = m_stories.emplace_back().story;
      started.id = document.document;
      started.first_seen = document.first_seen;
      started.last_activity = document.last_activity;
      started.pin = document.pin;
      if (!document.pin.empty()) {
        m_pinned.emplace(document.pin, *chosen);
      }
    }
    StoryBeingGrouped& joined = m_stories[*chosen];
    joined.story.documents.push_back(document.document);
    joined.story.last_activity = std::max(joined.story.last_activity, document.last_activity);
    std::vector<std::string>& sources = joined.story.sources;
    if (std::find(sources.begin(), sources.end(), document.source) == sources.end()) {
      sources.push_back(document.source);
    }
    for (const auto& [id, weight] : vector) {
      auto [it, inserted] = joined.centroid.try_emplace(id, 0.0);
      it->second += weight;
      ++joined.documents_naming[id];
      if (inserted) {
        m_stories_naming[id].push_back(*chosen);
      }
    }
    joined.centroid_norm = norm(joined.centroid);
  }

  // The story a run placed `document` in, started when it comes first (its first document may
  // be gone).
  std::size_t placed_story(const StoryInput& document) {
    const auto [placed, started] = m_placed.try_emplace(*document.story, m_stories.size());
    if (started) {
      Story& story = m_stories.emplace_back().story;
      story.id = *document.story;
      story.first_seen = document.first_seen;
      story.last_activity = document.last_activity;
      story.pin = document.story_pin;
      if (!story.pin.empty()) {
        m_pinned.try_emplace(story.pin, placed->second);
      }
    }
    return placed->second;
  }

  // The stories as grouped, unnamed and in no particular order.
  std::vector<Story> take_unnamed() {
    std::vector<Story> grouped;
    grouped.reserve(m_stories.size());
    for (StoryBeingGrouped& story : m_stories) {
      grouped.push_back(std::move(story.story));
    }
    return grouped;
  }

  // The stories, named, newest activity first.
  std::vector<Story> take(Vocabulary& vocabulary, std::size_t documents) {
    std::vector<Story> grouped;
    grouped.reserve(m_stories.size());
    for (StoryBeingGrouped& story : m_stories) {
      story.story.names = story_names(story, vocabulary, documents);
      grouped.push_back(std::move(story.story));
    }
    std::sort(grouped.begin(), grouped.end(), [](const Story& a, const Story& b) {
      return std::tie(b.last_activity, b.id) < std::tie(a.last_activity, a.id);
    });
    return grouped;
  }

 private:
  StoryOptions m_options;
  std::vector<StoryBeingGrouped> m_stories;
  std::unordered_map<int, std::vector<std::size_t>> m_stories_naming;  // term id -> stories
  std::unordered_map<std::string, std::size_t> m_pinned;               // pin name -> its story
  std::unordered_map<store::DocumentId, std::size_t> m_placed;         // a run's story id -> its story
};

// As a run saw them come: first seen first.
void sort_as_first_seen(std::vector<StoryInput>& documents) {
  std::sort(documents.begin(), documents.end(), [](const StoryInput& a, const StoryInput& b) {
    return std::tie(a.first_seen, a.document) < std::tie(b.first_seen, b.document);
  });
}

}  // namespace

std::vector<std::string> story_terms(std::string_view headline, std::string_view text) {
  std::vector<std::string> terms;
  for (TermUse& use : document_terms(headline, text)) {
    terms.push_back(std::move(use.term));
  }
  return terms;
}

std::string stored_story_terms(std::string_view headline, std::string_view text) {
  std::string stored;
  for (const TermUse& use : document_terms(headline, text)) {
    stored += use.term + '\t' + use.written + '\t' + std::to_string(use.uses) + '\n';
  }
  return stored;
}

std::vector<Story> group_stories(std::vector<StoryInput> documents, const StoryOptions& options) {
  sort_as_first_seen(documents);
  CountedTerms counted = count_terms(documents, options);
  StoryGrouper grouper(options);
  for (std::size_t i = 0; i < documents.size(); ++i) {
    grouper.add(documents[i], unit_vector(counted.counts[i], counted.vocabulary, documents.size()));
  }
  return grouper.take(counted.vocabulary, documents.size());
}

std::vector<Placement> place_new_documents(std::vector<StoryInput> documents, const StoryOptions& options) {
  sort_as_first_seen(documents);
  std::optional<store::UnixSeconds> earliest_new;
  std::unordered_map<store::DocumentId, store::UnixSeconds> story_activity;  // placed story -> last
  std::unordered_set<store::DocumentId> pinned;
  for (const StoryInput& document : documents) {
    if (!document.story) {
      earliest_new = earliest_new ? std::min(*earliest_new, document.first_seen) : document.first_seen;
    } else {
      auto [activity, added] = story_activity.try_emplace(*document.story, document.last_activity);
      activity->second = std::max(activity->second, document.last_activity);
      if (!document.story_pin.empty()) {
        pinned.insert(*document.story);
      }
    }
  }
  if (!earliest_new) {
    return {};
  }
  // Every document's terms weigh the names; but a stored story last active before the window of
  // the earliest new document can draw none of them, so its documents need no vectors (in a
  // long-lived store, most of them). A pinned story draws its pin's documents at any time.
  const auto can_draw = [&](const StoryInput& document) {
    return !document.story || pinned.contains(*document.story) ||
           story_activity.at(*document.story) + options.window >= *earliest_new;
  };
  CountedTerms counted = count_terms(documents, options);
  StoryGrouper grouper(options);
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (can_draw(documents[i])) {
      grouper.add(documents[i], unit_vector(counted.counts[i], counted.vocabulary, documents.size()));
    }
  }
  std::unordered_set<store::DocumentId> placed_before;
  for (const StoryInput& document : documents) {
    if (document.story) {
      placed_before.insert(document.document);
    }
  }
  std::vector<Placement> placements;
  for (const Story& story : grouper.take_unnamed()) {
    for (const store::DocumentId document : story.documents) {
      if (!placed_before.contains(document)) {
        placements.push_back({document, story.id, story.pin});
      }
    }
  }
  return placements;
}

}  // namespace tracker::report
