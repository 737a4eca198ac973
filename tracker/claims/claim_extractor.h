#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>
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

// The claims read from the paragraphs of one or more versions of a document, kept so that a
// paragraph that comes back unchanged in another version is not read again: a light edit then
// costs the edited paragraphs. A paragraph's claims depend on its text, the language of the
// whole text and the speaker of the claim before it (a quotation continued from the paragraph
// before is that speaker's), so a paragraph is reused only where all three are the same, and
// the claims are those a fresh reading would give. One memo serves one lexicon (one extractor).
class ParagraphMemo {
 public:
  std::size_t size() const { return m_paragraphs.size(); }
  // How many paragraphs were taken from the memo rather than read, over its life.
  std::size_t reused() const { return m_reused; }

 private:
  friend class ClaimExtractor;
  struct Paragraph {
    std::size_t sentences = 0;
    // (the speaker of the claim before the paragraph, its claims read after that speaker)
    std::vector<std::pair<std::string, std::vector<Claim>>> readings;
  };
  std::unordered_map<std::string, Paragraph> m_paragraphs;  // by language code + '\n' + text
  std::size_t m_reused = 0;
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

  // The same, taking the claims of a paragraph from `memo` where it holds them and adding the
  // paragraphs read to it: read a document's stored version through a memo, then its new
  // version through the same memo, and only the paragraphs that changed are read twice. The
  // claims are exactly those of extract() without a memo.
  tl::expected<std::vector<Claim>, TooManySentences> extract(
      const std::vector<std::string>& paragraphs, const ClaimLimits& limits, ParagraphMemo& memo);

  // The claim of a page field (its headline, standfirst or byline), read whole as one sentence
  // (Claim::field set) with the rules of its article's language: `body` is the article's claims
  // as extract() gave them. A field with nothing to claim (none at all, punctuation) has an
  // empty key.
  Claim field_claim(std::string_view text, PageField field, const std::vector<Claim>& body);
  Claim headline_of(std::string_view headline, const std::vector<Claim>& body) {
    return field_claim(headline, PageField::headline, body);
  }

  // The claim of a single sentence that is already normalised.
  Claim claim_of(std::string_view sentence, std::size_t paragraph);

  // The claim of a sentence in a language without rules (Claim::language): its numbers only.
  static Claim numbers_of(std::string_view sentence, std::size_t paragraph, std::string_view language);

 private:
  tl::expected<std::vector<Claim>, TooManySentences> extract(const std::vector<std::string>& paragraphs,
                                                             const ClaimLimits& limits, ParagraphMemo* memo);
  // Appends the claims of one paragraph's sentences to `claims`; false when out of time.
  bool read_paragraph(const std::vector<std::string_view>& sentences, std::size_t index, bool english,
                      const std::string& language, const ClaimLimits& limits, std::vector<Claim>& claims);

  Stemmer m_stemmer;
  TopicMatcher m_matcher;
};

}  // namespace tracker::claims
