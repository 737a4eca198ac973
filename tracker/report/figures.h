#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tracker/store/document_summary.h"
#include "tracker/store/records.h"

namespace tracker::report {

// One figure a story reported: a number of its claims, from the version that first gave it
// until the version that no longer did. The first piece of the figure ledger (#18): what
// `tracker figures` lists, read from the claims the runs stored.
struct Figure {
  std::string measure;  // what it counts, as the claim names it ("troops", "killed"); may be empty
  // With a ledger measure (with_ledger_measures): the event it counts, as the measure lexicon
  // names it ("killed"), or for an amount what the amount is ("compensation"); empty when no
  // term of the lexicon names one ("more than 10,000 troops").
  std::string measure_event;
  std::string text;     // as written, qualifier included: "more than 10,000"
  std::optional<double> value;  // nullopt for a vague figure ("many")
  std::optional<double> upper;  // of a range
  std::string qualifier;        // "exact", "at_least", "about", "vague", ...
  std::string attribution;      // who says so; empty when the claim names nobody
  std::string certainty;        // as the last version with it put it: "asserted", "hedged", ...
  std::vector<std::string> topics;
  std::string claim;  // the sentence, as first reported
  store::DocumentId document_id = 0;
  std::string title;
  std::string url;
  std::string source;
  store::SnapshotId first_snapshot = 0;
  store::UnixSeconds first_seen = 0;
  store::SnapshotId last_snapshot = 0;  // the newest version that still has it
  // When a version without it was stored (or the story was taken down); nullopt while the
  // newest version still reports it.
  std::optional<store::UnixSeconds> until;
};

// The figures of one document, from its snapshots (oldest first). A figure is the same from one
// version to the next when its measure, value (or words, for a vague one), qualifier and
// attribution are: a revised number or a new speaker is a new figure, and the old one ends.
// Versions whose stored claims do not read as tracker writes them are passed over. A figure a
// pronoun attributes ("..., he added") is the last speaker an earlier claim of the version named.
std::vector<Figure> document_figures(const store::DocumentSummary& document, const std::vector<store::Snapshot>& snapshots);

}  // namespace tracker::report
