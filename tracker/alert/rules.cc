#include "tracker/alert/rules.h"

#include <algorithm>

#include "tracker/store/sha256.h"

namespace tracker::alert {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::string rule_key(const AlertRule& rule) {
  // Sorted copies: the order in which a rule lists its addresses or topics changes nothing.
  auto sorted = [](std::vector<std::string> list) {
    std::sort(list.begin(), list.end());
    return list;
  };
  std::string identity = "v1";
  for (const auto& [field, values] : {std::pair{"to", sorted(rule.to)},
                                      std::pair{"topics", sorted(rule.topics)},
                                      std::pair{"sources", sorted(rule.sources)}}) {
    identity += std::string("\n") + field;
    for (const std::string& value : values) {
      identity += '\t' + value;
    }
  }
  identity += "\nmin\t" + std::string(diff::to_string(rule.min_significance));
  identity += rule.digest ? "\ndigest" : "\nper-version";
  if (!rule.story.empty()) {  // so that a rule without one keeps the key it had before stories
    identity += "\nstory\t" + rule.story;
  }
  // Only a ledger rule has these, so a claim-change rule keeps the key it had before them.
  if (rule.ledger()) {
    for (const auto& [field, values] : {std::pair{"events", sorted(rule.events)},
                                        std::pair{"measures", sorted(rule.measures)},
                                        std::pair{"search", std::vector<std::string>{rule.search}}}) {
      identity += std::string("\n") + field;
      for (const std::string& value : values) {
        identity += '\t' + value;
      }
    }
  }
  return store::sha256_hex(identity).substr(0, 16);
}

bool rule_matches(const AlertRule& rule, const store::Change& change, std::string_view source_name) {
  // A stored change always has a known significance; anything else counts as the lowest.
  if (diff::parse_significance(change.significance).value_or(diff::Significance::low) <
      rule.min_significance) {
    return false;
  }
  if (!rule.sources.empty() && !contains(rule.matched_sources, source_name)) {
    return false;
  }
  if (rule.topics.empty()) {
    return true;
  }
  return std::any_of(change.topics.begin(), change.topics.end(),
                     [&](const std::string& topic) { return contains(rule.topics, topic); });
}

store::StoreResult<std::set<store::DocumentId>> story_documents(store::SnapshotStore& store, const AlertRule& rule) {
  std::set<store::DocumentId> documents;
  if (rule.story.empty()) {
    return documents;
  }
  const std::optional<store::DocumentId> id = store::parse_row_id(rule.story);
  auto members = id ? store.story_holding(*id) : store.pinned_story(rule.story);
  if (!members) {
    return tl::make_unexpected(std::move(members.error()));
  }
  for (const store::StoryMember& member : *members) {
    documents.insert(member.document);
  }
  return documents;
}

}  // namespace tracker::alert
