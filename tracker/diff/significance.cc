#include "tracker/diff/significance.h"

#include <algorithm>
#include <cmath>

namespace tracker::diff {
namespace {

constexpr std::array<double, k_feature_count> k_weights = {
#include "tracker/diff/significance_weights.inc"
};

double flag(bool value) { return value ? 1.0 : 0.0; }

double log_count(std::size_t count) { return std::log1p(static_cast<double>(count)); }

// False when either version of the claim is in a language the rules do not read.
bool analysed(const ClaimChange& change) {
  return (change.old_claim == nullptr || change.old_claim->language.empty()) &&
         (change.new_claim == nullptr || change.new_claim->language.empty());
}

}  // namespace

const std::array<std::string_view, k_feature_count> k_feature_names = {
    "bias",          "added",          "removed",      "number",        "negation",
    "certainty",     "attribution",    "time",         "changed_words", "changed_names",
    "changed_share", "typo_fix",       "claim_words",  "claim_names",   "claim_number",
    "claim_speaker", "topical",       "novel_words",  "claim_novel"};

std::array<double, k_feature_count> meaning_features(ChangeKind kind, const ChangeEvidence& evidence) {
  const bool modified = kind == ChangeKind::modified;
  return {1.0,
          flag(kind == ChangeKind::added),
          flag(kind == ChangeKind::removed),
          flag(modified && evidence.number),
          flag(modified ? evidence.negation : false),
          flag(modified && evidence.certainty),
          flag(modified && evidence.attribution),
          flag(modified && evidence.time),
          modified ? log_count(evidence.changed_words) : 0.0,
          modified ? log_count(evidence.changed_names) : 0.0,
          modified ? evidence.changed_share : 0.0,
          flag(modified && evidence.typo_fixes > 0),
          modified ? 0.0 : log_count(evidence.content_words),
          modified ? 0.0 : log_count(evidence.names),
          flag(!modified && evidence.has_number),
          flag(!modified && evidence.has_attribution),
          flag(evidence.topical),
          modified ? log_count(evidence.novel_words) : 0.0,
          modified ? 0.0 : evidence.novel_share};
}

double meaning_score(ChangeKind kind, const ChangeEvidence& evidence) {
  const std::array<double, k_feature_count> features = meaning_features(kind, evidence);
  double sum = 0;
  for (std::size_t i = 0; i < k_feature_count; ++i) {
    sum += k_weights[i] * features[i];
  }
  return 1.0 / (1.0 + std::exp(-sum));
}

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
  const ChangeEvidence& evidence = change.evidence;
  if (!analysed(change)) {
    // Text in a language without rules: its words cannot be weighed, its figures can.
    const bool figure = change.kind == ChangeKind::modified ? evidence.number : evidence.has_number;
    return figure ? Significance::medium : Significance::low;
  }
  const bool factual = evidence.number || evidence.negation || evidence.certainty ||
                       evidence.attribution || evidence.time;  // the change's own aspects
  if (change.kind == ChangeKind::modified && !factual && evidence.changed_words == 0) {
    return Significance::low;  // wording only: typos, spelling, word order, function words
  }
  // A figure, a hedge, a negation or a speaker that changed, and a claim with a figure or a
  // speaker that came or went, are what the tool exists to report (DESIGN.md): such a change
  // always matters; the model weighs everything else.
  const bool substantive = change.kind != ChangeKind::modified || evidence.number ||
                           evidence.certainty || evidence.negation || evidence.attribution;
  const bool factual_change = change.kind == ChangeKind::modified
                                  ? substantive
                                  : evidence.has_number || evidence.has_attribution;
  if (!factual_change && change.meaning_score < 0.5) {
    return Significance::low;
  }
  return substantive && touches_watched_topic(change, options) ? Significance::high
                                                               : Significance::medium;
}

}  // namespace tracker::diff
