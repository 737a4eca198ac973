#include "tracker/report/figure_setter.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "tracker/claims/attribution.h"
#include "tracker/claims/attribution_words.h"
#include "tracker/claims/speaker_phrases.h"
#include "tracker/text/tokens.h"
#include "tracker/text/word_forms.h"

namespace tracker::report {
namespace {

using namespace std::string_view_literals;

// Verbs by which an actor sets or states a figure of its own: offers and pledges, budgets,
// estimates and counts, and changes to its own figure. Finite forms only: "the offered sum" is
// no verb, and speaker_phrases finds no subject before it.
constexpr std::array<std::string_view, 34> k_setting_verbs = {
    "offered",   "offers",    "pledged",   "pledges",   "promised",  "promises", "raised",
    "raises",    "lowered",   "lowers",    "increased", "increases", "reduced",  "reduces",
    "cut",       "cuts",      "set",       "sets",      "paid",      "pays",     "demanded",
    "demands",   "estimated", "estimates", "counted",   "put",       "puts",     "earmarked",
    "allocated", "approved",  "proposed",  "proposes",  "budgeted",  "revised"};

bool setting_verb(std::string_view lower) {
  return std::find(k_setting_verbs.begin(), k_setting_verbs.end(), lower) != k_setting_verbs.end();
}

// Words that open a clause of its own after a comma: a number there is that clause's, not the
// verb's object ("The board last cut jobs in 2019, when 350 posts were removed").
constexpr std::array<std::string_view, 10> k_subordinators = {
    "when", "where", "which", "who", "after", "before", "while", "because", "although", "if"};

// Whether a comma and a subordinator stand between byte `from` and byte `to` of `clause`.
bool subordinate_clause_between(std::string_view clause, std::size_t from, std::size_t to) {
  for (std::size_t comma = clause.find(", ", from); comma != std::string_view::npos && comma < to;
       comma = clause.find(", ", comma + 1)) {
    const std::string_view next = clause.substr(comma + 2);
    for (std::string_view word : k_subordinators) {
      if (next.starts_with(word) && (next.size() == word.size() || next[word.size()] == ' ')) {
        return true;
      }
    }
  }
  return false;
}

// A subject as speaker_phrases reads it names an actor: it opens with a capital ("Pellara Rail")
// or a determiner ("the government"), not with an adverb it took in ("last" of "The board, whose
// staff ..., last cut").
bool names_an_actor(std::string_view subject) {
  const std::vector<text::Token> words = text::tokenize(subject);
  return !words.empty() &&
         (claims::speaker_phrases::is_capitalised(words.front()) ||
          text::one_of(words.front().lower, claims::attribution_words::k_determiners));
}

// The possessive before a count word: "service's", "service’s". Empty when it is none.
std::string_view possessor_word(std::string_view word) {
  for (std::string_view mark : {"'s"sv, "\u2019s"sv}) {
    if (word.size() > mark.size() && word.ends_with(mark)) {
      return word.substr(0, word.size() - mark.size());
    }
  }
  return {};
}

}  // namespace

std::string count_owner(std::string_view clause, const std::vector<text::Token>& tokens,
                        std::size_t number_at) {
  constexpr std::array<std::string_view, 6> k_count_words = {"count", "estimate", "figure",
                                                             "tally", "total",    "toll"};
  constexpr std::size_t k_reach = 3;  // "count stood at about 3,500": the count, a verb, "at"
  std::size_t before_number = 0;
  while (before_number < tokens.size() && tokens[before_number].begin < number_at) {
    ++before_number;
  }
  for (std::size_t back = 1; back <= k_reach && back <= before_number; ++back) {
    const std::size_t count = before_number - back;
    if (!text::one_of(tokens[count].lower, k_count_words) || count == 0) {
      continue;
    }
    std::size_t owner = count - 1;
    if (tokens[owner].lower == "own" && owner > 0) {
      --owner;
    }
    if (possessor_word(tokens[owner].text).empty()) {
      return {};
    }
    // The possessor's noun phrase: back over its words to a determiner or a capitalised opening.
    std::size_t first = owner;
    while (first > 0 && owner - first < 4) {
      const text::Token& word = tokens[first - 1];
      if (text::one_of(word.lower, claims::attribution_words::k_determiners)) {
        --first;
        break;
      }
      if (text::is_function_word(word.lower)) {
        break;
      }
      --first;
    }
    const std::size_t end = tokens[owner].begin + possessor_word(tokens[owner].text).size();
    std::string owner_phrase(clause.substr(tokens[first].begin, end - tokens[first].begin));
    return names_an_actor(owner_phrase) ? owner_phrase : std::string();
  }
  return {};
}

std::string figure_setter(std::string_view clause, const std::vector<text::Token>& tokens,
                          std::size_t number_at) {
  std::string setter;
  for (std::size_t i = 1; i < tokens.size() && tokens[i].begin < number_at; ++i) {
    if (!setting_verb(tokens[i].lower) ||
        subordinate_clause_between(clause, tokens[i].begin, number_at)) {
      continue;
    }
    std::optional<std::string> subject = claims::speaker_phrases::subject_before(clause, tokens, i);
    if (!subject) {
      subject = claims::speaker_phrases::subject_before_apposition(clause, tokens, i);
    }
    if (subject && names_an_actor(*subject)) {
      // The first: a later verb belongs to a clause inside its object ("raised the number of
      // jobs it will cut to 1,900"), whose subject speaker_phrases would read back to the start.
      setter = std::move(*subject);
      break;
    }
  }
  return claims::is_pronoun(setter) ? std::string() : setter;
}

}  // namespace tracker::report
