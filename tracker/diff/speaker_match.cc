#include "tracker/diff/speaker_match.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "tracker/claims/attribution.h"
#include "tracker/text/tokens.h"
#include "tracker/text/word_forms.h"

namespace tracker::diff {
namespace {

// Titles that come and go before a name without naming anyone else.
constexpr std::array<std::string_view, 12> k_courtesy_titles = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "professor", "rev", "lord", "lady"};

bool is_courtesy_title(std::string_view lower) {
  return std::find(k_courtesy_titles.begin(), k_courtesy_titles.end(), lower) != k_courtesy_titles.end();
}

// The attribution's words that identify its speaker: function words and titles aside.
std::vector<std::string> naming_words(std::string_view attribution) {
  std::vector<std::string> kept;
  for (const text::Token& token : text::tokenize(attribution)) {
    std::string word(text::without_possessive(token.lower));
    if (!text::is_function_word(word) && !is_courtesy_title(word)) {
      kept.push_back(std::move(word));
    }
  }
  return kept;
}

// The capitalised words that end the attribution, titles aside: a person's name ("Tom
// Perkins" in "VC investor Tom Perkins"); empty when it ends in a common noun ("the US
// military").
std::vector<std::string> trailing_name(std::string_view attribution) {
  const std::vector<text::Token> tokens = text::tokenize(attribution);
  std::vector<std::string> name;
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
    if (it->text.empty() || it->text[0] < 'A' || it->text[0] > 'Z') {
      break;
    }
    if (!is_courtesy_title(it->lower)) {
      name.insert(name.begin(), it->lower);
    }
  }
  return name;
}

bool spelt_alike(const std::string& a, const std::string& b) { return text::are_spelling_variants(a, b); }

// Both end in a name of two words or more whose last two words agree: one person, however
// described. Two words, so that "the US State Department" and "the US Defense Department"
// stay two speakers.
bool same_trailing_name(std::string_view a, std::string_view b) {
  const std::vector<std::string> left = trailing_name(a);
  const std::vector<std::string> right = trailing_name(b);
  if (left.size() < 2 || right.size() < 2) {
    return false;
  }
  return spelt_alike(left[left.size() - 1], right[right.size() - 1]) &&
         spelt_alike(left[left.size() - 2], right[right.size() - 2]);
}

}  // namespace

bool same_speaker(std::string_view a, std::string_view b) {
  if ((claims::is_pronoun(a) && !b.empty()) || (claims::is_pronoun(b) && !a.empty())) {
    return true;
  }
  const std::vector<std::string> left = naming_words(a);
  const std::vector<std::string> right = naming_words(b);
  if (left.empty() || right.empty()) {
    return left.empty() == right.empty();
  }
  if (same_trailing_name(a, b)) {
    return true;
  }
  const auto& shorter = left.size() <= right.size() ? left : right;
  const auto& longer = left.size() <= right.size() ? right : left;
  return std::all_of(shorter.begin(), shorter.end(), [&](const std::string& word) {
    return std::any_of(longer.begin(), longer.end(),
                       [&](const std::string& other) { return spelt_alike(word, other); });
  });
}

bool speaker_still_named(std::string_view attribution, std::string_view other_sentence) {
  const std::vector<std::string> speaker = naming_words(attribution);
  if (speaker.empty()) {
    return false;
  }
  std::vector<std::string> words;
  for (const text::Token& token : text::tokenize(other_sentence)) {
    words.emplace_back(text::without_possessive(token.lower));
  }
  if (std::all_of(speaker.begin(), speaker.end(), [&](const std::string& word) {
        return std::find(words.begin(), words.end(), word) != words.end();
      })) {
    return true;
  }
  // The name run together with a neighbour or split apart ("Dmitry Peskovsaid that", "Mc
  // Donald"): its words in order, spaces aside, from the start of one of the sentence's words.
  std::string joined_name;
  for (const std::string& word : speaker) {
    joined_name += word;
  }
  std::string joined_sentence;
  std::vector<std::size_t> word_starts;
  for (const std::string& word : words) {
    word_starts.push_back(joined_sentence.size());
    joined_sentence += word;
  }
  return std::any_of(word_starts.begin(), word_starts.end(), [&](std::size_t start) {
    return joined_sentence.compare(start, joined_name.size(), joined_name) == 0;
  });
}

}  // namespace tracker::diff
