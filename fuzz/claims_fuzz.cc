// libFuzzer target: any bytes as a plain-text article through normalisation, sentence
// splitting, quantities, claims and the claim diff (against a copy with one paragraph
// dropped). Beyond not crashing: claim text stays valid UTF-8 and a version diffed with itself
// has no changes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "tracker/claims/claim_extractor.h"
#include "tracker/cli/document_input.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/text/utf8.h"

namespace {

tracker::claims::TopicLexicon fuzz_lexicon() {
  return {{{"casualties", {"killed", "wounded", "heavy losses"}, {"toll free"}},
           {"deployment", {"troops", "deployed", "withdrawn"}, {}}}};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static tracker::claims::ClaimExtractor extractor(fuzz_lexicon());
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string> paragraphs = tracker::cli::plain_text_paragraphs(text);
  const std::vector<tracker::claims::Claim> claims = extractor.extract(paragraphs);
  for (const auto& claim : claims) {
    if (!tracker::text::is_valid_utf8(claim.text) || claim.key.empty()) {
      std::abort();
    }
  }
  if (!tracker::diff::diff_claims(claims, claims).changes.empty()) {
    std::abort();
  }
  std::vector<std::string> shorter = paragraphs;
  if (!shorter.empty()) {
    shorter.erase(shorter.begin() + static_cast<std::ptrdiff_t>(shorter.size() / 2));
  }
  const std::vector<tracker::claims::Claim> other = extractor.extract(shorter);
  tracker::diff::diff_claims(claims, other);
  tracker::diff::diff_claims(other, claims);
  return 0;
}
