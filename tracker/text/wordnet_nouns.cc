#include "tracker/text/wordnet_nouns.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace tracker::text {
namespace {

// The senses of a word that count: WordNet lists a word's senses most common first, and a rare
// sense ("specimen": a kind of person) relates nouns that outlets never use for one count.
constexpr std::size_t k_senses = 3;

// The plural endings tried on a word that is no entry, in this order, and what replaces them
// (WordNet's morphy rules for nouns).
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> k_plurals = {{{"ies", "y"},
                                                                                     {"ches", "ch"},
                                                                                     {"shes", "sh"},
                                                                                     {"xes", "x"},
                                                                                     {"ses", "s"},
                                                                                     {"men", "man"},
                                                                                     {"s", ""}}};

std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t at = 0;
  while (at < line.size()) {
    const std::size_t end = std::min(line.find(' ', at), line.size());
    if (end > at) {
      fields.push_back(line.substr(at, end - at));
    }
    at = end + 1;
  }
  return fields;
}

std::optional<std::uint64_t> number_of(std::string_view field, int base = 10) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value, base);
  if (error != std::errc() || end != field.data() + field.size()) {
    return std::nullopt;
  }
  return value;
}

std::uint64_t size_of(std::ifstream& file) {
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  return size > 0 ? static_cast<std::uint64_t>(size) : 0;
}

}  // namespace

WordNetNouns::WordNetNouns(const std::filesystem::path& dir)
    : m_index(dir / "index.noun", std::ios::binary),
      m_exceptions(dir / "noun.exc", std::ios::binary),
      m_data(dir / "data.noun", std::ios::binary) {
  m_available = m_index.is_open() && m_exceptions.is_open() && m_data.is_open();
  if (m_available) {
    m_index_size = size_of(m_index);
    m_exceptions_size = size_of(m_exceptions);
  }
}

std::optional<std::string> WordNetNouns::line_of(std::ifstream& file, std::uint64_t size,
                                                 std::string_view key) {
  // The line sought starts in [low, high). The files are sorted byte by byte on their first
  // field; their licence lines start with a space, so their first field is empty and sorts first.
  std::uint64_t low = 0;
  std::uint64_t high = size;
  std::string line;
  while (low < high) {
    const std::uint64_t middle = low + (high - low) / 2;
    file.clear();
    std::uint64_t start = 0;
    if (middle > 0) {
      file.seekg(static_cast<std::streamoff>(middle - 1));
      std::getline(file, line);  // the rest of the line `middle` falls in
      start = file ? static_cast<std::uint64_t>(file.tellg()) : size;
    }
    if (start >= high) {
      high = middle;
      continue;
    }
    file.clear();
    file.seekg(static_cast<std::streamoff>(start));
    if (!std::getline(file, line)) {
      high = middle;
      continue;
    }
    const std::string_view first = std::string_view(line).substr(0, line.find(' '));
    if (first == key) {
      return line;
    }
    if (first < key) {
      low = start + line.size() + 1;
    } else {
      high = middle;
    }
  }
  return std::nullopt;
}

bool WordNetNouns::indexed(const std::string& lemma) {
  if (const auto known = m_senses.find(lemma); known != m_senses.end()) {
    return !known->second.empty();
  }
  std::vector<std::uint64_t>& senses = m_senses[lemma];
  // "lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset..."
  if (const std::optional<std::string> line = line_of(m_index, m_index_size, lemma)) {
    const std::vector<std::string_view> fields = fields_of(*line);
    const std::optional<std::uint64_t> pointers =
        fields.size() > 3 ? number_of(fields[3]) : std::nullopt;
    for (std::size_t i = pointers ? 6 + *pointers : fields.size(); i < fields.size(); ++i) {
      if (const std::optional<std::uint64_t> offset = number_of(fields[i])) {
        senses.push_back(*offset);
      }
    }
  }
  return !senses.empty();
}

const std::vector<std::uint64_t>& WordNetNouns::synsets(const std::string& word) {
  if (const auto known = m_synsets.find(word); known != m_synsets.end()) {
    return known->second;
  }
  std::vector<std::string> lemmas;
  if (const std::optional<std::string> line = line_of(m_exceptions, m_exceptions_size, word)) {
    const std::vector<std::string_view> fields = fields_of(*line);
    if (fields.size() > 1) {
      lemmas.emplace_back(fields[1]);
    }
  }
  if (indexed(word)) {
    lemmas.push_back(word);
  }
  for (const auto& [ending, replacement] : k_plurals) {
    if (word.ends_with(ending)) {
      std::string stem = word.substr(0, word.size() - ending.size()) + std::string(replacement);
      if (indexed(stem)) {
        lemmas.push_back(std::move(stem));
        break;
      }
    }
  }
  std::vector<std::uint64_t> found;
  for (const std::string& lemma : lemmas) {
    if (indexed(lemma)) {
      const std::vector<std::uint64_t>& senses = m_senses[lemma];
      found.insert(found.end(), senses.begin(),
                   senses.begin() + static_cast<std::ptrdiff_t>(std::min(k_senses, senses.size())));
    }
  }
  return m_synsets[word] = std::move(found);
}

const std::vector<std::uint64_t>& WordNetNouns::hypernyms(std::uint64_t offset) {
  if (const auto known = m_hypernyms.find(offset); known != m_hypernyms.end()) {
    return known->second;
  }
  std::vector<std::uint64_t> found;
  // "offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [sym offset pos
  // source/target...] | gloss", w_cnt in hexadecimal.
  m_data.clear();
  m_data.seekg(static_cast<std::streamoff>(offset));
  if (std::string line; std::getline(m_data, line)) {
    const std::vector<std::string_view> fields =
        fields_of(std::string_view(line).substr(0, line.find(" | ")));
    const std::optional<std::uint64_t> words =
        fields.size() > 3 ? number_of(fields[3], 16) : std::nullopt;
    const std::size_t at = words ? 4 + 2 * *words : fields.size();
    const std::optional<std::uint64_t> pointers =
        at < fields.size() ? number_of(fields[at]) : std::nullopt;
    for (std::size_t i = at + 1; pointers && i + 2 < fields.size() && i < at + 1 + 4 * *pointers;
         i += 4) {
      if ((fields[i] == "@" || fields[i] == "@i") && fields[i + 2] == "n") {
        if (const std::optional<std::uint64_t> hypernym = number_of(fields[i + 1])) {
          found.push_back(*hypernym);
        }
      }
    }
  }
  return m_hypernyms[offset] = std::move(found);
}

bool WordNetNouns::related(const std::string& a, const std::string& b) {
  if (!m_available) {
    return false;
  }
  const std::vector<std::uint64_t> of_a = synsets(a);  // a copy: synsets(b) may rehash the map
  const std::vector<std::uint64_t>& of_b = synsets(b);
  if (of_a.empty() || of_b.empty()) {
    return false;
  }
  const auto shares = [](const std::vector<std::uint64_t>& x, const std::vector<std::uint64_t>& y) {
    return std::any_of(x.begin(), x.end(), [&](std::uint64_t s) {
      return std::find(y.begin(), y.end(), s) != y.end();
    });
  };
  if (shares(of_a, of_b)) {
    return true;
  }
  const std::vector<std::uint64_t> of_b_copy = of_b;
  for (std::uint64_t synset : of_a) {
    if (shares(hypernyms(synset), of_b_copy)) {
      return true;
    }
  }
  for (std::uint64_t synset : of_b_copy) {
    if (shares(hypernyms(synset), of_a)) {
      return true;
    }
  }
  return false;
}

}  // namespace tracker::text
