#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tracker/report/figures.h"
#include "tracker/report/measures.h"

namespace tracker::report {

// The grouping model: which of a selection's figures count one thing, weighed from what the
// lexicon's rules named them and from what their sentences share. The rules know the words of
// the stories they were written from; on a story with other words they put apart what one
// outlet words another way and together what only the lexicon's words could tell apart
// ("sprayed" and "infested" hectares). The model reads the shape of two figures (their names,
// values, outlets, speakers and the words around them), not a vocabulary, and was fitted by
// bench/train_ledger_grouping.py on the dev stories of snapshots/ledger, read as the lexicon
// read them before it learned their words.

// The features of a pair of figures, in k_pair_feature_names order; the bias first.
inline constexpr std::array<std::string_view, 14> k_pair_feature_names = {
    "bias",           "same_name",   "same_base",      "base_word_jaccard", "log_ratio",
    "near",           "same_outlet", "same_speaker",   "sentence_jaccard",  "context_jaccard",
    "same_qualifier", "part",        "period_differs", "same_event_name"};
using PairFeatures = std::array<double, k_pair_feature_names.size()>;

// A figure as the model reads it: its measure's name (as the rules gave it) and the figure's
// words. Words are ASCII-lower-cased runs of letters and digits.
struct GroupedFigure {
  std::string name;
  const Figure* figure = nullptr;
};

// The features of two figures (tests and the training script's check read them).
PairFeatures pair_features(const GroupedFigure& a, const GroupedFigure& b);

// The probability that two figures count one thing.
double same_measure_probability(const PairFeatures& features);

// The measure names of a selection's figures, regrouped by the model: the figures are joined
// by average linkage while the mean probability between two groups is at least one half, and a
// group takes the name the rules gave most of its figures; two groups with one name are told
// apart by the range of their values. `names` are the rules' names, parallel to `figures`; an
// empty name stays empty, and a vague figure (no value) keeps its name. A selection of more than
// k_most_grouped figures keeps the rules' names: the model weighs every pair, and such a selection
// spans many stories.
inline constexpr std::size_t k_most_grouped = 1500;
std::vector<std::string> regrouped_names(const std::vector<const Figure*>& figures,
                                         std::vector<std::string> names);

}  // namespace tracker::report
