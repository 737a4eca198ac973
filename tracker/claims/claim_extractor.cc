#include "tracker/claims/claim_extractor.h"

#include "tracker/claims/attribution.h"
#include "tracker/claims/certainty.h"
#include "tracker/claims/time_refs.h"
#include "tracker/text/normalize.h"
#include "tracker/text/sentences.h"

namespace tracker::claims {

std::string_view to_string(Certainty certainty) {
  switch (certainty) {
    case Certainty::asserted:
      return "asserted";
    case Certainty::hedged:
      return "hedged";
    case Certainty::denied:
      return "denied";
  }
  return "asserted";
}

ClaimExtractor::ClaimExtractor(const TopicLexicon& lexicon) : m_matcher(lexicon, m_stemmer) {}

Claim ClaimExtractor::claim_of(std::string_view sentence, std::size_t paragraph) {
  Claim claim;
  claim.text = std::string(sentence);
  claim.key = text::comparison_key(sentence);
  claim.paragraph = paragraph;
  const std::vector<text::Token> tokens = text::tokenize(sentence);
  std::vector<std::string> stems;
  stems.reserve(tokens.size());
  for (const text::Token& token : tokens) {
    stems.push_back(m_stemmer.stem(token.lower));
  }
  claim.topics = m_matcher.match(stems);
  claim.numbers = text::find_quantities(sentence);
  claim.attribution = find_attribution(sentence, tokens);
  CertaintyReading certainty = read_certainty(tokens, stems);
  claim.certainty = certainty.certainty;
  claim.certainty_cues = std::move(certainty.cues);
  claim.times = find_time_references(sentence, tokens);
  return claim;
}

std::vector<Claim> ClaimExtractor::extract(const std::vector<std::string>& paragraphs) {
  std::vector<Claim> claims;
  for (std::size_t index = 0; index < paragraphs.size(); ++index) {
    const std::string normalized = text::normalize_text(paragraphs[index]);
    for (std::string_view sentence : text::split_sentences(normalized)) {
      Claim claim = claim_of(sentence, index);
      if (claim.key.empty()) {
        continue;  // punctuation or a lone dash: nothing to claim
      }
      // "“…,” it added in a statement.": the pronoun is whoever spoke in the sentence before.
      if (is_pronoun(claim.attribution) && !claims.empty() && sentence.starts_with('"') &&
          !claims.back().attribution.empty() && !is_pronoun(claims.back().attribution)) {
        claim.attribution = claims.back().attribution;
      }
      claims.push_back(std::move(claim));
    }
  }
  return claims;
}

}  // namespace tracker::claims
