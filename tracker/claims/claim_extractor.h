#pragma once

#include <string>
#include <vector>

#include "tracker/claims/claim.h"
#include "tracker/claims/lexicon.h"
#include "tracker/claims/stemmer.h"

namespace tracker::claims {

// Turns the paragraphs of an article into claims, one per sentence, in document order.
// Holds a stemmer, so one extractor serves one thread.
class ClaimExtractor {
 public:
  explicit ClaimExtractor(const TopicLexicon& lexicon);

  std::vector<Claim> extract(const std::vector<std::string>& paragraphs);

  // The claim of a single sentence that is already normalised.
  Claim claim_of(std::string_view sentence, std::size_t paragraph);

 private:
  Stemmer m_stemmer;
  TopicMatcher m_matcher;
};

}  // namespace tracker::claims
