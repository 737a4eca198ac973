#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tracker/diff/claim_diff.h"
#include "tracker/store/records.h"

namespace tracker::alert {

// One `[[alert]]` table: who hears about which changes, and how.
struct AlertRule {
  std::vector<std::string> to;       // at least one address
  std::vector<std::string> topics;   // empty: changes of any topic, and of none
  diff::Significance min_significance = diff::Significance::high;
  std::vector<std::string> sources;  // source names and tags, as written; empty: every source
  // The sources that `sources` names, tags resolved (config::load_settings fills it in). The
  // rule's identity stays `sources` as written: tagging one more source does not make it a
  // new rule.
  std::vector<std::string> matched_sources;
  bool digest = false;               // one message per run instead of one per new version
  std::string origin;                // "tracker.toml:30", for messages
};

// The rule's identity in the store: a hash of everything that decides what it sends where.
// Editing a rule makes it a new rule, which starts with the changes found after the edit.
std::string rule_key(const AlertRule& rule);

// True when `change`, found in source `source_name`, is one the rule alerts about.
bool rule_matches(const AlertRule& rule, const store::Change& change, std::string_view source_name);

}  // namespace tracker::alert
