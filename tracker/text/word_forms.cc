#include "tracker/text/word_forms.h"

#include <algorithm>
#include <array>
#include <vector>

namespace tracker::text {
namespace {

// Sorted, so that words sharing a first letter are neighbours (SortedWords).
constexpr std::array<std::string_view, 135> k_function_words = {
    "a", "about", "above", "after", "again", "against", "all", "also", "although", "am",
    "among", "an", "and", "another", "any", "are", "as", "at", "be", "because", "been",
    "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "doing", "down", "during", "each", "either", "even", "ever", "every", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself",
    "just", "me", "meanwhile", "more", "most", "much", "must", "my", "now", "of", "off", "on",
    "once", "only", "onto", "or", "other", "our", "ours", "out", "over", "own", "same", "shall",
    "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "theirs",
    "them", "then", "there", "these", "they", "this", "those", "though", "through", "thus",
    "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were", "what",
    "when", "where", "whether", "which", "while", "who", "whom", "whose", "will", "with",
    "would", "yet"};
static_assert(std::is_sorted(k_function_words.begin(), k_function_words.end()));

constexpr std::array<std::string_view, 64> k_number_words = {
    "billion", "billions", "bn", "dozen", "dozens", "eight", "eighteen", "eighteenth", "eighth",
    "eighty", "eleven", "eleventh", "fifteen", "fifteenth", "fifth", "fifty", "first", "five",
    "forty", "four", "fourteen", "fourteenth", "fourth", "half", "hundred", "hundreds", "k",
    "m", "million", "millions", "nine", "nineteen", "nineteenth", "ninety", "ninth", "one",
    "quarter", "second", "seven", "seventeen", "seventeenth", "seventh", "seventy", "six",
    "sixteen", "sixteenth", "sixth", "sixty", "ten", "tenth", "third", "thirteen", "thirteenth",
    "thirty", "thousand", "thousands", "three", "trillion", "twelfth", "twelve", "twentieth",
    "twenty", "two", "zero"};
static_assert(std::is_sorted(k_number_words.begin(), k_number_words.end()));

// A sorted word table with where each first byte's words begin in it: a look-up compares the
// word with the few table words sharing its first byte, not with log2(N) words across the
// table. The claim diff asks about every word of every claim.
template <std::size_t N>
class SortedWords {
 public:
  constexpr explicit SortedWords(const std::array<std::string_view, N>& words) : m_words(words) {
    std::size_t i = 0;
    for (std::size_t byte = 0; byte < m_start.size(); ++byte) {
      while (i < N && static_cast<unsigned char>(m_words[i][0]) < byte) {
        ++i;
      }
      m_start[byte] = i;
    }
  }

  bool contains(std::string_view word) const {
    if (word.empty()) {
      return false;  // no table word is empty
    }
    const auto first = static_cast<unsigned char>(word[0]);
    for (std::size_t i = m_start[first]; i < m_start[first + 1u]; ++i) {
      if (m_words[i] == word) {
        return true;
      }
    }
    return false;
  }

 private:
  const std::array<std::string_view, N>& m_words;  // sorted, none empty
  std::array<std::size_t, 257> m_start{};           // first index of a word starting at or past each byte
};

constexpr SortedWords k_function_word_table(k_function_words);
constexpr SortedWords k_number_word_table(k_number_words);

std::size_t common_prefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) {
    ++n;
  }
  return n;
}

}  // namespace

bool is_function_word(std::string_view lower) {
  return k_function_word_table.contains(lower);
}

bool is_negation(std::string_view lower) {
  return lower == "not" || lower == "no" || lower == "never" || lower == "neither" || lower == "nor" ||
         lower == "cannot" || lower == "without" || lower.ends_with("n't");
}

bool negates(std::string_view lower, std::string_view next) {
  static constexpr std::array<std::string_view, 12> k_negating_verbs = {
      "refuse",   "refuses",   "refused", "refusing", "decline", "declines",
      "declined", "declining", "fail",    "fails",    "failed",  "failing"};
  return is_negation(lower) || (next == "to" && one_of(lower, k_negating_verbs));
}

bool is_number_word(std::string_view lower) {
  if (lower.empty()) {
    return false;
  }
  if (std::any_of(lower.begin(), lower.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return true;  // "2,000", "11th", "1990s", "5-year"
  }
  return k_number_word_table.contains(lower);
}

bool within_edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) {
    std::swap(a, b);
  }
  if (b.size() - a.size() > limit) {
    return false;
  }
  // Damerau-Levenshtein (optimal string alignment), full rows; words are short.
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> before(m + 1);
  std::vector<std::size_t> previous(m + 1);
  std::vector<std::size_t> current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) {
    previous[j] = j;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) {
      return false;
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[m] <= limit;
}

std::string_view without_ordinal_suffix(std::string_view word) {
  if (word.size() > 2 && word[0] >= '0' && word[0] <= '9' &&
      (word.ends_with("st") || word.ends_with("nd") || word.ends_with("rd") || word.ends_with("th"))) {
    word.remove_suffix(2);
  }
  return word;
}

bool are_spelling_variants(std::string_view a, std::string_view b) {
  if (a == b) {
    return true;
  }
  const std::size_t shorter = std::min(a.size(), b.size());
  // The plural of a short word or an acronym: "MP"/"MPs", "CEO"/"CEOs".
  if (shorter >= 2 && a.size() != b.size()) {
    const std::string_view longer = a.size() > b.size() ? a : b;
    const std::string_view other = a.size() > b.size() ? b : a;
    if (longer.size() == other.size() + 1 && longer.ends_with('s') && longer.starts_with(other)) {
      return true;
    }
  }
  if (shorter < 3) {
    return false;  // "a"/"an", "is"/"in": too short to tell a typo from another word
  }
  // Inflections and derived forms share a long stem: "rule"/"ruled", "detain"/"detained".
  const std::size_t prefix = common_prefix(a, b);
  if (prefix >= 4 && prefix + 3 >= std::max(a.size(), b.size())) {
    return true;
  }
  // Typos and regional spellings: one edit in a short word, two in a long one.
  return within_edit_distance(a, b, shorter >= 7 ? 2 : 1);
}

std::string inflection_stem(std::string_view lower) {
  std::string word(lower);
  if (word.ends_with("'s")) {
    word.resize(word.size() - 2);
  }
  // "stopped" -> "stop"; not "l" ("cancelled", but also "called"), nor "s" or "z".
  const auto undouble = [](std::string& stem) {
    const std::size_t n = stem.size();
    if (n > 3 && stem[n - 1] == stem[n - 2] &&
        std::string_view("aeioulsz").find(stem[n - 1]) == std::string_view::npos) {
      stem.pop_back();
    }
  };
  const auto strip = [&](std::size_t suffix) { word.resize(word.size() - suffix); };
  const std::size_t n = word.size();
  if (n > 4 && (word.ends_with("ies") || word.ends_with("ied"))) {
    strip(3);
    word += 'y';
  } else if (n > 5 && word.ends_with("ing")) {
    strip(3);
    undouble(word);
  } else if (n > 4 && word.ends_with("ed")) {
    strip(2);
    undouble(word);
  } else if (n > 4 && (word.ends_with("sses") || word.ends_with("xes") || word.ends_with("ches") ||
                       word.ends_with("shes") || word.ends_with("zes"))) {
    strip(2);
  } else if (n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") &&
             !word.ends_with("is")) {
    strip(1);
  }
  if (word.size() > 4 && word.ends_with('e')) {
    word.pop_back();
  }
  return word;
}

}  // namespace tracker::text
