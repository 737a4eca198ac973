#pragma once

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/diff/claim_diff.h"
#include "tracker/store/records.h"
#include "tracker/store/snapshot_store.h"

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
  // One story's documents only, as `--story` names it: a document's id (the story that holds
  // it, as the runs stored it) or the name of a [[story]] pin. Empty: every document.
  std::string story;
  std::string origin;                // "tracker.toml:30", for messages

  // A figure-ledger rule (#18) names the ledger events it mails ("new-figure", "corroborated",
  // "repeated", "revised", "contradicted") and gets those events instead of claim changes:
  // each figure a new version reports, with what it did to its measure's timeline. Empty: a
  // claim-change rule, and the fields below are unused.
  std::vector<std::string> events;
  std::vector<std::string> measures;  // only these measures, by whole name or one word; empty: all
  // Words every document of the story has in its title or URL (as `figures --search`): the
  // ledger lines up the figures of these documents only, so that one story's "soldiers killed"
  // is not read against another's. Empty: every document of the rule's sources.
  std::string search;

  bool ledger() const { return !events.empty(); }
};

// The ledger events an `events` list may name, as tracker figures --ledger writes them.
inline constexpr std::array<std::string_view, 5> k_ledger_event_names = {
    "new-figure", "corroborated", "repeated", "revised", "contradicted"};

// The rule's identity in the store: a hash of everything that decides what it sends where.
// Editing a rule makes it a new rule, which starts with the changes found after the edit.
std::string rule_key(const AlertRule& rule);

// True when `change`, found in source `source_name`, is one the rule alerts about; a rule's
// `story` is checked apart, against story_documents, read once per rule and run.
bool rule_matches(const AlertRule& rule, const store::Change& change, std::string_view source_name);

// The documents of the rule's `story` as the runs stored it (pipeline/story_placement.h); empty
// when the rule has none, or the story has no document yet.
store::StoreResult<std::set<store::DocumentId>> story_documents(store::SnapshotStore& store, const AlertRule& rule);

}  // namespace tracker::alert
