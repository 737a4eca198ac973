#pragma once

#include <cstddef>
#include <functional>
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
  // Asked before each sentence; once it says true the document is given up. Empty: never.
  std::function<bool()> out_of_time;
};

// A document refused for having more sentences than ClaimLimits::max_sentences, or given up
// when ClaimLimits::out_of_time said so.
struct TooManySentences {
  std::size_t limit = 0;
  std::string message;  // "the text has more than 5000 sentences"
  bool out_of_time = false;
};

// Turns the paragraphs of an article into claims, one per sentence, in document order. The
// text's language decides the rules (text/language.h): English text gets all of them, any
// other only its numbers (Claim::language says which).
// Holds a stemmer, so one extractor serves one thread.
class ClaimExtractor {
 public:
  explicit ClaimExtractor(const TopicLexicon& lexicon);

  std::vector<Claim> extract(const std::vector<std::string>& paragraphs);

  // The same, but a document past `limits` is refused whole before any claim is read: cut
  // short, its missing claims would read as removed in the next diff.
  tl::expected<std::vector<Claim>, TooManySentences> extract(
      const std::vector<std::string>& paragraphs, const ClaimLimits& limits);

  // The claim of a page's headline, read whole as one sentence (Claim::headline set) with the
  // rules of its article's language: `body` is the article's claims as extract() gave them.
  // A headline with nothing to claim (none at all, punctuation) has an empty key.
  Claim headline_of(std::string_view headline, const std::vector<Claim>& body);

  // The claim of a single sentence that is already normalised.
  Claim claim_of(std::string_view sentence, std::size_t paragraph);

  // The claim of a sentence in a language without rules (Claim::language): its numbers only.
  static Claim numbers_of(std::string_view sentence, std::size_t paragraph, std::string_view language);

 private:
  Stemmer m_stemmer;
  TopicMatcher m_matcher;
};

}  // namespace tracker::claims
