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
  return *extract(paragraphs, ClaimLimits{});
}

tl::expected<std::vector<Claim>, TooManySentences> ClaimExtractor::extract(
    const std::vector<std::string>& paragraphs, const ClaimLimits& limits) {
  std::vector<std::string> normalized;
  normalized.reserve(paragraphs.size());
  for (const std::string& paragraph : paragraphs) {
    normalized.push_back(text::normalize_text(paragraph));
  }
  std::vector<std::vector<std::string_view>> sentences;  // views into `normalized`
  sentences.reserve(normalized.size());
  std::size_t count = 0;
  for (const std::string& paragraph : normalized) {
    sentences.push_back(text::split_sentences(paragraph));
    count += sentences.back().size();
    if (count > limits.max_sentences) {
      return tl::make_unexpected(TooManySentences{
          limits.max_sentences,
          "the text has more than " + std::to_string(limits.max_sentences) + " sentences"});
    }
  }
  std::vector<Claim> claims;
  claims.reserve(count);
  for (std::size_t index = 0; index < sentences.size(); ++index) {
    for (std::string_view sentence : sentences[index]) {
      if (limits.out_of_time && limits.out_of_time()) {
        return tl::make_unexpected(TooManySentences{limits.max_sentences, "out of time reading claims", true});
      }
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
