#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "tracker/claims/lexicon.h"
#include "tracker/config/settings.h"

namespace tracker::config {

// The names of the lexicon's topics, in its order.
std::vector<std::string> topic_names(const claims::TopicLexicon& lexicon);

// Why `name` is none of `known`: "unknown topic 'casualty' (did you mean 'casualties'?)", or
// with the known topics listed when none is close. nullopt when it is one of them.
std::optional<std::string> unknown_topic(std::string_view name,
                                         const std::vector<std::string>& known);

// Every topic a [[source]] or [[alert]] names is one of the lexicon's; else the first that is
// not, at its place: "feeds/asia.toml:7:12: unknown topic 'casualty' (did you mean
// 'casualties'?)". A rule's unknown topic would never match, so it is refused rather than
// left to alert about nothing.
tl::expected<void, std::string> check_topic_names(const Settings& settings,
                                                  const claims::TopicLexicon& lexicon);

}  // namespace tracker::config
