#include "tracker/claims/attribution.h"

#include <algorithm>
#include <array>
#include <optional>

#include "tracker/text/word_forms.h"

namespace tracker::claims {
namespace {

// Verbs that report speech or a position, in the forms news copy uses.
constexpr std::array<std::string_view, 102> k_reporting_verbs = {
    "acknowledged", "acknowledges", "added",      "adds",       "admits",     "admitted",
    "agreed",       "agrees",       "alleged",    "alleges",    "announced",  "announces",
    "argued",       "argues",       "asserted",   "asserts",    "believe",    "believed",
    "believes",     "briefed",      "claim",      "claimed",    "claims",     "commented",
    "concluded",    "conceded",     "confirmed",  "confirms",   "contended",  "countered",
    "declared",     "declares",     "denied",     "denies",     "disclosed",  "emphasised",
    "emphasized",   "estimated",    "estimates",  "explained",  "explains",   "indicated",
    "insisted",     "insists",      "maintained", "noted",      "notes",      "observed",
    "pledged",      "predicted",    "promised",   "quoted",     "recalled",   "remarked",
    "replied",      "reported",     "reports",    "responded",  "revealed",   "reveals",
    "said",         "say",          "saying",     "says",       "stated",     "states",
    "stressed",     "stresses",     "suggested",  "testified",  "tell",       "tells",
    "thinks",       "told",         "tweeted",    "underlined", "urged",      "vowed",
    "warned",       "warns",        "wrote",      "writes",     "write",      "confirm",
    "asserted",     "demanded",     "speculated", "confessed",  "accused",    "requested",
    "blamed",       "continued",    "cited",      "adding",     "claiming",   "stating",
    "announcing",   "warning",      "explaining", "arguing",    "insisting",  "telling"};

// Participles that report for the sentence's subject: "Police issued a statement, saying ...".
constexpr std::array<std::string_view, 10> k_participles = {
    "saying", "adding", "claiming", "stating", "announcing", "warning", "explaining", "arguing",
    "insisting", "telling"};

// Forms of "be": before a reporting verb they make it passive ("is said to", "was reported").
constexpr std::array<std::string_view, 7> k_be_forms = {"is", "are", "was", "were", "be", "been", "being"};

// Words between a subject and its verb that are not part of the subject ("Seoul has
// previously said").
constexpr std::array<std::string_view, 22> k_auxiliaries = {
    "has",      "have",       "had",    "is",         "was",      "were",  "are",   "been",
    "also",     "later",      "earlier", "previously", "again",   "repeatedly", "publicly",
    "officially", "would",    "will",   "once",       "reportedly", "separately", "further"};

// Words that start a clause: a subject never reaches back past them.
constexpr std::array<std::string_view, 17> k_clause_starts = {
    "that", "which", "who", "what", "after", "before", "but", "while", "when", "because",
    "as", "if", "although", "since", "though", "where", "whom"};

// Words a speaker's name does not start with: "including a commander", "however ...".
constexpr std::array<std::string_view, 16> k_not_subject_starts = {
    "including", "however", "meanwhile", "then", "so", "also", "such", "yet", "still",
    "instead", "thus", "nor", "or", "than", "to", "for"};

// Determiners and possessives a speaker's noun phrase may start with.
constexpr std::array<std::string_view, 9> k_determiners = {
    "the", "a", "an", "his", "her", "its", "their", "our", "both"};

// Words that end a speaker named after its verb: "said X on Tuesday", "said X in a statement".
constexpr std::array<std::string_view, 17> k_after_subject_stops = {
    "on", "in", "at", "during", "after", "before", "that", "who", "which", "when", "while",
    "to", "told", "adding", "saying", "last", "this"};

constexpr std::array<std::string_view, 5> k_pronouns = {"it", "he", "she", "they", "we"};

// Time words that open a sentence before its subject ("Earlier this week officials said").
constexpr std::array<std::string_view, 26> k_time_lead_words = {
    "earlier", "later", "on", "this", "last", "next", "week", "month", "year", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "in", "morning", "evening", "moreover", "furthermore", "additionally", "now", "tonight"};

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

constexpr std::size_t k_max_subject_tokens = 8;

bool is_boundary_between(std::string_view sentence, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to && i < sentence.size(); ++i) {
    const char c = sentence[i];
    // No '.': the sentence splitter has cut at sentence ends, so a period inside a sentence
    // belongs to an abbreviation ("The U.S. Corps", "Mr. Svartholm").
    if (c == ',' || c == ';' || c == ':' || c == '"' || c == '(' || c == ')') {
      return true;
    }
  }
  return false;
}

std::size_t token_end(const text::Token& token) { return token.begin + token.text.size(); }

bool boundary_before(std::string_view sentence, const std::vector<text::Token>& tokens, std::size_t i) {
  return i == 0 || is_boundary_between(sentence, token_end(tokens[i - 1]), tokens[i].begin);
}

bool is_capitalised(const text::Token& token) {
  return !token.text.empty() && token.text[0] >= 'A' && token.text[0] <= 'Z';
}

std::string span(std::string_view sentence, const std::vector<text::Token>& tokens,
                 std::size_t first, std::size_t last) {
  const std::size_t begin = tokens[first].begin;
  const std::size_t end = token_end(tokens[last]);
  return std::string(sentence.substr(begin, end - begin));
}

// A speaker is a noun phrase: a name, a pronoun, or a phrase opened by a determiner or by a
// capitalised or content word; never a number phrase ("Two United ...") or a clause.
bool is_speaker_phrase(const std::vector<text::Token>& tokens, std::size_t first, std::size_t last) {
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
  // The phrase must hold a noun-like word: a capitalised word or a content word.
  for (std::size_t i = first; i <= last; ++i) {
    if (is_capitalised(tokens[i]) || !text::is_function_word(tokens[i].lower)) {
      return true;
    }
  }
  return false;
}

// "X said": the subject is the run of tokens before the verb, back to a clause boundary.
std::optional<std::string> subject_before(std::string_view sentence,
                                          const std::vector<text::Token>& tokens, std::size_t verb) {
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
      !(tokens[verb].lower == "quoted" && verb + 1 < tokens.size() && tokens[verb + 1].lower == "as")) {
    return std::nullopt;
  }
  --last;  // the subject's last token
  if (is_boundary_between(sentence, token_end(tokens[last]), tokens[verb].begin)) {
    return std::nullopt;  // "…,” said X" has no subject before the verb
  }
  std::size_t first = last;
  bool coordinated = false;  // "Western, South Korean and Ukrainian agencies": a list
  while (first > 0 && last - first + 1 < k_max_subject_tokens) {
    const text::Token& previous = tokens[first - 1];
    coordinated = coordinated || tokens[first].lower == "and";
    const bool comma = is_boundary_between(sentence, token_end(previous), tokens[first].begin);
    const bool list_comma = comma && coordinated && is_capitalised(previous) &&
                            is_capitalised(tokens[first]) &&
                            sentence.substr(token_end(previous), tokens[first].begin - token_end(previous)) == ", ";
    if (one_of(previous.lower, k_clause_starts) || one_of(previous.lower, k_reporting_verbs) ||
        (comma && !list_comma)) {
      break;
    }
    --first;
  }
  // A subject reaching back to a long clause is not a subject: "troops fighting there said".
  if (last - first + 1 >= k_max_subject_tokens) {
    return std::nullopt;
  }
  // "Earlier this week officials said", "Ed Balls yesterday announced": time words and
  // sentence adverbs around the name are not part of it.
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

// "said X" after a quotation: the subject runs from after the verb to the next boundary.
std::optional<std::string> subject_after(std::string_view sentence,
                                         const std::vector<text::Token>& tokens, std::size_t verb) {
  const std::size_t first = verb + 1;
  if (first >= tokens.size()) {
    return std::nullopt;
  }
  std::size_t last = first;
  while (last + 1 < tokens.size() && last + 1 - first < k_max_subject_tokens &&
         !is_boundary_between(sentence, token_end(tokens[last]), tokens[last + 1].begin) &&
         !one_of(tokens[last + 1].lower, k_after_subject_stops) &&
         !one_of(tokens[last + 1].lower, k_reporting_verbs)) {
    ++last;
  }
  if (!is_speaker_phrase(tokens, first, last)) {
    return std::nullopt;
  }
  return span(sentence, tokens, first, last);
}

// "Police issued a statement, saying ...": the speaker is the noun phrase that opens the
// sentence (names, determiners, "of" and possessives), if there is one.
std::optional<std::string> sentence_subject(std::string_view sentence,
                                            const std::vector<text::Token>& tokens, std::size_t verb) {
  std::size_t first = 0;
  while (first < verb && one_of(tokens[first].lower, k_time_lead_words)) {
    ++first;
  }
  std::size_t last = first;
  while (last + 1 < verb && last + 1 - first < k_max_subject_tokens &&
         !is_boundary_between(sentence, token_end(tokens[last]), tokens[last + 1].begin) &&
         (is_capitalised(tokens[last + 1]) || tokens[last + 1].lower == "of" ||
          one_of(tokens[last + 1].lower, k_determiners))) {
    ++last;
  }
  if (first >= verb || (!is_capitalised(tokens[first]) && !one_of(tokens[first].lower, k_pronouns))) {
    return std::nullopt;
  }
  if (!is_speaker_phrase(tokens, first, last)) {
    return std::nullopt;
  }
  return span(sentence, tokens, first, last);
}

// "Don Mackinnon, chair of the board, said": a name, then an apposition between commas, then
// the verb. The name is the speaker.
std::optional<std::string> subject_before_apposition(std::string_view sentence,
                                                     const std::vector<text::Token>& tokens,
                                                     std::size_t verb) {
  constexpr std::size_t k_max_apposition_tokens = 10;
  const std::size_t comma = sentence.rfind(',', tokens[verb].begin);
  if (comma == std::string_view::npos || verb == 0 || comma < token_end(tokens[verb - 1])) {
    return std::nullopt;
  }
  // The apposition runs back from the verb's comma to the comma before it.
  std::size_t start = verb;
  while (start > 0 && verb - start < k_max_apposition_tokens &&
         !is_boundary_between(sentence, token_end(tokens[start - 1]), tokens[start].begin)) {
    --start;
  }
  if (start == 0 || start == verb || verb - start >= k_max_apposition_tokens ||
      sentence[sentence.find_last_not_of(' ', tokens[start].begin - 1)] != ',') {
    return std::nullopt;
  }
  std::size_t last = start - 1;
  std::size_t first = last;
  while (first > 0 && last - first + 1 < 4 && is_capitalised(tokens[first - 1]) &&
         !is_boundary_between(sentence, token_end(tokens[first - 1]), tokens[first].begin)) {
    --first;
  }
  if (!is_capitalised(tokens[first]) || !is_capitalised(tokens[last]) ||
      (first > 0 && !is_boundary_between(sentence, token_end(tokens[first - 1]), tokens[first].begin) &&
       !one_of(tokens[first - 1].lower, k_clause_starts))) {
    return std::nullopt;  // a name standing alone before the apposition, not a clause's object
  }
  return span(sentence, tokens, first, last);
}

// A reporting verb as written: lower-case, or capitalised only as the sentence's first word
// ("States" in "United States" is a name, not a verb).
bool is_verb_at(const std::vector<text::Token>& tokens, std::size_t i) {
  if (!one_of(tokens[i].lower, k_reporting_verbs)) {
    return false;
  }
  return i == 0 || !is_capitalised(tokens[i]);
}

}  // namespace

bool is_reporting_verb(std::string_view lower) { return one_of(lower, k_reporting_verbs); }

bool is_pronoun(std::string_view attribution) {
  std::string lower(attribution);
  if (!lower.empty() && lower[0] >= 'A' && lower[0] <= 'Z') {
    lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
  }
  return one_of(std::string_view(lower), k_pronouns);
}

std::string find_attribution(std::string_view sentence, const std::vector<text::Token>& tokens) {
  // "According to X, ..." opening the sentence names its source; later in the sentence
  // ("…," Navarre said, according to The Sun) it names who relayed a speaker, who wins.
  std::optional<std::string> according_to;
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (tokens[i].lower == "according" && tokens[i + 1].lower == "to") {
      according_to = subject_after(sentence, tokens, i + 1);
      if (according_to && i == 0) {
        return *according_to;
      }
      break;
    }
  }
  // The first reporting verb with a speaker wins: "X said that Y told ..." is X's claim.
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!is_verb_at(tokens, i)) {
      continue;
    }
    const bool after_boundary = i > 0 && boundary_before(sentence, tokens, i);
    std::optional<std::string> subject;
    if (one_of(tokens[i].lower, k_participles)) {
      if (after_boundary) {
        subject = sentence_subject(sentence, tokens, i);
      }
    } else {
      subject = subject_before(sentence, tokens, i);
      // "Don Mackinnon, chair of the board, said"; "..., said Joseph Minga"; "..." said the ministry.
      if (!subject && after_boundary) {
        subject = subject_before_apposition(sentence, tokens, i);
      }
      if (!subject && after_boundary) {
        subject = subject_after(sentence, tokens, i);
      }
    }
    if (subject) {
      return *subject;
    }
  }
  return according_to.value_or(std::string());
}

}  // namespace tracker::claims
