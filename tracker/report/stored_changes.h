#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/diff/claim_diff.h"
#include "tracker/diff/word_diff.h"
#include "tracker/store/records.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::report {

// What a change says about corrections (ClaimChange's flags, kept in its stored detail).
struct CorrectionFlags {
  bool possible_correction = false;  // a count went down
  bool correction_note = false;      // a "Correction:" or "Editor's note:" paragraph came
  std::string story_event;           // "taken_down", "restored" or empty (ClaimChange::story_event)
  std::string story_reason;
};

// The flags of a change as the diff made it.
CorrectionFlags correction_flags(const diff::ClaimChange& change);

// The flags in a change's stored detail (its diff JSON); none when it is damaged.
CorrectionFlags correction_flags(std::string_view detail_json);

// The sentences every output shows for the flags: the report, the feed, the e-mail, `diff`.
std::vector<std::string> correction_notes(const CorrectionFlags& flags);

// A stored change as the HTML report and the Atom feed show it.
struct StoredChange {
  store::Change change;
  // The word diff of a modified claim, as the run stored it (recomputed from the two texts
  // when the stored detail lacks it); empty for an added or removed claim.
  std::vector<diff::WordEdit> words;
  CorrectionFlags flags;
};

// A document the changes belong to, with the name of its source ("" when unknown).
struct ChangedDocument {
  store::Document document;
  std::string source_name;
};

// Stored changes with their documents: what the HTML report and the Atom feed render.
struct ChangeSet {
  std::vector<StoredChange> changes;                       // oldest first, as the store lists them
  std::map<store::DocumentId, ChangedDocument> documents;  // every document of `changes`
};

// The changes matching `query`, with their documents and word diffs.
store::StoreResult<ChangeSet> read_change_set(store::SnapshotStore& store,
                                              const store::ChangeQuery& query);

// A stored change's word diff and possible-correction flag, read from its detail JSON; a
// missing or damaged detail falls back to diffing the old and new texts.
StoredChange to_stored_change(store::Change change);

// The edits of one side of a word diff: the old claim with its removed words (`keep` removed)
// or the new claim with its added ones.
std::vector<diff::WordEdit> one_side(const std::vector<diff::WordEdit>& words,
                                     diff::WordEdit::Op keep);

// A stored change's kind in words, as reports title it: "new claim", "claim removed",
// "claim changed", "headline changed"; an unknown kind as stored.
std::string kind_label(std::string_view kind);

// "2025-02-13T08:40:00Z": RFC 3339 and ISO 8601 in UTC, as every report writes times.
std::string utc_time(store::UnixSeconds seconds);

// `url` when it is an http or https URL, so a report may link to it; "" for anything else
// (javascript:, data:, relative), which a report then shows as text only.
std::string_view web_link(std::string_view url);

}  // namespace tracker::report
