#include "tracker/claims/attribution.h"

#include <algorithm>
#include <array>

namespace tracker::claims {
namespace {

// Verbs that report speech or a position, in the forms news copy uses.
constexpr std::array<std::string_view, 30> k_reporting_verbs = {
    "said",      "says",     "say",       "told",      "tells",     "claimed",    "claims",
    "claim",     "added",    "stated",    "states",    "announced", "reported",   "reports",
    "confirmed", "confirms", "estimated", "estimates", "warned",    "insisted",   "alleged",
    "alleges",   "believes", "believed",  "noted",     "wrote",     "acknowledged", "denied",
    "denies",    "revealed"};

// Words between a subject and its verb that are not part of the subject ("Seoul has
// previously said").
constexpr std::array<std::string_view, 20> k_auxiliaries = {
    "has",     "have",    "had",   "is",   "was",      "were",      "are",
    "been",    "also",    "later", "earlier", "previously", "again", "repeatedly",
    "publicly", "officially", "would", "will", "had been", "once"};

// Words that start a clause: a subject never reaches back past them.
constexpr std::array<std::string_view, 15> k_clause_starts = {
    "that", "which", "who", "what", "after", "before", "but", "while",
    "when", "because", "as", "if", "although", "since", "though"};

constexpr std::array<std::string_view, 5> k_pronouns = {"it", "he", "she", "they", "we"};

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

constexpr std::size_t k_max_subject_tokens = 8;

bool is_boundary_between(std::string_view sentence, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to && i < sentence.size(); ++i) {
    const char c = sentence[i];
    if (c == ',' || c == ';' || c == ':' || c == '"' || c == '(' || c == ')' || c == '.') {
      return true;
    }
  }
  return false;
}

std::string span(std::string_view sentence, const std::vector<text::Token>& tokens,
                 std::size_t first, std::size_t last) {
  const std::size_t begin = tokens[first].begin;
  const std::size_t end = tokens[last].begin + tokens[last].text.size();
  return std::string(sentence.substr(begin, end - begin));
}

// "X said": the subject is the run of tokens before the verb, back to a clause boundary.
std::string subject_before(std::string_view sentence, const std::vector<text::Token>& tokens,
                           std::size_t verb) {
  std::size_t last = verb;
  while (last > 0 && one_of(tokens[last - 1].lower, k_auxiliaries)) {
    --last;
  }
  if (last == 0) {
    return {};
  }
  --last;  // the subject's last token
  if (is_boundary_between(sentence, tokens[last].begin + tokens[last].text.size(),
                          tokens[verb].begin)) {
    return {};  // "…,” said X" has no subject before the verb
  }
  std::size_t first = last;
  while (first > 0 && last - first + 1 < k_max_subject_tokens) {
    const text::Token& previous = tokens[first - 1];
    if (one_of(previous.lower, k_clause_starts) || one_of(previous.lower, k_reporting_verbs) ||
        is_boundary_between(sentence, previous.begin + previous.text.size(), tokens[first].begin)) {
      break;
    }
    --first;
  }
  // A subject reaching back to a long clause is not a subject: "troops fighting there said".
  if (last - first + 1 >= k_max_subject_tokens) {
    return {};
  }
  return span(sentence, tokens, first, last);
}

// "said X" after a quotation: the subject runs from after the verb to the next boundary.
std::string subject_after(std::string_view sentence, const std::vector<text::Token>& tokens,
                          std::size_t verb) {
  const std::size_t first = verb + 1;
  if (first >= tokens.size()) {
    return {};
  }
  std::size_t last = first;
  while (last + 1 < tokens.size() && last + 1 - first < k_max_subject_tokens &&
         !is_boundary_between(sentence, tokens[last].begin + tokens[last].text.size(),
                              tokens[last + 1].begin) &&
         !one_of(tokens[last + 1].lower, k_clause_starts)) {
    ++last;
  }
  return span(sentence, tokens, first, last);
}

}  // namespace

bool is_pronoun(std::string_view attribution) {
  std::string lower(attribution);
  if (!lower.empty() && lower[0] >= 'A' && lower[0] <= 'Z') {
    lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
  }
  return one_of(std::string_view(lower), k_pronouns);
}

std::string find_attribution(std::string_view sentence, const std::vector<text::Token>& tokens) {
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (tokens[i].lower == "according" && tokens[i + 1].lower == "to") {
      return subject_after(sentence, tokens, i + 1);
    }
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!one_of(tokens[i].lower, k_reporting_verbs)) {
      continue;
    }
    std::string subject = subject_before(sentence, tokens, i);
    if (!subject.empty()) {
      return subject;
    }
    // "..., said Joseph Minga" and "..." said the ministry.
    if (i > 0 && is_boundary_between(sentence, tokens[i - 1].begin + tokens[i - 1].text.size(),
                                     tokens[i].begin)) {
      subject = subject_after(sentence, tokens, i);
      if (!subject.empty()) {
        return subject;
      }
    }
  }
  return {};
}

}  // namespace tracker::claims
