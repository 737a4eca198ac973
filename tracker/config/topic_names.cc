#include "tracker/config/topic_names.h"

#include <algorithm>
#include <vector>

#include "tracker/claims/stemmer.h"
#include "tracker/text/did_you_mean.h"

namespace tracker::config {
namespace {

// The topic `typed` most likely means: one of the same word stem first ("casualty" is
// "casualties", too far apart for a typo), else the closest spelling.
std::string likely_topic(std::string_view typed, const std::vector<std::string_view>& names) {
  const claims::Stemmer stemmer;
  const std::string stem = stemmer.stem(typed);
  for (const std::string_view name : names) {
    if (stemmer.stem(name) == stem) {
      return std::string(name);
    }
  }
  return text::did_you_mean(typed, names);
}

}  // namespace

std::vector<std::string> topic_names(const claims::TopicLexicon& lexicon) {
  std::vector<std::string> names;
  for (const claims::Topic& topic : lexicon.topics) {
    names.push_back(topic.name);
  }
  return names;
}

std::optional<std::string> unknown_topic(std::string_view name,
                                         const std::vector<std::string>& known) {
  if (std::find(known.begin(), known.end(), name) != known.end()) {
    return std::nullopt;
  }
  const std::vector<std::string_view> names(known.begin(), known.end());
  std::string problem = "unknown topic '" + std::string(name) + "'";
  if (const std::string suggestion = likely_topic(name, names); !suggestion.empty()) {
    return problem + " (did you mean '" + suggestion + "'?)";
  }
  problem += " (the known topics:";
  for (std::size_t i = 0; i < names.size(); ++i) {
    problem += (i == 0 ? " " : ", ") + std::string(names[i]);
  }
  return problem + ")";
}

tl::expected<void, std::string> check_topic_names(const Settings& settings,
                                                  const claims::TopicLexicon& lexicon) {
  const std::vector<std::string> known = topic_names(lexicon);
  for (const TopicMention& mention : settings.topic_mentions) {
    if (const auto problem = unknown_topic(mention.name, known)) {
      return tl::make_unexpected(mention.place + ": " + *problem +
                                 (mention.in_alert ? "; the [[alert]] would never match it" : ""));
    }
  }
  return {};
}

}  // namespace tracker::config
