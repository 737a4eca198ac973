#include "tracker/claims/attribution.h"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "tracker/claims/attribution_words.h"
#include "tracker/claims/speaker_phrases.h"
#include "tracker/text/word_forms.h"

namespace tracker::claims {
namespace {

using namespace attribution_words;  // the word lists
using speaker_phrases::boundary_before;
using speaker_phrases::is_capitalised;
using speaker_phrases::is_noun_here;
using speaker_phrases::sentence_subject;
using speaker_phrases::subject_after;
using speaker_phrases::subject_before;
using speaker_phrases::subject_before_apposition;
using speaker_phrases::without_repeating_parentheticals;
using text::one_of;

// "was announced by X", "has been confirmed by police".
bool is_passive_by(const std::vector<text::Token>& tokens, std::size_t verb) {
  return verb > 0 && verb + 2 < tokens.size() && one_of(tokens[verb - 1].lower, k_be_forms) &&
         tokens[verb + 1].lower == "by";
}

// "put the death toll at 14", "puts the number of troops deployed at around 11,000", "raised
// its estimate of the toll to 43": an estimate given, which reports as "said" does. The figure
// follows "at" (or "to") after at least one word of what was estimated, within a few words.
bool gives_estimate(const std::vector<text::Token>& tokens, std::size_t i) {
  constexpr std::size_t k_object_words =
      14;  // "the number of jobs it will cut at its mine and smelter"
  // Asked for every word of every claim that is no reporting verb: a hash look-up, as there.
  static const std::unordered_map<std::string_view, std::string_view> k_estimate_prepositions = [] {
    std::unordered_map<std::string_view, std::string_view> verbs;
    for (std::string_view verb : k_estimate_at_verbs) {
      verbs.emplace(verb, "at");
    }
    for (std::string_view verb : k_estimate_to_verbs) {
      verbs.emplace(verb, "to");
    }
    return verbs;
  }();
  const auto verb = k_estimate_prepositions.find(tokens[i].lower);
  if (verb == k_estimate_prepositions.end()) {
    return false;
  }
  const std::string_view preposition = verb->second;
  for (std::size_t k = i + 3; k < tokens.size() && k <= i + 1 + k_object_words; ++k) {
    if (tokens[k - 1].lower == preposition) {
      const std::string_view next = tokens[k].lower;
      return (next[0] >= '0' && next[0] <= '9') || one_of(next, k_figure_openers);
    }
  }
  return false;
}

// A reporting verb as written: lower-case, or capitalised only as the sentence's first word
// ("States" in "United States" is a name, not a verb), and not a noun (is_noun_here).
bool is_verb_at(const std::vector<text::Token>& tokens, std::size_t i) {
  const bool before_that = i + 1 < tokens.size() && tokens[i + 1].lower == "that";
  // "pointed out that": a particle between the verb and "that".
  const bool points_out = (tokens[i].lower == "pointed" || tokens[i].lower == "points") &&
                          i + 2 < tokens.size() && tokens[i + 1].lower == "out" &&
                          tokens[i + 2].lower == "that";
  if (!is_reporting_verb(tokens[i].lower) && !points_out &&
      !(before_that && one_of(tokens[i].lower, k_that_verbs)) && !gives_estimate(tokens, i)) {
    return false;
  }
  // "confirmed dead", "reported missing", "declared unsafe": a participle that says what state
  // someone was found in, not who reports.
  static constexpr std::array<std::string_view, 9> k_states = {
      "dead", "killed", "missing", "injured", "wounded", "alive", "safe", "unsafe", "unaccounted"};
  if (i + 1 < tokens.size() && tokens[i].lower.ends_with("ed") &&
      one_of(tokens[i + 1].lower, k_states)) {
    return false;
  }
  return !is_noun_here(tokens, i) && (i == 0 || !is_capitalised(tokens[i]));
}

// The byte ranges [open, close) of the sentence's closed quotations: straight double quotes in
// pairs, or curly ones (U+201C ... U+201D). An unclosed quotation gives no range: where it ends
// is not known.
std::vector<std::pair<std::size_t, std::size_t>> quoted_spans(std::string_view sentence) {
  constexpr std::size_t k_none = std::string_view::npos;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t straight = k_none;  // where an open straight quotation starts
  std::size_t curly = k_none;
  for (std::size_t i = 0; i < sentence.size(); ++i) {
    if (sentence[i] == '"') {
      if (straight != k_none) {
        spans.emplace_back(straight, i);
      }
      straight = straight == k_none ? i : k_none;
    } else if (sentence.substr(i, 3) == "\u201c") {
      curly = i;
    } else if (sentence.substr(i, 3) == "\u201d" && curly != k_none) {
      spans.emplace_back(curly, i);
      curly = k_none;
    }
  }
  return spans;
}

std::string find_attribution_where(std::string_view sentence,
                                   const std::vector<text::Token>& tokens,
                                   const std::function<bool(std::size_t)>& may_report) {
  // "According to X, ..." opening the sentence names its source; later in the sentence
  // ("…," Navarre said, according to The Sun) it names who relayed a speaker, who wins.
  std::optional<std::string> according_to;
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (tokens[i].lower == "according" && tokens[i + 1].lower == "to") {
      according_to = subject_after(sentence, tokens, i + 1);
      if (according_to && i == 0) {
        return without_repeating_parentheticals(std::move(*according_to));
      }
      break;
    }
  }
  // The first reporting verb with a speaker wins: "X said that Y told ..." is X's claim.
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!is_verb_at(tokens, i) || !may_report(i)) {
      continue;
    }
    std::size_t subject_end = i;  // where a subject before the verb ends: "X, Y, has said"
    while (subject_end > 0 && one_of(tokens[subject_end - 1].lower, k_auxiliaries)) {
      --subject_end;
    }
    const bool after_boundary = subject_end > 0 && boundary_before(sentence, tokens, subject_end);
    std::optional<std::string> subject;
    const bool progressive =
        i > 0 && one_of(tokens[i - 1].lower, k_auxiliaries);  // "are also saying"
    if (one_of(tokens[i].lower, k_participles) && !progressive) {
      if (after_boundary) {
        subject = sentence_subject(sentence, tokens, i);
      }
    } else if (i + 1 < tokens.size() && tokens[i + 1].lower == "to" &&
               one_of(tokens[i].lower, k_raising_verbs)) {
      continue;  // "a crowd estimated to number", "believed to be": no one is reporting
    } else if (is_passive_by(tokens, i)) {
      subject = subject_after(sentence, tokens, i + 1);  // "has been announced by Michael Navarre"
    } else if (i > 0 && one_of(tokens[i - 1].lower, k_be_forms) && tokens[i].lower != "quoted") {
      continue;  // "residents were told", "the plan was announced": the subject did not report
                 // ("X was quoted as saying" still names X)
    } else {
      subject = subject_before(sentence, tokens, i);
      // "Don Mackinnon, chair of the board, said"; "..., said Joseph Minga"; "..." said the
      // ministry.
      if (!subject && after_boundary) {
        subject = subject_before_apposition(sentence, tokens, i);
      }
      // Only a bare verb is inverted: "..., has announced its plans" names no speaker after it;
      // an estimate's object is what was estimated ("..., put the toll at 14").
      if (!subject && after_boundary && subject_end == i && !gives_estimate(tokens, i)) {
        subject = subject_after(sentence, tokens, i);
      }
      // "Alliance parties resumed their protest ... and said": the sentence's subject reports.
      if (!subject && subject_end > 0 && one_of(tokens[subject_end - 1].lower, k_coordinators)) {
        subject = sentence_subject(sentence, tokens, i);
      }
    }
    if (subject) {
      return without_repeating_parentheticals(std::move(*subject));
    }
  }
  return without_repeating_parentheticals(according_to.value_or(std::string()));
}

}  // namespace

bool is_reporting_verb(std::string_view lower) {
  // Asked for every word of every claim the diff compares: a hash look-up, not a scan of the list.
  static const std::unordered_set<std::string_view> verbs(k_reporting_verbs.begin(),
                                                          k_reporting_verbs.end());
  return verbs.contains(lower);
}

bool is_pronoun(std::string_view attribution) {
  std::string lower(attribution);
  if (!lower.empty() && lower[0] >= 'A' && lower[0] <= 'Z') {
    lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
  }
  return one_of(std::string_view(lower), k_pronouns);
}

std::string find_attribution(std::string_view sentence, const std::vector<text::Token>& tokens) {
  // A reporting verb inside a quotation is the quoted speaker's words ("The losses are higher
  // than Seoul says," a spokesman told Kyiv Wire): the sentence's own speaker is found outside
  // its quotations first, and inside them only when there is none outside.
  const std::vector<std::pair<std::size_t, std::size_t>> quotes = quoted_spans(sentence);
  const auto quoted = [&](std::size_t i) {
    return std::any_of(quotes.begin(), quotes.end(), [&](const auto& span) {
      return tokens[i].begin > span.first && tokens[i].begin < span.second;
    });
  };
  if (!quotes.empty()) {
    std::string outside =
        find_attribution_where(sentence, tokens, [&](std::size_t i) { return !quoted(i); });
    if (!outside.empty()) {
      return outside;
    }
  }
  std::string anywhere = find_attribution_where(sentence, tokens, [](std::size_t) { return true; });
  if (anywhere.empty() && !quotes.empty()) {
    // No reporting verb: "The union: “We will strike.”"
    return without_repeating_parentheticals(
        speaker_phrases::speaker_before_colon(sentence, tokens).value_or(""));
  }
  return anywhere;
}

}  // namespace tracker::claims
