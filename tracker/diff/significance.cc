#include "tracker/diff/significance.h"

#include <algorithm>

namespace tracker::diff {

bool touches_watched_topic(const ClaimChange& change, const DiffOptions& options) {
  if (options.watched_topics.empty()) {
    return !change.topics.empty();
  }
  return std::any_of(change.topics.begin(), change.topics.end(), [&](const std::string& topic) {
    return std::find(options.watched_topics.begin(), options.watched_topics.end(), topic) !=
           options.watched_topics.end();
  });
}

Significance grade(const ClaimChange& change, const DiffOptions& options) {
  const bool topical = touches_watched_topic(change, options);
  if (change.kind != ChangeKind::modified) {
    return topical ? Significance::high : Significance::low;
  }
  const auto has = [&](Aspect aspect) {
    return std::find(change.aspects.begin(), change.aspects.end(), aspect) != change.aspects.end();
  };
  const bool substantive = has(Aspect::number) || has(Aspect::certainty) || has(Aspect::attribution);
  if (topical) {
    return substantive ? Significance::high : Significance::medium;
  }
  return has(Aspect::number) ? Significance::medium : Significance::low;
}

}  // namespace tracker::diff
