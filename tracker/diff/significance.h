#pragma once

#include <array>
#include <string_view>

#include "tracker/diff/claim_diff.h"

namespace tracker::diff {

// The features the meaning model reads from a change, in the order of k_feature_names.
inline constexpr std::size_t k_feature_count = 23;
extern const std::array<std::string_view, k_feature_count> k_feature_names;
std::array<double, k_feature_count> meaning_features(ChangeKind kind, const ChangeEvidence& evidence);

// How likely the change alters what the report says rather than how it says it (0..1): a
// logistic model over meaning_features, with weights fitted by bench/train_significance.py on
// labelled real revisions (significance_weights.inc says where and how well).
double meaning_score(ChangeKind kind, const ChangeEvidence& evidence);

// DESIGN.md's significance rules, in one place. A modified claim whose only difference is
// wording (typos, spelling, word order, function words) is low whatever its topic. A number,
// certainty, negation or attribution change, and an added or removed claim that states a
// figure or names its source, always matter; any other change matters when its meaning_score
// is at least one half. A change that matters is high when it touches a
// watched topic as an added or removed claim or by a number, certainty, negation or
// attribution change, else medium; everything else is low.
Significance grade(const ClaimChange& change, const DiffOptions& options);

// Which of grade()'s rules decides a change: `fact` always matters, `wording` is always low,
// `figures_only` grades text that was not analysed by its figures alone, and `model` leaves
// it to meaning_score. `diff --explain` writes it, so that bench/train_significance.py fits
// the model on the changes the model decides and need not copy the rules.
enum class GradingRule { fact, wording, figures_only, model };
GradingRule grading_rule(const ClaimChange& change);
std::string_view to_string(GradingRule rule);

// The change's topics that the options watch (all of them when none are named).
bool touches_watched_topic(const ClaimChange& change, const DiffOptions& options);

}  // namespace tracker::diff
