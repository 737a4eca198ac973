#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "tracker/report/measures.h"

namespace tracker::config {

// Reads a measure lexicon (feeds/measures.toml): `version`, `generic` and `ignore` (nouns) and `[events]`
// (event name = terms). Errors read "FILE:LINE:COLUMN: problem", with a suggestion for a
// mistyped key; a term listed under two events is an error.
tl::expected<report::MeasureTerms, std::string> load_measures(const std::filesystem::path& path);

// The same, from TOML text; `source_name` is used in error messages.
tl::expected<report::MeasureTerms, std::string> parse_measures(std::string_view toml, const std::string& source_name);

// The lexicon built into the binary: feeds/measures.toml as it was at build time.
tl::expected<report::MeasureTerms, std::string> default_measures();

}  // namespace tracker::config
