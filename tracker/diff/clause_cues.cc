#include "tracker/diff/clause_cues.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "tracker/diff/word_diff.h"
#include "tracker/text/tokens.h"
#include "tracker/text/word_forms.h"

namespace tracker::diff {
namespace {

// Words that open a clause of their own.
constexpr std::array<std::string_view, 10> k_clause_openers = {
    "but", "and", "which", "while", "whereas", "however", "though", "although", "because", "who"};

bool opens_clause(std::string_view lower) {
  return std::find(k_clause_openers.begin(), k_clause_openers.end(), lower) != k_clause_openers.end();
}

struct Word {
  std::string lower;
  std::size_t clause = 0;
  bool cue = false;     // a certainty cue or a negation
  bool edited = false;  // in a run of words the other version does not have (word_diff)
};

// The start of each space-separated word of `text`, as word_diff splits it.
std::vector<std::size_t> word_starts(std::string_view text) {
  std::vector<std::size_t> starts;
  for (const std::string_view word : split_words(text)) {
    starts.push_back(static_cast<std::size_t>(word.data() - text.data()));
  }
  return starts;
}

// Per space-separated word of each version: whether the word diff of the two puts it in an
// added or removed run.
struct EditedWords {
  std::vector<bool> before;
  std::vector<bool> after;
};

EditedWords edited_words(const std::vector<WordEdit>& word_edits) {
  EditedWords edited;
  for (const WordEdit& edit : word_edits) {
    const std::size_t words = split_words(edit.text).size();
    if (edit.op != WordEdit::Op::added) {
      edited.before.insert(edited.before.end(), words, edit.op == WordEdit::Op::removed);
    }
    if (edit.op != WordEdit::Op::removed) {
      edited.after.insert(edited.after.end(), words, edit.op == WordEdit::Op::added);
    }
  }
  return edited;
}

// The sentence's words, each with the index of its clause: a clause ends at , ; : ( ) and
// before a word that opens one. `edited` is edited_words' flags for this version.
std::vector<Word> clause_words(const claims::Claim& claim, const std::vector<bool>& edited) {
  std::unordered_set<std::string> cues;
  for (const std::string& cue : claim.certainty_cues) {
    const std::string lower = text::ascii_lower(cue);
    cues.insert(lower.substr(0, lower.find(' ')));  // a cue of several words: its first
  }
  std::vector<Word> words;
  std::size_t clause = 0;
  std::size_t previous_end = 0;
  const std::vector<text::Token> tokens = text::tokenize(claim.text);
  const std::vector<std::size_t> starts = word_starts(claim.text);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& token = tokens[i];
    const std::string_view next = i + 1 < tokens.size() ? std::string_view(tokens[i + 1].lower) : "";
    const std::string_view between =
        std::string_view(claim.text).substr(previous_end, token.begin - std::min(previous_end, token.begin));
    if (!words.empty() && (between.find_first_of(",;:()") != std::string_view::npos || opens_clause(token.lower))) {
      ++clause;
    }
    previous_end = token.begin + token.text.size();
    // The space-separated word the token is in.
    const auto after_start = std::upper_bound(starts.begin(), starts.end(), token.begin);
    const std::size_t word = after_start == starts.begin()
                                 ? 0
                                 : static_cast<std::size_t>(after_start - starts.begin()) - 1;
    words.push_back(Word{token.lower, clause,
                         cues.contains(token.lower) || text::negates(token.lower, next),
                         word < edited.size() && edited[word]});
  }
  return words;
}

bool is_content(const Word& word) {
  return !word.cue && word.lower.size() > 1 && !text::is_function_word(word.lower);
}

// Per clause of `words`: whether it came or went, judged against the other version's words.
std::vector<bool> novel_clauses(const std::vector<Word>& words, const std::unordered_set<std::string>& other) {
  const std::size_t clauses = words.empty() ? 0 : words.back().clause + 1;
  std::vector<std::size_t> content(clauses, 0);
  std::vector<std::size_t> absent(clauses, 0);
  std::vector<bool> all_edited(clauses, true);
  for (const Word& word : words) {
    all_edited[word.clause] = all_edited[word.clause] && word.edited;
    if (is_content(word)) {
      ++content[word.clause];
      absent[word.clause] += other.contains(word.lower) ? 0 : 1;
    }
  }
  std::vector<bool> novel(clauses);
  for (std::size_t i = 0; i < clauses; ++i) {
    // Two thirds of three or more content words new, or both of two ("however there is no
    // subscription fee"); or, of two or more, every word in one run that came or went, though
    // one of them stands elsewhere in the other version ("'The flood might not have peaked,'"
    // put before a sentence about the flood).
    novel[i] = (content[i] >= 3 && absent[i] * 3 >= content[i] * 2) ||
               (content[i] == 2 && absent[i] == 2) || (content[i] >= 2 && all_edited[i]);
  }
  return novel;
}

// The cue words outside clauses that came or went, sorted; `any_in_novel` is set when a cue
// sits in one.
std::vector<std::string> lasting_cues(const std::vector<Word>& words, const std::unordered_set<std::string>& other,
                                      bool& any_in_novel) {
  const std::vector<bool> novel = novel_clauses(words, other);
  std::vector<std::string> kept;
  for (const Word& word : words) {
    if (!word.cue) {
      continue;
    }
    if (novel[word.clause]) {
      any_in_novel = true;
    } else {
      kept.push_back(word.lower);
    }
  }
  std::sort(kept.begin(), kept.end());
  return kept;
}

std::unordered_set<std::string> lower_words(const std::vector<Word>& words) {
  std::unordered_set<std::string> set;
  for (const Word& word : words) {
    set.insert(word.lower);
  }
  return set;
}

}  // namespace

bool cue_changes_ride_on_clauses(const claims::Claim& before, const claims::Claim& after,
                                 const std::vector<WordEdit>& word_edits) {
  const EditedWords edited = edited_words(word_edits);
  const std::vector<Word> old_words = clause_words(before, edited.before);
  const std::vector<Word> new_words = clause_words(after, edited.after);
  bool any_in_novel = false;
  return lasting_cues(old_words, lower_words(new_words), any_in_novel) ==
             lasting_cues(new_words, lower_words(old_words), any_in_novel) &&
         any_in_novel;
}

}  // namespace tracker::diff
