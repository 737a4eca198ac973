#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "tracker/claims/lexicon.h"
#include "tracker/config/settings.h"

namespace tracker::config {

// Why `name` is not a topic of `lexicon`: "unknown topic 'casualty' (did you mean
// 'casualties'?)", or with the lexicon's topics listed when none is close. nullopt when it is.
std::optional<std::string> unknown_topic(std::string_view name,
                                         const claims::TopicLexicon& lexicon);

// Every topic a [[source]] or [[alert]] names is one of the lexicon's; else the first that is
// not, at its place: "feeds/asia.toml:7:12: unknown topic 'casualty' (did you mean
// 'casualties'?)". A rule's unknown topic would never match, so it is refused rather than
// left to alert about nothing.
tl::expected<void, std::string> check_topic_names(const Settings& settings,
                                                  const claims::TopicLexicon& lexicon);

}  // namespace tracker::config
