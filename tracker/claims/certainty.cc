#include "tracker/claims/certainty.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_set>

#include "tracker/claims/attribution_words.h"
#include "tracker/text/word_forms.h"

namespace tracker::claims {
namespace {

// Stems (Snowball English) of words that hedge a statement. One place for this policy.
constexpr std::array<std::string_view, 23> k_hedge_stems = {
    "appear",  "appar",   "may",       "might",    "could",    "possibl", "perhap",  "believ",
    "alleg",   "claim",   "suggest",   "seem",     "unconfirm", "suspect", "purport", "presum",
    "probabl", "unclear", "estim",     "rumor",    "rumour",   "unverifi", "accus"};

// Hedges whose stems are shared with plain words ("reportedly" and "reported" both stem to
// "report"; "likely" and "like" to "like"; "unlikely" and the preposition "unlike" to
// "unlik"), so they are matched as written.
constexpr std::array<std::string_view, 4> k_hedge_words = {"reportedly", "likely", "unlikely", "supposedly"};

// Stems of words that deny a statement.
constexpr std::array<std::string_view, 7> k_denial_stems = {
    "deni", "deny", "reject", "refut", "dismiss", "rebut", "disput"};

// Stems of words by which a source takes a statement back.
constexpr std::array<std::string_view, 5> k_retraction_stems = {
    "retract", "recant", "backtrack", "withdrew", "withdrawn"};

// What a source can withdraw: "withdrew its statement", "withdrawn the claim".
constexpr std::array<std::string_view, 6> k_statement_stems = {
    "statement", "claim", "report", "remark", "comment", "alleg"};

// Stems of words that confirm a statement ("confirmed", "verified"); "unconfirmed" is a hedge.
constexpr std::array<std::string_view, 3> k_confirmation_stems = {"confirm", "verifi", "corrobor"};

// Stems of verbs that hedge in the passive, as news copy uses them: "is thought to have", "is
// understood to", "was said to be", "are reported to", "are feared dead", "it is understood that".
constexpr std::array<std::string_view, 5> k_passive_hedge_stems = {"thought", "understood", "said",
                                                                   "report", "fear"};

// States a passive hedge names ("feared dead"), besides "to" and a verb (passive_hedge).
constexpr std::array<std::string_view, 7> k_hedged_states = {
    "dead", "killed", "missing", "drowned", "trapped", "lost", "injured"};

using attribution_words::k_be_forms;  // before those verbs, the passive
using text::one_of;

// Whether a word can be a cue at all: its stem in one of the lists above, or the word itself a
// hedge word. Most words of a sentence are not, and are passed over with one lookup instead of
// a test against every list.
bool may_be_a_cue(std::string_view stem, std::string_view lower) {
  static const std::unordered_set<std::string_view> stems =
      text::word_set(k_hedge_stems, k_denial_stems, k_retraction_stems, k_confirmation_stems,
                     k_passive_hedge_stems);
  return stems.contains(stem) || one_of(lower, k_hedge_words);
}

// "retracted" always takes a statement back; "withdrew" only when a statement follows within a
// few words ("withdrew its statement"), not troops ("withdrew its troops").
bool is_retraction(const std::vector<std::string>& stems, std::size_t i) {
  if (stems[i] == "retract" || stems[i] == "recant" || stems[i] == "backtrack") {
    return true;
  }
  if (!one_of(stems[i], k_retraction_stems)) {
    return false;
  }
  for (std::size_t j = i + 1; j < stems.size() && j <= i + 3; ++j) {
    if (one_of(stems[j], k_statement_stems)) {
      return true;
    }
  }
  return false;
}

// "have not confirmed", "neither Seoul nor Moscow have confirmed": a confirmation denied by a
// negation a few words before it leaves the statement unconfirmed.
bool negated(const std::vector<text::Token>& tokens, std::size_t i) {
  for (std::size_t j = i > 4 ? i - 4 : 0; j < i; ++j) {
    const std::string& word = tokens[j].lower;
    // "not yet confirmed", "yet to confirm", "refused to confirm"
    if (text::negates(word, tokens[j + 1].lower) || word == "yet") {
      return true;
    }
  }
  return false;
}

// Places and occasions: "appeared in court", "appeared on television".
constexpr std::array<std::string_view, 8> k_appearance_places = {"in", "on", "at", "before", "with",
                                                                 "during", "alongside", "onstage"};

// Words before a noun: "the suspect", "a prime suspect", "two suspects".
constexpr std::array<std::string_view, 10> k_noun_openers = {"the", "a", "an", "his", "her", "their",
                                                             "its", "prime", "main", "key"};

// What follows a person named by a participle ("the accused were", "the accused pleaded"), as
// against the noun it describes ("the accused men").
constexpr std::array<std::string_view, 12> k_verbs_after_a_person = {
    "was", "were", "is", "are", "had", "has", "have", "will", "would", "pleaded", "denied", "faces"};

// Hedge words in a plain use: "appeared on television" (showed up, not seemed), "could not" or
// "couldn't" (was unable, not might) and "the suspect" or "the accused" (a person) hedge nothing.
bool plain_use(const std::vector<text::Token>& tokens, const std::vector<std::string>& stems, std::size_t i) {
  const std::string_view next = i + 1 < tokens.size() ? std::string_view(tokens[i + 1].lower) : std::string_view();
  const std::string_view previous = i > 0 ? std::string_view(tokens[i - 1].lower) : std::string_view();
  // "the accused were owed" is the person on trial, as "the suspect" is; "the accused men" and
  // "the accusations" still hedge what they describe.
  if (tokens[i].lower == "accused") {
    return one_of(previous, k_noun_openers) &&
           (next.empty() || one_of(next, k_verbs_after_a_person) || text::is_function_word(next));
  }
  if (stems[i] == "suspect") {
    return one_of(previous, k_noun_openers) || text::is_number_word(previous) ||
           (!previous.empty() && previous[0] >= '0' && previous[0] <= '9');
  }
  if (stems[i] == "appear" || stems[i] == "appar") {
    return tokens[i].lower.starts_with("appear") && one_of(next, k_appearance_places);
  }
  if (stems[i] == "could") {
    return next == "not" || tokens[i].lower == "couldn't";
  }
  return false;
}

// A hedge made by the passive: "is thought to", "are feared dead", "is widely understood to",
// "it is understood that"; not "he said to reporters" or "police reported the crash".
bool passive_hedge(const std::vector<text::Token>& tokens, const std::vector<std::string>& stems,
                   std::size_t i) {
  if (!one_of(stems[i], k_passive_hedge_stems) || i == 0 || i + 1 >= tokens.size()) {
    return false;
  }
  // The "be" right before, or before one adverb ("is widely thought to").
  std::size_t be = i - 1;
  if (!one_of(tokens[be].lower, k_be_forms) && be > 0 && tokens[be].lower.ends_with("ly")) {
    --be;
  }
  if (!one_of(tokens[be].lower, k_be_forms)) {
    return false;
  }
  const std::string_view next = tokens[i + 1].lower;
  if (next == "to") {
    // "to" and a verb, not "to" and whom it was told: "was reported to police", "to Interpol".
    static constexpr std::array<std::string_view, 14> k_not_a_verb = {
        "the", "a",  "an",   "his",  "her",   "their",  "its",
        "our", "my", "your", "this", "these", "police", "authorities"};
    return i + 2 < tokens.size() && !one_of(tokens[i + 2].lower, k_not_a_verb) &&
           tokens[i + 2].text == tokens[i + 2].lower;
  }
  return one_of(next, k_hedged_states) ||
         (next == "that" && be > 0 && tokens[be - 1].lower == "it");
}

}  // namespace

CertaintyReading read_certainty(const std::vector<text::Token>& tokens,
                                const std::vector<std::string>& stems) {
  CertaintyReading reading;
  std::vector<std::string> retractions;
  std::vector<std::string> denials;
  std::vector<std::string> hedges;
  std::vector<std::string> confirmations;
  for (std::size_t i = 0; i < tokens.size() && i < stems.size(); ++i) {
    const std::string& stem = stems[i];
    if (!may_be_a_cue(stem, tokens[i].lower)) {
      continue;
    }
    if (is_retraction(stems, i)) {
      retractions.emplace_back(tokens[i].text);
    } else if (one_of(stem, k_denial_stems)) {
      denials.emplace_back(tokens[i].text);
    } else if ((one_of(stem, k_hedge_stems) && !plain_use(tokens, stems, i)) ||
               one_of(tokens[i].lower, k_hedge_words)) {
      hedges.emplace_back(tokens[i].text);
    } else if (one_of(stem, k_confirmation_stems)) {
      (negated(tokens, i) ? hedges : confirmations).emplace_back(tokens[i].text);
    } else if (passive_hedge(tokens, stems, i)) {
      hedges.emplace_back(tokens[i].text);
    }
  }
  // The weakest reading wins: "confirmed that troops may leave" is still hedged.
  if (!retractions.empty()) {
    reading.certainty = Certainty::retracted;
    reading.cues = std::move(retractions);
  } else if (!denials.empty()) {
    reading.certainty = Certainty::denied;
    reading.cues = std::move(denials);
  } else if (!hedges.empty()) {
    reading.certainty = Certainty::hedged;
    reading.cues = std::move(hedges);
  } else if (!confirmations.empty()) {
    reading.certainty = Certainty::confirmed;
    reading.cues = std::move(confirmations);
  }
  return reading;
}

}  // namespace tracker::claims
