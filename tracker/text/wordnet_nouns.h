#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tracker::text {

// Where Debian's wordnet-base puts the WordNet 3.0 database.
inline const std::filesystem::path k_wordnet_dir = "/usr/share/wordnet";

// Whether two English nouns name one kind of thing, as WordNet's noun database says: outlets
// count one thing under nouns that share no letters ("samples" and "specimens", "households" and
// "families", "travellers" and "passengers"). Reads index.noun, noun.exc and data.noun by binary
// search and seeks, never whole, so a few lookups cost microseconds; what it read is kept for the
// object's life. One object serves one thread. Without the database every pair is unrelated,
// and available() says so.
//
// bench/wordnet_nouns.py reads the same files the same way for the grouping model's training
// script: change both together.
class WordNetNouns {
 public:
  explicit WordNetNouns(const std::filesystem::path& dir = k_wordnet_dir);

  bool available() const { return m_available; }

  // True when the two lower-case words, as nouns, share a synset among the first three senses of
  // each (WordNet orders senses by how common they are), or a synset of one is a direct hypernym
  // (or instance hypernym) of a synset of the other ("seabird" is a kind of "bird" only two
  // levels up, so it is not). A word is looked up as written, as noun.exc's base form of it
  // ("geese": "goose") and as the first of the plural endings -ies, -ches, -shes, -xes, -ses,
  // -men, -s whose stem is an entry.
  bool related(const std::string& a, const std::string& b);

 private:
  // The line of a sorted WordNet file whose first field is `key`, if any.
  static std::optional<std::string> line_of(std::ifstream& file, std::uint64_t size,
                                            std::string_view key);
  bool indexed(const std::string& lemma);
  // The synset offsets of a word's first three senses, over every base form it has.
  const std::vector<std::uint64_t>& synsets(const std::string& word);
  // The offsets of a synset's direct hypernyms and instance hypernyms.
  const std::vector<std::uint64_t>& hypernyms(std::uint64_t offset);

  bool m_available = false;
  std::ifstream m_index;
  std::ifstream m_exceptions;
  std::ifstream m_data;
  std::uint64_t m_index_size = 0;
  std::uint64_t m_exceptions_size = 0;
  std::unordered_map<std::string, std::vector<std::uint64_t>> m_senses;   // lemma: its synsets
  std::unordered_map<std::string, std::vector<std::uint64_t>> m_synsets;  // word: first senses
  std::unordered_map<std::uint64_t, std::vector<std::uint64_t>> m_hypernyms;
};

}  // namespace tracker::text
