#pragma once

#include <filesystem>
#include <string>

#include <tl/expected.hpp>

#include "tracker/claims/lexicon.h"

namespace tracker::config {

// Reads a topic lexicon file (feeds/topics.toml). Errors read "FILE:LINE:COLUMN: problem",
// with a suggestion for a mistyped key.
tl::expected<claims::TopicLexicon, std::string> load_topics(const std::filesystem::path& path);

// The same, from TOML text; `source_name` is used in error messages.
tl::expected<claims::TopicLexicon, std::string> parse_topics(std::string_view toml,
                                                             const std::string& source_name);

// The lexicon built into the binary: feeds/topics.toml as it was at build time.
tl::expected<claims::TopicLexicon, std::string> default_topics();

}  // namespace tracker::config
