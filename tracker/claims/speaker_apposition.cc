// Speakers set off from their verb by punctuation: an apposition or a relative clause between
// commas ("Don Mackinnon, chair of the board, said"; "The agency, which ..., said"), and a colon
// before a quotation ("The union: \u201cWe will strike.\u201d"). Split from speaker_phrases.cc.
#include <optional>
#include <string>

#include "tracker/claims/attribution_words.h"
#include "tracker/claims/speaker_phrase_parts.h"
#include "tracker/claims/speaker_phrases.h"
#include "tracker/text/word_forms.h"

namespace tracker::claims::speaker_phrases {

using namespace attribution_words;  // the word lists
using namespace parts;
using text::one_of;

namespace {

// "The provincial agency, which is coordinating the relief effort, said": a relative clause
// stands between the subject and its verb. The subject is the phrase that ends at word `last`,
// before the clause's comma, from the sentence's start or its last boundary; a phrase with a
// verb in it is a clause of its own ("Troops entered the town, which ..., said" names no one).
std::optional<std::string> subject_before_relative_clause(std::string_view sentence,
                                                          const std::vector<text::Token>& tokens,
                                                          std::size_t last) {
  const std::optional<std::size_t> start = subject_start(sentence, tokens, last);
  if (!start || (*start > 0 && !boundary_before(sentence, tokens, *start))) {
    return std::nullopt;  // longer than a subject, or not from a clause's start
  }
  const std::size_t first = *start;
  for (std::size_t i = first; i <= last; ++i) {
    if (is_clause_verb(tokens[i]) && !(i == first && is_capitalised(tokens[i]))) {
      return std::nullopt;
    }
  }
  return trimmed_speaker(sentence, tokens, first, last);
}

// The noun phrase of tokens 0..last when it is all that opens the sentence before a comma: no
// boundary, clause opener or verb inside it, and short ("The UN's humanitarian office").
std::optional<std::string> opening_noun_phrase(std::string_view sentence,
                                               const std::vector<text::Token>& tokens,
                                               std::size_t last) {
  if (last >= k_max_phrase_tokens) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i <= last; ++i) {
    const bool boundary =
        i > 0 && is_boundary_between(sentence, token_end(tokens[i - 1]), tokens[i].begin);
    if (boundary || (i > 0 && is_clause_verb(tokens[i])) ||
        one_of(tokens[i].lower, k_clause_starts) || one_of(tokens[i].lower, k_be_forms)) {
      return std::nullopt;
    }
  }
  return trimmed_speaker(sentence, tokens, 0, last);
}

}  // namespace

// "Don Mackinnon, chair of the board, said": a name, then an apposition between commas, then
// the verb. The name is the speaker; when the phrase before the apposition is no name and the
// apposition is one ("The local power company, AmerenUE, estimated"), the apposition is.
std::optional<std::string> subject_before_apposition(std::string_view sentence,
                                                     const std::vector<text::Token>& tokens,
                                                     std::size_t verb) {
  constexpr std::size_t k_max_apposition_tokens = 14;
  std::size_t end = verb;  // one past the apposition: auxiliaries are not part of it
  while (end > 0 && one_of(tokens[end - 1].lower, k_auxiliaries)) {
    --end;
  }
  if (end == 0 || !is_boundary_between(sentence, token_end(tokens[end - 1]), tokens[end].begin) ||
      sentence.rfind(',', tokens[end].begin) < token_end(tokens[end - 1])) {
    return std::nullopt;  // no comma right before the verb
  }
  // "Television New Zealand (TVNZ), has announced": the abbreviation is not the apposition.
  if (const auto opened = parenthetical_before(sentence, tokens, end, true)) {
    end = *opened;
  }
  // The apposition runs back from the verb's comma to the comma before it.
  std::size_t start = end - 1;
  while (start > 0 && end - start < k_max_apposition_tokens &&
         !is_boundary_between(sentence, token_end(tokens[start - 1]), tokens[start].begin)) {
    --start;
  }
  if (start == 0 || end - start >= k_max_apposition_tokens ||
      sentence[sentence.find_last_not_of(' ', tokens[start].begin - 1)] != ',') {
    return std::nullopt;
  }
  std::size_t last = start - 1;
  if (tokens[start].lower == "which" || tokens[start].lower == "who" ||
      tokens[start].lower == "whose") {
    return subject_before_relative_clause(sentence, tokens, last);
  }
  std::size_t first = last;
  while (first > 0 && last - first + 1 < 4 && is_capitalised(tokens[first - 1]) &&
         !is_boundary_between(sentence, token_end(tokens[first - 1]), tokens[first].begin)) {
    --first;
  }
  const bool stands_alone =
      first == 0 ||
      is_boundary_between(sentence, token_end(tokens[first - 1]), tokens[first].begin) ||
      one_of(tokens[first - 1].lower, k_clause_starts);
  if (is_capitalised(tokens[first]) && is_capitalised(tokens[last]) && stands_alone) {
    return span(sentence, tokens, first, last);
  }
  if (all_capitalised(tokens, start, end)) {
    return span(sentence, tokens, start, end - 1);  // "The local power company, AmerenUE, said"
  }
  // "The report, published on Monday, warned": no name on either side, and the sentence opens
  // with its subject. Otherwise a name inside a clause, not the speaker.
  return opening_noun_phrase(sentence, tokens, last);
}

std::optional<std::string> speaker_before_colon(std::string_view sentence,
                                                const std::vector<text::Token>& tokens) {
  const std::size_t colon = sentence.find(':');
  if (colon == std::string_view::npos || tokens.empty() || tokens.front().begin >= colon) {
    return std::nullopt;
  }
  const std::size_t quote = sentence.find_first_not_of(' ', colon + 1);
  if (quote == std::string_view::npos ||
      !(sentence[quote] == '"' || sentence.substr(quote, 3) == "\u201c")) {
    return std::nullopt;
  }
  std::size_t count = 0;  // the tokens before the colon
  while (count < tokens.size() && tokens[count].begin < colon) {
    ++count;
  }
  if (count > k_max_phrase_tokens || one_of(tokens.front().lower, k_label_words)) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < count; ++i) {
    const bool verb = (i > 0 && is_clause_verb(tokens[i])) || one_of(tokens[i].lower, k_be_forms);
    if (verb ||
        (i > 0 && is_boundary_between(sentence, token_end(tokens[i - 1]), tokens[i].begin))) {
      return std::nullopt;  // a clause, or a list of things, before the colon
    }
  }
  return trimmed_speaker(sentence, tokens, 0, count - 1);
}

}  // namespace tracker::claims::speaker_phrases
