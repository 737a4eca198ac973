#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/report/figures.h"

namespace tracker::report {

// What a figure did to its measure's timeline when it was first reported (#18's ledger events).
enum class LedgerEvent {
  new_figure,    // nothing before it says how it relates: the first, or unrelated to the others
  corroborated,  // an earlier figure gave the same value: another outlet or another speaker
  repeated,      // its own speaker gave the same value before, in the same outlet
  revised,       // its own speaker (or, unattributed, its own story) gave another value before
  contradicted,  // another speaker's other value was still reported, within the window
};
std::string_view to_string(LedgerEvent event);

// One figure on its measure's timeline, with how it relates to what came before.
struct LedgerEntry {
  Figure figure;
  LedgerEvent event = LedgerEvent::new_figure;
  // The earlier figure it corroborates, repeats, revises or contradicts (a copy, so that a
  // timeline cut to a period still says what its figures answered).
  std::optional<Figure> relates_to;
  int direction = 0;  // revised: +1 up, -1 down
  // Every outlet (Figure::source) that reported this value on this measure, at any time; for a
  // vague figure, those that wrote the same words. Sorted.
  std::vector<std::string> carried_by;
};

// One measure's figures, oldest first.
struct MeasureLedger {
  std::string measure;  // as the first figure wrote it
  std::vector<LedgerEntry> timeline;
  // The newest figure still reported (Figure::until unset), else the newest of all.
  Figure latest;
};

struct LedgerOptions {
  // A figure contradicts another speaker's only when the two were first reported this close
  // together: figures weeks apart are a story moving on, not a dispute.
  long long contradiction_window_seconds = 7 * 24 * 3600;
};

// What an entry did, as a person reads it: "new figure", "corroborated", "revised up".
std::string event_label(const LedgerEntry& entry);

// What the figure an entry answers is called beside it: "was" (revised), "against"
// (contradicted), "first" (corroborated, repeated).
std::string_view relation_label(LedgerEvent event);

// The key measures are grouped by: lower case, each word without a plural -s ("Troops" and
// "troop" are one, so are "soldiers killed" and "soldier killed").
std::string measure_key(std::string_view measure);

// Whether a ledger measure ("soldiers killed") is the one asked for: by its whole name or by one
// of its words, compared as measure_key compares them ("soldier" finds "soldiers killed").
bool measure_matches(std::string_view measure, std::string_view wanted);

// Groups `figures` (any order, any documents) by measure and orders each measure's figures by
// when they were first reported, then labels each against those before it:
// - revised: the latest earlier figure of the same speaker (the same attribution, ignoring case;
//   for unattributed figures, the same document) has another value; direction up or down;
// - repeated: that figure has the same value and the same outlet;
// - corroborated: an earlier figure from another outlet or speaker has the same value (and
//   range); it relates to the first such figure;
// - contradicted: an earlier figure of another speaker with another value was still reported
//   when this one came, and came within the window; it relates to the latest such figure;
// - new_figure otherwise. A vague figure ("dozens", "several", qualifier "vague") is compared by
//   its words only and neither contradicts nor is contradicted.
// Figures without a measure are left out: there is nothing to line them up with.
std::vector<MeasureLedger> build_ledger(std::vector<Figure> figures,
                                        const LedgerOptions& options = {});

}  // namespace tracker::report
