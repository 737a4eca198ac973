#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "tracker/claims/claim.h"
#include "tracker/claims/lexicon.h"
#include "tracker/claims/stemmer.h"

namespace tracker::claims {

// Bounds on the claims of one document.
struct ClaimLimits {
  std::size_t max_sentences = std::numeric_limits<std::size_t>::max();
};

// A document refused for having more sentences than ClaimLimits::max_sentences.
struct TooManySentences {
  std::size_t limit = 0;
  std::string message;  // "the text has more than 5000 sentences"
};

// Turns the paragraphs of an article into claims, one per sentence, in document order.
// Holds a stemmer, so one extractor serves one thread.
class ClaimExtractor {
 public:
  explicit ClaimExtractor(const TopicLexicon& lexicon);

  std::vector<Claim> extract(const std::vector<std::string>& paragraphs);

  // The same, but a document past `limits` is refused whole before any claim is read: cut
  // short, its missing claims would read as removed in the next diff.
  tl::expected<std::vector<Claim>, TooManySentences> extract(
      const std::vector<std::string>& paragraphs, const ClaimLimits& limits);

  // The claim of a single sentence that is already normalised.
  Claim claim_of(std::string_view sentence, std::size_t paragraph);

 private:
  Stemmer m_stemmer;
  TopicMatcher m_matcher;
};

}  // namespace tracker::claims
