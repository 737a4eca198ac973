#pragma once

// The page fuzz target's body, shared by fuzz/page_fuzz.cc and the regression replay in
// tests/fuzz_regressions_test.cc: any bytes as a fetched page through the run's own path,
// pipeline::read_page_claims with the default [limits] (charset, libxml2, content finder,
// normalisation, sentences, quantities, claims). Beyond not crashing, and finishing within
// the per-input time bound fuzz/run.sh gives libFuzzer (-timeout), so that a page slow to
// read is a finding: an error names the page and the problem; a page read has valid UTF-8
// text, no more claims than max_sentences_per_page, and every claim a key.
#include <string>
#include <string_view>

#include "tracker/claims/claim_extractor.h"
#include "tracker/config/settings.h"
#include "tracker/pipeline/page_claims.h"
#include "tracker/text/utf8.h"

namespace tracker::fuzz {

inline constexpr std::string_view k_page_url = "https://example.org/news/page.html";

// The options `tracker run` reads a page with, from the default settings.
inline pipeline::PageClaimsOptions default_page_options() {
  const config::Settings defaults;
  pipeline::PageClaimsOptions options;
  options.url = k_page_url;
  options.content_type = "text/html";
  options.max_page_bytes = defaults.max_body_bytes;
  options.dom_limits = {defaults.max_dom_elements, defaults.max_dom_depth,
                        defaults.max_attributes_per_element};
  options.claim_limits.max_sentences = defaults.max_sentences_per_page;
  return options;
}

// "" when every invariant holds, else the one that broke.
inline std::string check_page_input(std::string_view bytes) {
  static claims::ClaimExtractor extractor(
      claims::TopicLexicon{{{"casualties", {"killed", "wounded", "heavy losses"}, {"toll free"}},
                            {"deployment", {"troops", "deployed", "withdrawn"}, {}}}});
  static const pipeline::PageClaimsOptions options = default_page_options();
  auto page = pipeline::read_page_claims(bytes, extractor, options);
  if (!page) {
    const std::string& error = page.error();
    const std::string prefix = std::string(k_page_url) + ": ";
    if (!error.starts_with(prefix) || error.size() == prefix.size()) {
      return "an error that does not name the page and a problem: " + error;
    }
    return {};
  }
  if (!text::is_valid_utf8(page->title) || !text::is_valid_utf8(page->text)) {
    return "the title or text is not valid UTF-8";
  }
  if (page->claims.size() > options.claim_limits.max_sentences) {
    return "more claims than max_sentences_per_page";
  }
  for (const claims::Claim& claim : page->claims) {
    if (!text::is_valid_utf8(claim.text) || claim.key.empty()) {
      return "a claim with invalid UTF-8 or no key: " + claim.text;
    }
  }
  return {};
}

}  // namespace tracker::fuzz
