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
  return (change.old_claim == nullptr || change.old_claim->analysed()) &&
         (change.new_claim == nullptr || change.new_claim->analysed());
}

}  // namespace

const std::array<std::string_view, k_feature_count> k_feature_names = {
    "bias",          "added",         "removed",        "number",        "negation",
    "certainty",     "attribution",   "time",           "changed_words", "changed_names",
    "changed_share", "typo_fix",      "claim_words",    "claim_names",   "claim_figure",
    "claim_speaker", "topical",       "novel_words",    "claim_novel",   "claim_restated",
    "added_words",   "removed_words", "copy_edit_share"};

std::array<double, k_feature_count> meaning_features(ChangeKind kind, const ChangeEvidence& evidence) {
  const bool modified = kind == ChangeKind::modified;
  const bool news = modified && evidence.novel_words > 0;
  // One feature a line, in k_feature_names order.
  // clang-format off
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
          flag(!modified && evidence.novel_figure),
          flag(!modified && evidence.has_attribution),
          flag(evidence.topical),
          modified ? log_count(evidence.novel_words) : 0.0,
          modified ? 0.0 : evidence.novel_share,
          // Four in five of its words are elsewhere in the other version: a split, a merge or
          // a restatement more often than news (a step the linear novel_share cannot make).
          flag(!modified && evidence.novel_share < 0.2),
          // Which way the words went, where any of them is new to the version: a merge, a
          // split or a reordered clause moves words and tells nothing by the direction.
          news ? log_count(evidence.added_words) : 0.0,
          news ? log_count(evidence.removed_words) : 0.0,
          evidence.copy_edit_share};
  // clang-format on
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

GradingRule grading_rule(const ClaimChange& change) {
  const ChangeEvidence& evidence = change.evidence;
  if (!analysed(change)) {
    return GradingRule::figures_only;  // text in a language without rules: its figures only
  }
  const bool modified = change.kind == ChangeKind::modified;
  const bool factual = evidence.number || evidence.negation || evidence.reversal ||
                       evidence.certainty || evidence.attribution ||
                       evidence.time;  // the change's own aspects
  if (modified && !factual && evidence.changed_words == 0) {
    return GradingRule::wording;  // typos, spelling, word order, function words
  }
  // A figure, a date, a hedge, a negation, an opposite or a speaker that changed (a date: its
  // figures, "3 May" to "10 May"; "today" to "on Saturday" says when in other words), and a claim
  // that came or went with a figure or a source of its own, are what the tool exists to report
  // (DESIGN.md): such a change always matters; the model weighs everything else. "Of its own": a
  // figure the other version states nowhere, or a speaker it quotes nowhere or whose words here are
  // mostly new; the rest was carried to or from another sentence (a split, a merge) and the
  // version still says it.
  const bool new_source = evidence.novel_speaker || (evidence.has_attribution && evidence.novel_share >= 0.5);
  const bool fact = modified ? evidence.number || evidence.certainty || evidence.negation ||
                                   evidence.reversal || evidence.attribution || evidence.date_moved
                             : evidence.novel_figure || new_source;
  return fact ? GradingRule::fact : GradingRule::model;
}

std::string_view to_string(GradingRule rule) {
  switch (rule) {
    case GradingRule::fact:
      return "fact";
    case GradingRule::wording:
      return "wording";
    case GradingRule::figures_only:
      return "figures_only";
    case GradingRule::model:
      return "model";
  }
  return "model";
}

Significance grade(const ClaimChange& change, const DiffOptions& options) {
  const ChangeEvidence& evidence = change.evidence;
  const bool modified = change.kind == ChangeKind::modified;
  const GradingRule rule = grading_rule(change);
  switch (rule) {
    case GradingRule::figures_only:
      return (modified ? evidence.number : evidence.novel_figure) ? Significance::medium : Significance::low;
    case GradingRule::wording:
      return Significance::low;
    case GradingRule::model:
      if (change.meaning_score < 0.5) {
        return Significance::low;
      }
      break;
    case GradingRule::fact:
      break;
  }
  // A claim that came or went, or a fact that moved in one, is high on a watched topic; a
  // rewording the model weighs as meaningful stays medium.
  const bool substantive = rule == GradingRule::fact || !modified;
  return substantive && touches_watched_topic(change, options) ? Significance::high
                                                               : Significance::medium;
}

}  // namespace tracker::diff
