#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/claims/claim.h"
#include "tracker/text/tokens.h"

namespace tracker::diff {

// A claim with its words read once for a diff. Each comparison of a change (content words,
// negations, the version's word set, respelt cues) used to tokenize and lower-case the claim's
// text again; a diff now reads every claim once and they all share the reading.
struct ClaimWords {
  const claims::Claim* claim = nullptr;
  std::string lower;                   // the claim's text, ASCII lower-cased (same byte offsets)
  std::vector<text::TokenSpan> tokens;  // text::tokenize's tokens
  std::size_t negations = 0;           // tokens that negate (text::negates)

  std::string_view written(const text::TokenSpan& token) const {
    return std::string_view(claim->text).substr(token.begin, token.size);
  }
  std::string_view lower_case(const text::TokenSpan& token) const {
    return std::string_view(lower).substr(token.begin, token.size);
  }
  // The lower-case word after token `i`; empty after the last.
  std::string_view lower_after(std::size_t i) const {
    return i + 1 < tokens.size() ? lower_case(tokens[i + 1]) : std::string_view();
  }
};

// Reads `claim`, which must outlive the result.
ClaimWords read_words(const claims::Claim& claim);
// Reads each claim of a version, in order.
std::vector<ClaimWords> read_words(const std::vector<claims::Claim>& claims);

// A word that carries content, as it stands in a sentence. Views into the ClaimWords it was
// read from (its lower-case text) and into its claim's text: valid while both live. A diff
// reads the content words of each changed claim, so they are not copied.
struct ContentWord {
  std::string_view lower;
  bool name = false;  // capitalised inside the sentence: a person, place or organisation
  std::string_view as_written;
};

// The claim's content words: no function words or connectives ("additionally", "moreover"),
// numbers, reporting verbs or negations (each has its own aspect), no words of time
// references; hyphenated words are split so that "eight-lane" and "eight lane" read alike.
// `speaker_as_words`: the attribution's words count too (the speaker stayed the same entity, and
// how it is described may have changed).
std::vector<ContentWord> content_words(const ClaimWords& words, bool speaker_as_words = false);

}  // namespace tracker::diff
