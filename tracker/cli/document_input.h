#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "tracker/cli/page_input.h"
#include "tracker/claims/claim_extractor.h"
#include "tracker/claims/lexicon.h"
#include "tracker/store/records.h"

namespace tracker::cli {

// The text of one version of a report, as claims are made from it.
struct DocumentText {
  std::string title;                    // from the page, or empty
  std::vector<std::string> paragraphs;  // article paragraphs (subheadings left out)
  // The page's standfirst, byline and dates (pipeline::page_fields_of); nullopt for plain text
  // and for a snapshot stored before page fields were kept.
  std::optional<store::PageFields> fields;
};

// Reads FILE, "-" or URL: HTML (anything whose first non-blank character is '<') goes through
// the extractor; anything else is plain text, one paragraph per blank-line-separated block.
tl::expected<DocumentText, InputError> read_document(std::string_view argument,
                                                     const net::FetchOptions& fetch);

// Splits plain text into paragraphs at blank lines, joining the lines within each.
std::vector<std::string> plain_text_paragraphs(std::string_view text);

// The topic lexicon: `explicit_path` if given, else $TRACKER_TOPICS, else feeds/topics.toml
// in the current directory, else the one built into the binary.
tl::expected<claims::TopicLexicon, InputError> load_topic_lexicon(const std::string& explicit_path);

// The claims of `paragraphs` under the default [limits] max_sentences_per_page, as `run`
// makes them: a longer text is refused ("SOURCE: the text has more than 5000 sentences (over
// [limits] max_sentences_per_page = 5000)", ExitCode::bad_input) rather than read for hours.
// Through `memo` when given, as `run` reads two versions of a document (ClaimExtractor::extract).
tl::expected<std::vector<claims::Claim>, InputError> claims_within_limits(
    claims::ClaimExtractor& extractor, const std::vector<std::string>& paragraphs,
    std::string_view source, claims::ParagraphMemo* memo = nullptr);

}  // namespace tracker::cli
