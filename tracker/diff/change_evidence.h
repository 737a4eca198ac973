#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "tracker/claims/claim.h"
#include "tracker/diff/claim_words.h"
#include "tracker/diff/word_diff.h"

namespace tracker::diff {

// What changed between two versions of a claim, or what an added or removed claim holds: the
// facts that decide a change's significance (significance.h) and its aspects (claim_diff.h).
struct ChangeEvidence {
  // Modified claims.
  // A quantity's value changed (compared by value, vague ones aside). A figure that left the
  // claim for another sentence of the version, or came from one, with nothing in its place,
  // is no change: the version still states it (a split or a merge).
  bool number = false;
  bool negation = false;     // a negation came or went
  bool reversal = false;     // a word became its opposite: "rose" -> "fell" (opposites.h)
  bool certainty = false;    // the certainty level moved, or a hedge came or went
  bool attribution = false;  // the speaker changed as an entity (not its spelling)
  bool time = false;         // a time reference changed
  // The figures of the time references changed: a date moved, came or went.
  bool date_moved = false;
  std::size_t changed_words = 0;  // content words added or removed, typo fixes aside
  // Of those, the words the new version added and the words it dropped: news adds
  // information more often than it drops it, and a copy edit drops words more than it adds.
  std::size_t added_words = 0;
  std::size_t removed_words = 0;
  std::size_t changed_names = 0;  // of those, capitalised words inside the sentence
  std::size_t typo_fixes = 0;     // removed/added word pairs that are one word's spellings
  double changed_share = 0;       // changed_words over both versions' content words
  // Of the changed words, those the other version has nowhere: new or lost information, not
  // words moved to or from another sentence (a split, a merge, a clause moved).
  std::size_t novel_words = 0;
  // Added or removed claims: what the claim holds.
  std::size_t content_words = 0;
  std::size_t names = 0;
  double novel_share = 0;  // share of its content words that the other version has nowhere
  bool has_number = false;       // a quantity with a value
  // A figure the other version states nowhere: new or lost, not carried to or from another
  // sentence (a split or a merge moves the figure with its noun).
  bool novel_figure = false;
  bool has_attribution = false;  // a speaker
  bool novel_speaker = false;    // a speaker the other version quotes nowhere (same_speaker)
  bool has_negation = false;
  // Either.
  bool topical = false;  // the claim (either version) belongs to a topic
  // The share of the diff's other changes that are wording only (significance.h's
  // GradingRule::wording), set once the whole diff is known: an edit that comes with many pure
  // copy edits is more often one more of them than the same edit among changed facts. An
  // editor revises a version with one purpose more often than with several.
  double copy_edit_share = 0;
};

// What a whole version says, to tell information that is new from information that moved.
struct VersionFacts {
  // Content words, lower-case: views into the ClaimWords the facts were read from, which must
  // outlive them (a diff's version reading holds both).
  std::unordered_set<std::string_view> words;
  std::unordered_set<std::string> figures;  // each valued quantity as value and counted noun
  std::vector<std::string> speakers;         // each claim's attribution, once
};
// Of a version's claims, each read once (read_words).
VersionFacts version_facts(const std::vector<ClaimWords>& claims);

// The evidence of a modified claim (`before` and `after`, whose word diff is `word_edits`) or,
// with one of them null, of an added or removed claim (no word diff); `old_facts` and
// `new_facts` are the two versions' version_facts.
ChangeEvidence gather_evidence(const ClaimWords* before, const ClaimWords* after,
                               const VersionFacts& old_facts, const VersionFacts& new_facts,
                               const std::vector<WordEdit>& word_edits = {});

}  // namespace tracker::diff
