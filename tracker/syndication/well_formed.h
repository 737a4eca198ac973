#pragma once

#include <cstddef>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "tracker/syndication/feed_error.h"

namespace tracker::syndication {

// "XML error at line N: message", N counted up to `offset` in `text`.
FeedError xml_error(std::string_view text, std::size_t offset, const std::string& message);

// Refuses characters XML forbids anywhere (C0 controls other than tab, newline and return).
tl::expected<void, FeedError> check_characters(std::string_view utf8);

// Checks a tree pugixml accepted for what pugixml does not check: one root element and nothing
// but comments and processing instructions after it, namespace prefixes declared, entity
// references known, no '<' in attribute values, no attribute twice, no nesting deeper than
// k_max_depth. `utf8` is the parsed text, for line numbers; `root_name` the root as written.
tl::expected<void, FeedError> check_tree(const pugi::xml_document& document, std::string_view utf8,
                                         const std::string& root_name);

}  // namespace tracker::syndication
