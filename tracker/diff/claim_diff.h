#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/claims/claim.h"
#include "tracker/diff/change_evidence.h"
#include "tracker/diff/word_diff.h"

namespace tracker::diff {

enum class ChangeKind { added, removed, modified };
enum class Significance { low, medium, high };
enum class Aspect { number, attribution, certainty, reversal, time, wording };
// What happened to the whole story rather than to one claim: its page went away (a 404 or
// 410, or a redirect to the site's front or a section front), or came back after that.
enum class StoryEvent { none, taken_down, restored };

std::string_view to_string(ChangeKind kind);
std::string_view to_string(Significance significance);
std::string_view to_string(Aspect aspect);
// "high", "medium", "low" as to_string writes them; nullopt for anything else.
std::optional<Significance> parse_significance(std::string_view name);

// One claim that appeared, disappeared or changed between two versions of a report.
struct ClaimChange {
  ChangeKind kind = ChangeKind::modified;
  Significance significance = Significance::low;
  std::vector<std::string> topics;  // of the old and new claim together, in lexicon order
  std::vector<Aspect> aspects;      // modified only
  const claims::Claim* old_claim = nullptr;  // null for added; points into the diffed vectors
  const claims::Claim* new_claim = nullptr;  // null for removed
  std::vector<WordEdit> words;      // modified only: the word diff from old to new text
  ChangeEvidence evidence;          // what changed, or what the added or removed claim holds
  double meaning_score = 0;         // how likely it alters what the report says (significance.h)
  // A count in a casualty or troop claim went down: often a correction, worth a human look.
  bool possible_correction = false;
  // An added "Correction: ...", "Clarification: ..." or "Editor's note: ..." paragraph: the
  // outlet says it changed the story (at least medium).
  bool correction_note = false;
  // Set on the one change that says the story went or came back (pipeline/takedown.h); its
  // old or new claim is the headline. `story_reason` says how: "the page answers 404 Not Found".
  StoryEvent story_event = StoryEvent::none;
  std::string story_reason;

  bool has_aspect(Aspect aspect) const {
    return std::find(aspects.begin(), aspects.end(), aspect) != aspects.end();
  }
};

// The kind as outputs and the store name it: "taken_down" and "restored" for a story event,
// "headline", "standfirst" or "byline" for a page field (a modified change of its own, see
// add_page_field_change), else to_string(kind).
std::string_view kind_name(const ClaimChange& change);

struct ClaimDiff {
  std::vector<ClaimChange> changes;  // in the new version's order, removals where they were
  std::size_t moved = 0;             // claims found in both versions at different places
  std::size_t unchanged = 0;
  // The languages of claims that only had their numbers read (Claim::language), sorted: the
  // diff of such text says nothing about attribution, certainty or topics.
  std::vector<std::string> languages_not_analysed;
};

struct DiffOptions {
  // Topics that matter to the reader; empty means every topic.
  std::vector<std::string> watched_topics;
  // Topics whose counts going down flag a possible correction.
  std::vector<std::string> count_topics = {"casualties", "deployment"};
};

// The sorted Claim::language values of both versions (ClaimDiff::languages_not_analysed).
std::vector<std::string> languages_not_analysed(const std::vector<claims::Claim>& old_claims,
                                                const std::vector<claims::Claim>& new_claims);

// Aligns two versions' claims (dtl over comparison keys), counts moved and unchanged claims,
// pairs the rest by similarity into modified claims, and grades each change. The result
// points into `old_claims` and `new_claims`, which must outlive it.
ClaimDiff diff_claims(const std::vector<claims::Claim>& old_claims,
                      const std::vector<claims::Claim>& new_claims, const DiffOptions& options = {});

// Adds the change of the page's headline, first in `diff`, when both versions have one and its
// words changed: a modified claim of kind "headline", graded like any other (a figure in a
// headline is a figure). The headlines are compared on their own, never paired with body
// sentences, and must outlive `diff` like the claims. No change when either headline is empty
// (a version stored before headlines were kept).
void add_headline_change(ClaimDiff& diff, const claims::Claim& old_headline, const claims::Claim& new_headline,
                         const std::vector<claims::Claim>& old_claims,
                         const std::vector<claims::Claim>& new_claims, const DiffOptions& options = {});

// The same for any page field (Claim::field): a modified change of kind "headline",
// "standfirst" or "byline" among the diff's first changes, in that order. A new standfirst
// that is the opening of its version's body (many pages' descriptions are) makes no change of
// its own: the body's changes cover it. A byline change is medium, its aspect attribution.
void add_page_field_change(ClaimDiff& diff, const claims::Claim& old_field, const claims::Claim& new_field,
                           const std::vector<claims::Claim>& old_claims,
                           const std::vector<claims::Claim>& new_claims, const DiffOptions& options = {});

}  // namespace tracker::diff
