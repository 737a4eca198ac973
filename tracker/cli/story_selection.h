#pragma once

#include <optional>
#include <set>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "tracker/cli/page_input.h"
#include "tracker/cli/store_input.h"
#include "tracker/report/stories.h"
#include "tracker/store/document_summary.h"

namespace tracker::cli {

// The stories of `documents` (report/stories.h), each read from its stored story terms (else its
// newest stored version: its headline, else its title, and its text; a document with no version
// yet counts by its title). The [[story]] tables of the configuration the store was found through
// pin their documents, and its story_similarity is the threshold unless `similarity` is given.
// Documents keep the stories the runs stored them in, when they were grouped with the same settings
// (pipeline/story_placement.h); the others are placed as they come.
tl::expected<std::vector<report::Story>, InputError> stories_of(
    const OpenedStore& opened, const std::vector<store::DocumentSummary>& documents,
    std::optional<double> similarity = std::nullopt);

// The documents of the stored story `story` names (as story_members), read from the store
// without grouping: nullopt when they must be grouped (stories stored with other pins, or
// documents no run placed yet). Errors as story_members.
tl::expected<std::optional<std::set<store::DocumentId>>, InputError> stored_story_members(const OpenedStore& opened,
                                                                                       std::string_view story);

// The documents of one story among `all` (every stored document): `story` is the id of any of
// its documents (as 'tracker stories' or 'tracker documents' lists it) or the name of a
// [[story]] the configuration pins (none yet: no documents). Neither is ExitCode::usage, naming
// the pinned stories; an id the store does not know is ExitCode::no_input.
tl::expected<std::set<store::DocumentId>, InputError> story_members(const OpenedStore& opened,
                                                                    const std::vector<store::DocumentSummary>& all,
                                                                    std::string_view story);

}  // namespace tracker::cli
