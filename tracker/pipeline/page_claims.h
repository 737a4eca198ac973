#pragma once

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "tracker/claims/claim_extractor.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/extract/dom_limits.h"
#include "tracker/extract/metadata.h"
#include "tracker/store/records.h"

namespace tracker::pipeline {

// One version of an article as tracker stores it: what `tracker run` keeps of a fetched page,
// and what `tracker verify` and `tracker reprocess` compute again from the stored raw page.
struct PageClaims {
  std::string title;                    // the page's own title
  store::PageFields fields;             // standfirst, byline and dates, normalised (page_fields_of)
  std::vector<std::string> paragraphs;  // article paragraphs, subheadings left out
  std::string text;                     // the paragraphs normalised, separated by blank lines
  std::vector<claims::Claim> claims;
  claims::Claim headline;  // the page's headline as a claim (ClaimExtractor::headline_of)
};

struct PageClaimsOptions {
  std::string_view url;           // where the page came from
  std::string_view content_type;  // HTTP Content-Type, for its charset
  std::size_t max_page_bytes = std::size_t{64} << 20;
  extract::DomLimits dom_limits;
  claims::ClaimLimits claim_limits;
  // Asked while parsing and before each sentence: once it says true (a deadline has passed)
  // the page is given up with an error. Empty: never.
  std::function<bool()> out_of_time;
};

// Extracts the article of `page` without its claims (`claims` and `headline` left empty):
// enough to tell whether it is a new version. Errors as read_page_claims gives them.
tl::expected<PageClaims, std::string> read_page_text(std::string_view page, const PageClaimsOptions& options,
                                                     std::string_view base_url);
// Adds the claims and the headline claim to `page`, a read_page_text result; through `memo`
// when given (ClaimExtractor::extract), reusing the claims of paragraphs read before.
tl::expected<void, std::string> add_page_claims(PageClaims& page, claims::ClaimExtractor& extractor,
                                                const PageClaimsOptions& options,
                                                claims::ParagraphMemo* memo = nullptr);
// The headline as stored: the page's title normalised, as ClaimExtractor::headline_of reads it.
std::string stored_headline(const PageClaims& page);

// What a snapshot keeps of the page's metadata: standfirst and byline normalised like the text,
// the dates as the metadata gives them.
store::PageFields page_fields_of(const extract::PageMetadata& metadata);

// A stored version's standfirst and byline as claims (`body` its claims), compared with the
// new version's in its diff: the changes of `old_fields` to `new_fields` are added to `diff`.
// `claims` receives the four claims, which the diff points into: old and new standfirst, old
// and new byline.
void add_page_field_changes(claims::ClaimExtractor& extractor, const store::PageFields& old_fields,
                            const store::PageFields& new_fields, const std::vector<claims::Claim>& old_body,
                            const std::vector<claims::Claim>& new_body, std::array<claims::Claim, 4>& claims,
                            diff::ClaimDiff& diff, const diff::DiffOptions& options);

// Extracts the article of `page` and its claims. Errors, for people, start with options.url:
// a page with no article text, or one past a limit (naming its [limits] key).
tl::expected<PageClaims, std::string> read_page_claims(std::string_view page, claims::ClaimExtractor& extractor,
                                                       const PageClaimsOptions& options);
// The same, with relative links resolved against `base_url` (where a redirect led) rather
// than options.url.
tl::expected<PageClaims, std::string> read_page_claims(std::string_view page, claims::ClaimExtractor& extractor,
                                                       const PageClaimsOptions& options, std::string_view base_url);

}  // namespace tracker::pipeline
