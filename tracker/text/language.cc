#include "tracker/text/language.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <unordered_map>

#include "tracker/text/tokens.h"

namespace tracker::text {
namespace {

// Enough text to tell a language; the rest of a long page would only cost time.
constexpr std::size_t k_sample_bytes = 16 * 1024;

// The commonest function words of each language, leaving out those that are also English
// words ("in", "a", "is", "also", "was", "man", "so"), so that English text scores nothing
// in the others. A word may serve several languages ("que", "la").
struct WordList {
  std::string_view code;
  std::initializer_list<std::string_view> words;
};

// clang-format off
const std::array<WordList, 8> k_languages = {{
    {"en", {"the", "of", "and", "to", "is", "that", "was", "for", "with", "are", "have", "has",
            "said", "this", "from", "by", "were", "not", "which", "be", "their", "it", "at",
            "they", "will", "would", "been", "its", "had", "after", "who"}},
    {"de", {"der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "dem", "des",
            "ein", "eine", "einer", "einen", "sich", "auf", "für", "wurde", "werden", "sind",
            "auch", "zu", "im", "bei", "nach", "wie", "oder", "aber", "hat", "sie", "nur",
            "noch", "über", "zum", "zur", "haben", "wird"}},
    {"fr", {"le", "la", "les", "des", "du", "et", "est", "une", "un", "dans", "pour", "que",
            "qui", "sur", "pas", "au", "aux", "avec", "ce", "cette", "sont", "ont", "été",
            "par", "il", "elle", "ne", "plus", "ses", "leur", "mais", "selon", "de"}},
    {"es", {"el", "la", "los", "las", "del", "y", "es", "una", "un", "en", "que", "por",
            "para", "con", "se", "su", "al", "lo", "como", "más", "pero", "fue", "han", "ha",
            "sus", "este", "esta", "según", "entre", "sobre", "de"}},
    {"pt", {"os", "da", "do", "das", "dos", "e", "é", "um", "uma", "em", "que", "para",
            "com", "não", "por", "se", "ao", "na", "no", "foi", "são", "mais", "pelo", "pela",
            "seu", "sua", "segundo", "entre", "sobre", "de"}},
    {"it", {"il", "lo", "gli", "le", "della", "delle", "dei", "di", "e", "è", "un", "una",
            "che", "per", "con", "non", "sono", "nel", "nella", "alla", "da", "ha", "anche",
            "come", "più", "questo", "questa", "secondo"}},
    {"nl", {"de", "het", "een", "en", "van", "niet", "met", "op", "voor", "zijn", "dat",
            "er", "aan", "ook", "werd", "naar", "wordt", "bij", "om", "heeft", "worden",
            "volgens", "maar", "nog"}},
    {"id", {"yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "dalam",
            "akan", "pada", "juga", "ke", "karena", "ada", "bisa", "kita", "atau", "oleh",
            "sudah", "menurut"}},
}};
// clang-format on

// The longest word of the lists, in bytes.
const std::size_t k_longest_listed_word = [] {
  std::size_t longest = 0;
  for (const WordList& list : k_languages) {
    for (const std::string_view word : list.words) {
      longest = std::max(longest, word.size());
    }
  }
  return longest;
}();

// A text is in another language when that language's words outnumber English's this many
// times over, and there are at least k_min_hits of them.
constexpr std::size_t k_min_hits = 3;
constexpr std::size_t k_margin = 2;

// The code point starting at text[pos] and its length, or U+FFFD for a broken sequence.
std::pair<std::uint32_t, std::size_t> decode(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (lead >= 0x80 && lead < 0xC0) {
    return {0xFFFD, 1};
  }
  if (pos + length > text.size()) {
    return {0xFFFD, text.size() - pos};
  }
  std::uint32_t code = length == 1 ? lead : length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
  for (std::size_t i = 1; i < length; ++i) {
    code = (code << 6) | (byte(pos + i) & 0x3F);
  }
  return {code, length};
}

// The script of a letter other than Latin, as the code of a text written in it; empty for
// Latin letters and for anything that is not a letter of a script we tell apart.
std::string_view script_language(std::uint32_t c) {
  if (c >= 0x0370 && c <= 0x03FF) return "el";
  if (c >= 0x0400 && c <= 0x052F) return "und-Cyrl";
  if (c >= 0x0590 && c <= 0x05FF) return "he";
  if (c >= 0x0600 && c <= 0x06FF) return "und-Arab";
  if (c >= 0x0900 && c <= 0x097F) return "und-Deva";
  if (c >= 0x0E00 && c <= 0x0E7F) return "th";
  if (c >= 0x3040 && c <= 0x30FF) return "ja";
  if (c >= 0x4E00 && c <= 0x9FFF) return "und-Hani";
  if (c >= 0xAC00 && c <= 0xD7AF) return "ko";
  return {};
}

bool is_latin_letter(std::uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

// The script most letters are written in, when that is not Latin. Kana beats Han: Japanese
// text mixes both, Chinese has no kana.
std::string_view dominant_script(std::string_view text) {
  std::size_t latin = 0;
  std::size_t other = 0;
  std::array<std::pair<std::string_view, std::size_t>, 10> counts{};
  for (std::size_t pos = 0; pos < text.size();) {
    // ASCII, most of a Latin text, is told without decoding: a letter or nothing.
    if (const auto byte = static_cast<unsigned char>(text[pos]); byte < 0x80) {
      latin += ((byte | 0x20U) >= 'a' && (byte | 0x20U) <= 'z') ? 1 : 0;
      ++pos;
      continue;
    }
    const auto [code, length] = decode(text, pos);
    pos += length;
    if (is_latin_letter(code)) {
      ++latin;
      continue;
    }
    const std::string_view script = script_language(code);
    if (script.empty()) {
      continue;
    }
    ++other;
    for (auto& [name, count] : counts) {
      if (name.empty() || name == script) {
        name = script;
        ++count;
        break;
      }
    }
  }
  if (other <= latin) {
    return {};
  }
  const auto count_of = [&](std::string_view name) {
    for (const auto& [script, count] : counts) {
      if (script == name) return count;
    }
    return std::size_t{0};
  };
  if (count_of("ja") > 0 && count_of("ja") * 10 >= count_of("und-Hani")) {
    return "ja";
  }
  return std::max_element(counts.begin(), counts.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

// Each word of the lists with the languages it belongs to (bit i: k_languages[i]): one hash
// look-up per word instead of a scan of every list.
const std::unordered_map<std::string_view, std::uint16_t>& language_of_word() {
  static const std::unordered_map<std::string_view, std::uint16_t> table = [] {
    std::unordered_map<std::string_view, std::uint16_t> words;
    for (std::size_t i = 0; i < k_languages.size(); ++i) {
      for (std::string_view word : k_languages[i].words) {
        words[word] = static_cast<std::uint16_t>(words[word] | (1U << i));
      }
    }
    return words;
  }();
  return table;
}

}  // namespace

LanguageGuess detect_language(std::string_view text) {
  if (text.size() > k_sample_bytes) {
    std::size_t cut = k_sample_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
      --cut;  // not inside a character
    }
    text = text.substr(0, cut);
  }
  if (const std::string_view script = dominant_script(text); !script.empty()) {
    return LanguageGuess{std::string(script)};
  }
  std::array<std::size_t, k_languages.size()> hits{};
  const auto& table = language_of_word();
  // Lower-cased once, read by spans: the sample is up to 16 KB, and a copy per word costs more
  // than the look-ups. A word longer than every listed word needs none.
  const std::string lower = ascii_lower(text);
  for (const TokenSpan& span : token_spans(lower)) {
    if (span.size > k_longest_listed_word) {
      continue;
    }
    const auto found = table.find(std::string_view(lower).substr(span.begin, span.size));
    if (found == table.end()) {
      continue;
    }
    for (std::size_t i = 0; i < k_languages.size(); ++i) {
      hits[i] += (found->second >> i) & 1U;
    }
  }
  const std::size_t english = hits[0];
  const auto best = std::max_element(hits.begin() + 1, hits.end());
  if (*best >= k_min_hits && *best > k_margin * english) {
    return LanguageGuess{std::string(k_languages[static_cast<std::size_t>(best - hits.begin())].code)};
  }
  return LanguageGuess{};
}

LanguageGuess detect_language(const std::vector<std::string>& paragraphs) {
  std::string sample;
  for (const std::string& paragraph : paragraphs) {
    if (sample.size() >= k_sample_bytes) {
      break;
    }
    sample += paragraph;
    sample += '\n';
  }
  return detect_language(sample);
}

}  // namespace tracker::text
