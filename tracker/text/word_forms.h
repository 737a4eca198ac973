#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_set>

namespace tracker::text {

// True when `word` is one of `set`: the word lists of the claim rules are small arrays. Asked
// for every word of every sentence, so each entry is tested by its size and first byte before
// the whole compare: most fail there, without a call to memcmp.
template <std::size_t N>
constexpr bool one_of(std::string_view word, const std::array<std::string_view, N>& set) {
  for (const std::string_view entry : set) {
    if (entry.size() == word.size() && (word.empty() || entry[0] == word[0]) && entry == word) {
      return true;
    }
  }
  return false;
}

// The words of one or more of those lists as one set: for a word asked at every word of a
// sentence against several lists, one look-up that tells most words apart before any list.
template <std::size_t... N>
std::unordered_set<std::string_view> word_set(const std::array<std::string_view, N>&... lists) {
  std::unordered_set<std::string_view> words;
  (words.insert(lists.begin(), lists.end()), ...);
  return words;
}

// English function words (articles, pronouns, auxiliaries, prepositions, conjunctions): words
// whose coming and going changes how a sentence reads, not what it claims. Lower-case input.
bool is_function_word(std::string_view lower);

// Number words, written numerals and ordinals ("ten", "dozen", "eleventh", "11th", "2,000"):
// what they say is compared by value, as quantities, not as words. Lower-case input.
bool is_number_word(std::string_view lower);

// A word that negates what follows: "not", "no", "never", "neither", "nor", "cannot",
// "without" and the "-n't" contractions. Lower-case input.
bool is_negation(std::string_view lower);

// Whether a word negates, given the word after it (empty at the end): a negation, or a verb that
// negates the verb after "to" ("refused to resign", "failed to reach", "declined to sign").
// Lower-case input.
bool negates(std::string_view lower, std::string_view next);

// Two spellings of one word: a typo fix ("attorenys"/"attorneys"), a regional spelling
// ("neighbouring"/"neighboring"), an inflection ("has"/"had", "rule"/"ruled", "mp"/"mps").
// Lower-case.
bool are_spelling_variants(std::string_view a, std::string_view b);

// A lower-case word without its inflection: the plural, possessive, past and "-ing" endings
// ("killed", "killing", "kills" -> "kill"; "injuries" -> "injury"; "stopped" -> "stop"), and a
// final "e" ("evacuate", "evacuated" -> "evacuat"), so that inflected forms compare equal. Unlike
// Snowball's stemmer it leaves derived words apart: "executive" is not "executed", "hospitals"
// is not "hospitalised".
std::string inflection_stem(std::string_view lower);

// A number's ordinal suffix dropped: "22nd" -> "22", "1st" -> "1"; any other word as given.
std::string_view without_ordinal_suffix(std::string_view word);

// True when `a` and `b` differ by at most `limit` insertions, deletions, substitutions or
// swaps of adjacent bytes. Costs O(|a| * limit).
bool within_edit_distance(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace tracker::text
