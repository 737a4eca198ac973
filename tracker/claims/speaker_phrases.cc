#include "tracker/claims/speaker_phrases.h"

#include <optional>

#include "tracker/claims/attribution.h"
#include "tracker/claims/attribution_words.h"
#include "tracker/claims/speaker_phrase_parts.h"
#include "tracker/text/word_forms.h"

namespace tracker::claims::speaker_phrases {

using namespace attribution_words;  // the word lists
using text::one_of;
using namespace parts;  // the helpers shared with speaker_apposition.cc

namespace parts {

bool is_boundary_between(std::string_view sentence, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to && i < sentence.size(); ++i) {
    const char c = sentence[i];
    // No '.': the sentence splitter has cut at sentence ends, so a period inside a sentence
    // belongs to an abbreviation ("The U.S. Corps", "Mr. Svartholm").
    // A comma between digits separates thousands ("about 2,400"): no boundary.
    const bool in_number = c == ',' && i > 0 && i + 1 < sentence.size() && sentence[i - 1] >= '0' &&
                           sentence[i - 1] <= '9' && sentence[i + 1] >= '0' &&
                           sentence[i + 1] <= '9';
    if ((c == ',' && !in_number) || c == ';' || c == ':' || c == '"' || c == '(' || c == ')') {
      return true;
    }
  }
  return false;
}

std::size_t token_end(const text::Token& token) {
  return token.begin + token.text.size();
}

}  // namespace parts

bool boundary_before(std::string_view sentence, const std::vector<text::Token>& tokens,
                     std::size_t i) {
  return i == 0 || is_boundary_between(sentence, token_end(tokens[i - 1]), tokens[i].begin);
}

bool is_capitalised(const text::Token& token) {
  return !token.text.empty() && token.text[0] >= 'A' && token.text[0] <= 'Z';
}

namespace parts {

std::string span(std::string_view sentence, const std::vector<text::Token>& tokens,
                 std::size_t first, std::size_t last) {
  const std::size_t begin = tokens[first].begin;
  const std::size_t end = token_end(tokens[last]);
  return std::string(sentence.substr(begin, end - begin));
}

// "member of parliaments (MP) for National": when the word at `after` follows a closing
// parenthesis, the index of the parenthetical's first word, so a walk back can step over it.
// A comma after the parenthesis ends a phrase unless `comma_after` allows it ("(TVNZ), has").
std::optional<std::size_t> parenthetical_before(std::string_view sentence,
                                                const std::vector<text::Token>& tokens,
                                                std::size_t after, bool comma_after) {
  constexpr std::size_t k_max_parenthetical_tokens = 6;
  if (after == 0) {
    return std::nullopt;
  }
  const auto gap = [&](std::size_t i) {
    return sentence.substr(token_end(tokens[i - 1]), tokens[i].begin - token_end(tokens[i - 1]));
  };
  const std::string_view closing = gap(after);
  if (closing.empty() || closing[0] != ')' ||
      closing.find_first_of(comma_after ? ";:\"" : ",;:\"") != std::string_view::npos) {
    return std::nullopt;
  }
  for (std::size_t k = after - 1; k > 0 && after - k <= k_max_parenthetical_tokens; --k) {
    const std::string_view opening = gap(k);
    if (opening.find(')') != std::string_view::npos) {
      return std::nullopt;
    }
    if (opening.find('(') != std::string_view::npos) {
      return opening.find_first_of(",;:\"") == std::string_view::npos ? std::optional(k)
                                                                      : std::nullopt;
    }
  }
  return std::nullopt;
}

// A speaker is a noun phrase: a name, a pronoun, or a phrase opened by a determiner or by a
// capitalised or content word; never a number phrase ("Two United ...") or a clause.
bool is_speaker_phrase(const std::vector<text::Token>& tokens, std::size_t first,
                       std::size_t last) {
  const text::Token& head = tokens[first];
  if (text::is_number_word(head.lower) || one_of(head.lower, k_not_subject_starts)) {
    return false;
  }
  if (text::is_function_word(head.lower) && !one_of(head.lower, k_determiners) &&
      !one_of(head.lower, k_pronouns)) {
    return false;
  }
  if (first == last && one_of(head.lower, k_pronouns)) {
    return true;  // "he said": the caller resolves the pronoun where it can
  }
  if (first == last && one_of(head.lower, k_quantifier_pronouns)) {
    return true;  // "Some speculate", "Many believe"
  }
  // The phrase must hold a noun-like word: a content word, or a capitalised word that is no
  // function word ("The" alone names no one).
  for (std::size_t i = first; i <= last; ++i) {
    if (!text::is_function_word(tokens[i].lower)) {
      return true;
    }
  }
  return false;
}

}  // namespace parts

// A reporting word that is not a verb here. After a determiner it is a noun: "the claim",
// "their reports", "some reports"; after a word that may also stand for people, only a plural
// is ("some argue").
// The plurals that are also nouns are nouns after a past-tense verb or a preposition too:
// "dismissed claims that", "amid reports that"; and before "of", "regarding", "made" or a verb
// of their own: "claims regarding plant perception are considered", "reports of shelling",
// "claims made by the ministry", "estimates were revised".
bool is_noun_here(const std::vector<text::Token>& tokens, std::size_t i) {
  static constexpr std::array<std::string_view, 11> k_noun_followers = {
      "of", "regarding", "concerning", "made", "were", "are", "have", "had", "remain", "suggest",
      "show"};
  if (i + 1 < tokens.size() && one_of(tokens[i].lower, k_plural_nouns) &&
      one_of(tokens[i + 1].lower, k_noun_followers)) {
    return true;
  }
  if (i == 0) {
    return false;
  }
  const std::string_view before = tokens[i - 1].lower;
  // A participle after a number or a preposition describes what follows it: "63 confirmed
  // cases", "the number of confirmed cases", "amid reported clashes".
  if (tokens[i].lower.ends_with("ed") &&
      ((before[0] >= '0' && before[0] <= '9') || one_of(before, k_prepositions))) {
    return true;
  }
  // Nor is one joined to a passive's participle: "homes were destroyed or declared unsafe"
  // (while "the agency counted and reported" has two verbs).
  if (tokens[i].lower.ends_with("ed") && (before == "or" || before == "and") && i >= 3 &&
      tokens[i - 2].lower.ends_with("ed") && one_of(tokens[i - 3].lower, k_be_forms)) {
    return true;
  }
  if (one_of(tokens[i].lower, k_plural_nouns) &&
      ((before.ends_with("ed") && !one_of(before, k_auxiliaries)) ||
       one_of(before, k_prepositions))) {
    return true;
  }
  if (!one_of(before, k_determiners)) {
    return false;
  }
  const bool people =
      one_of(before, k_quantifier_pronouns) || before == "those" || before == "these";
  return !people || tokens[i].lower.ends_with("s");
}

namespace parts {

// A run of names: every token capitalised ("Television New Zealand (TVNZ)", "AmerenUE").
bool all_capitalised(const std::vector<text::Token>& tokens, std::size_t first, std::size_t end) {
  return end - first <= 5 &&
         std::all_of(tokens.begin() + static_cast<std::ptrdiff_t>(first),
                     tokens.begin() + static_cast<std::ptrdiff_t>(end), is_capitalised);
}

// Where a subject ending at `last` starts: back to a clause boundary, a reporting verb or a
// comma (but not a comma of a list of names), stepping over parentheses. nullopt when it runs
// back further than a subject does, unless an "and" joins that clause to the subject's own.
std::optional<std::size_t> subject_start(std::string_view sentence,
                                         const std::vector<text::Token>& tokens, std::size_t last) {
  std::size_t first = last;
  bool coordinated = false;              // "Western, South Korean and Ukrainian agencies": a list
  std::optional<std::size_t> after_and;  // "... at random and Level 3 tech support still says"
  while (first > 0 && last - first + 1 < k_max_subject_tokens) {
    if (const auto opened = parenthetical_before(sentence, tokens, first)) {
      first = *opened - 1;  // "Inspector General of Police (Law and Order) Raj Kanojia said"
      continue;
    }
    const text::Token& previous = tokens[first - 1];
    if (tokens[first].lower == "and" && !after_and) {
      after_and = first + 1;
    }
    coordinated = coordinated || tokens[first].lower == "and";
    const bool comma = is_boundary_between(sentence, token_end(previous), tokens[first].begin);
    const bool list_comma =
        comma && coordinated && is_capitalised(previous) && is_capitalised(tokens[first]) &&
        sentence.substr(token_end(previous), tokens[first].begin - token_end(previous)) == ", ";
    // A reporting verb ends the subject, unless it opens the sentence: there it is a noun
    // ("Reports from the scene say").
    const bool verb_before =
        is_reporting_verb(previous.lower) && !(first == 1 && is_capitalised(previous));
    if (one_of(previous.lower, k_clause_starts) || verb_before || (comma && !list_comma)) {
      break;
    }
    --first;
  }
  // A subject reaching back to a long clause is not a subject: "troops fighting there said".
  if (last - first + 1 >= k_max_subject_tokens) {
    if (!after_and || *after_and > last) {
      return std::nullopt;
    }
    first = *after_and;
  }
  return first;
}

// The speaker in tokens first..last, without the time words and sentence adverbs around it
// ("Earlier this week officials said", "Ed Balls yesterday announced"); nullopt when what is
// left is no noun phrase.
std::optional<std::string> trimmed_speaker(std::string_view sentence,
                                           const std::vector<text::Token>& tokens,
                                           std::size_t first, std::size_t last) {
  while (first < last && one_of(tokens[first].lower, k_time_lead_words)) {
    ++first;
  }
  while (last > first && one_of(tokens[last].lower, k_time_lead_words)) {
    --last;
  }
  if (!is_speaker_phrase(tokens, first, last)) {
    return std::nullopt;
  }
  return span(sentence, tokens, first, last);
}

}  // namespace parts

// "X said": the subject is the run of tokens before the verb, back to a clause boundary.
std::optional<std::string> subject_before(std::string_view sentence,
                                          const std::vector<text::Token>& tokens,
                                          std::size_t verb) {
  std::size_t last = verb;
  while (last > 0 && one_of(tokens[last - 1].lower, k_auxiliaries)) {
    --last;
  }
  if (last == 0) {
    return std::nullopt;
  }
  // "is said to", "has been reported", "are confirmed dead": a passive names no speaker;
  // "was quoted as saying" does.
  if (verb > 0 && one_of(tokens[verb - 1].lower, k_be_forms) &&
      !tokens[verb].lower.ends_with("ing") &&
      !(tokens[verb].lower == "quoted" && verb + 1 < tokens.size() &&
        tokens[verb + 1].lower == "as")) {
    return std::nullopt;
  }
  // "The Central Election Commission (CEC) has said": the abbreviation is not the subject;
  // what must hold no boundary is the gap from the subject (or its parenthesis) to the verb.
  std::size_t gap_from = token_end(tokens[last - 1]);
  if (const auto opened = parenthetical_before(sentence, tokens, last)) {
    gap_from = last < verb ? token_end(tokens[last]) : tokens[verb].begin;
    last = *opened;
  }
  --last;  // the subject's last token
  if (is_boundary_between(sentence, gap_from, tokens[verb].begin)) {
    return std::nullopt;  // "…,” said X" has no subject before the verb
  }
  if (one_of(tokens[last].lower, k_coordinators)) {
    return std::nullopt;  // "X resigned and said": the caller looks for the sentence's subject
  }
  const auto first = subject_start(sentence, tokens, last);
  if (!first) {
    return std::nullopt;
  }
  return trimmed_speaker(sentence, tokens, *first, last);
}

namespace parts {

// The lower-case verb that ends a sentence's opening noun phrase: "-ed", an auxiliary, a
// common irregular past, or a reporting verb.
bool is_clause_verb(const text::Token& token) {
  const std::string_view word = token.lower;
  return !is_capitalised(token) &&
         ((word.size() > 4 && word.ends_with("ed")) || one_of(word, k_auxiliaries) ||
          one_of(word, k_irregular_pasts) || is_reporting_verb(word));
}

// "VC investor Tom Perkins resigned ...", "The injured driver told ...": the words from
// `first` to the sentence's first verb, when that verb comes before any boundary and within a
// short phrase. An "-ed" word before any content word is an adjective ("The injured driver").
std::optional<std::string> phrase_before_first_verb(std::string_view sentence,
                                                    const std::vector<text::Token>& tokens,
                                                    std::size_t first, std::size_t verb) {
  bool has_content = false;
  for (std::size_t end = first; end < verb && end - first <= k_max_phrase_tokens; ++end) {
    if (end > first &&
        is_boundary_between(sentence, token_end(tokens[end - 1]), tokens[end].begin)) {
      return std::nullopt;
    }
    if (has_content && is_clause_verb(tokens[end])) {
      if (!is_capitalised(tokens[first]) && !one_of(tokens[first].lower, k_pronouns)) {
        return std::nullopt;
      }
      return trimmed_speaker(sentence, tokens, first, end - 1);  // "Police on Monday issued"
    }
    if (one_of(tokens[end].lower, k_clause_starts)) {
      return std::nullopt;
    }
    has_content = has_content || !text::is_function_word(tokens[end].lower) ||
                  one_of(tokens[end].lower, k_pronouns);
  }
  return std::nullopt;
}

// The first word after a place dateline that opens the sentence ("TORVANE:", "PORT SELVA:"):
// the report's place, not its subject. 0 when there is none before word `verb`.
std::size_t after_place_dateline(std::string_view sentence, const std::vector<text::Token>& tokens,
                                 std::size_t verb) {
  constexpr std::size_t k_most_words = 3;
  for (std::size_t i = 0; i < verb && i < k_most_words; ++i) {
    // A place's name in capitals, not a year ("2023:") or a word in lower case.
    const std::string_view word = tokens[i].text;
    const bool upper =
        word.size() >= 2 &&
        std::none_of(word.begin(), word.end(),
                     [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }) &&
        std::any_of(word.begin(), word.end(),
                    [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
    if (!upper) {
      return 0;
    }
    if (sentence.substr(token_end(tokens[i])).starts_with(": ")) {
      return i + 1;
    }
  }
  return 0;
}

}  // namespace parts

// "Police issued a statement, saying ...": the speaker is the noun phrase that opens the
// sentence (names, determiners, "of" and possessives), if there is one.
std::optional<std::string> sentence_subject(std::string_view sentence,
                                            const std::vector<text::Token>& tokens,
                                            std::size_t verb) {
  std::size_t first = parts::after_place_dateline(sentence, tokens, verb);
  while (first < verb && one_of(tokens[first].lower, k_time_lead_words)) {
    ++first;
  }
  if (auto before_verb = phrase_before_first_verb(sentence, tokens, first, verb)) {
    return before_verb;
  }
  // No verb found: the names, determiners and "of" that open the sentence.
  std::size_t last = first;
  while (last + 1 < verb && last + 1 - first < k_max_phrase_tokens &&
         !is_boundary_between(sentence, token_end(tokens[last]), tokens[last + 1].begin) &&
         (is_capitalised(tokens[last + 1]) || tokens[last + 1].lower == "of" ||
          one_of(tokens[last + 1].lower, k_determiners))) {
    ++last;
  }
  if (first >= verb ||
      (!is_capitalised(tokens[first]) && !one_of(tokens[first].lower, k_pronouns))) {
    return std::nullopt;
  }
  if (!is_speaker_phrase(tokens, first, last)) {
    return std::nullopt;
  }
  return span(sentence, tokens, first, last);
}

// "said X" after a quotation: the subject runs from after the verb to the next boundary.
std::optional<std::string> subject_after(std::string_view sentence,
                                         const std::vector<text::Token>& tokens, std::size_t verb) {
  const std::size_t first = verb + 1;
  if (first >= tokens.size()) {
    return std::nullopt;
  }
  std::size_t last = first;
  // A reporting verb after a determiner is a noun: "according to some reports". A second
  // verb ends the phrase ("according to X and had received"), and so does a determiner after
  // a noun, which opens the next phrase ("According to some reports the firemen ...").
  const auto ends_phrase = [&](std::size_t next) {
    const std::string_view word = tokens[next].lower;
    const bool next_verb =
        word == "and" && next + 1 < tokens.size() && one_of(tokens[next + 1].lower, k_auxiliaries);
    const bool next_phrase = (word == "the" || word == "a" || word == "an") &&
                             !text::is_function_word(tokens[next - 1].lower);
    return one_of(word, k_after_subject_stops) || next_verb || next_phrase ||
           (is_reporting_verb(word) && !is_noun_here(tokens, next));
  };
  while (last + 1 < tokens.size() && last + 1 - first < k_max_phrase_tokens &&
         !is_boundary_between(sentence, token_end(tokens[last]), tokens[last + 1].begin) &&
         !ends_phrase(last + 1)) {
    ++last;
  }
  if (!is_speaker_phrase(tokens, first, last)) {
    return std::nullopt;
  }
  // "said Democratic Senator for Vermont, Patrick J. Leahy.": a title, then the name that
  // ends the sentence; the name is the speaker.
  if (last + 1 < tokens.size() && sentence.substr(token_end(tokens[last]), 2) == ", " &&
      all_capitalised(tokens, last + 1, tokens.size())) {
    return span(sentence, tokens, last + 1, tokens.size() - 1);
  }
  return span(sentence, tokens, first, last);
}

// The speaker without the parentheticals that only repeat it: an abbreviation anywhere
// ("member of parliaments (MP) for National") and whatever closes the phrase ("the Swedish
// Ministry of Agriculture (Jordbruksverket)"). "Inspector General of Police (Law and Order)
// Raj Kanojia" keeps its title.
std::string without_repeating_parentheticals(std::string speaker) {
  for (std::size_t open = speaker.find(" ("); open != std::string::npos;
       open = speaker.find(" (", open + 1)) {
    const std::size_t close = speaker.find(')', open);
    if (close == std::string::npos) {
      break;
    }
    const std::string_view inside = std::string_view(speaker).substr(open + 2, close - open - 2);
    const bool abbreviation =
        inside.size() >= 2 &&
        inside.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ&-.") == std::string_view::npos;
    if (abbreviation || close + 1 == speaker.size()) {
      speaker.erase(open, close + 1 - open);
      open = open == 0 ? 0 : open - 1;
    }
  }
  return speaker;
}

}  // namespace tracker::claims::speaker_phrases
