// The ledger's grouping model (#18): report/measure_grouping.h.

#include "tracker/report/measure_grouping.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using tracker::report::Figure;
using tracker::report::GroupedFigure;
using tracker::report::k_most_grouped;
using tracker::report::k_pair_feature_names;
using tracker::report::pair_features;
using tracker::report::regrouped_names;
using tracker::report::same_measure_probability;

namespace {

// A figure of `value`, written `text` in `claim`, from `outlet`.
Figure figure(double value, std::string text, std::string claim, std::string outlet,
              std::string speaker = "") {
  Figure f;
  f.value = value;
  f.text = std::move(text);
  f.qualifier = "approximate";
  f.claim = std::move(claim);
  f.source = std::move(outlet);
  f.attribution = std::move(speaker);
  return f;
}

double feature(const tracker::report::PairFeatures& features, std::string_view name) {
  for (std::size_t i = 0; i < k_pair_feature_names.size(); ++i) {
    if (k_pair_feature_names[i] == name) {
      return features[i];
    }
  }
  FAIL("no feature ", name);
  return 0;
}

std::vector<std::string> regrouped(const std::vector<Figure>& figures,
                                   std::vector<std::string> names) {
  std::vector<const Figure*> read;
  for (const Figure& f : figures) {
    read.push_back(&f);
  }
  return regrouped_names(read, std::move(names));
}

}  // namespace

TEST_CASE("the features of a pair read its names, values, outlets and the words around it") {
  const Figure a =
      figure(410000, "Roughly 410,000",
             "Roughly 410,000 depositors cannot reach their savings, the regulator said.", "wire",
             "the regulator");
  const Figure b =
      figure(420000, "Some 420,000",
             "Some 420,000 account holders cannot reach their savings, the regulator said.",
             "courier", "The Regulator");
  const auto features =
      pair_features(GroupedFigure{"depositors", &a}, GroupedFigure{"account holders", &b});
  CHECK(feature(features, "bias") == 1);
  CHECK(feature(features, "same_name") == 0);
  CHECK(feature(features, "base_word_jaccard") == 0);
  CHECK(feature(features, "log_ratio") == doctest::Approx(std::log(420000.0 / 410000.0)));
  CHECK(feature(features, "near") == 1);
  CHECK(feature(features, "same_outlet") == 0);
  CHECK(feature(features, "same_speaker") == 1);  // case aside
  // Sentence words, numbers, qualifiers ("roughly") and stop words aside: {depositors, cannot,
  // reach, savings, regulator} and {account, holders, cannot, reach, savings, regulator} share
  // four of seven.
  CHECK(feature(features, "sentence_jaccard") == doctest::Approx(4.0 / 7.0));
  // Five words either side of the figure ("Roughly 410,000" is the figure's own): {depositors,
  // cannot, reach, savings} and {account, holders, cannot, reach} share two of six.
  CHECK(feature(features, "context_jaccard") == doctest::Approx(2.0 / 6.0));
  CHECK(feature(features, "same_qualifier") == 1);
  CHECK(feature(features, "part") == 0);
  CHECK(feature(features, "period_differs") == 0);

  const auto apart =
      pair_features(GroupedFigure{"killed in 2011 (part)", &a}, GroupedFigure{"killed", &b});
  CHECK(feature(apart, "part") == 1);
  CHECK(feature(apart, "period_differs") == 1);
  CHECK(feature(apart, "same_base") == 0);
  CHECK(feature(features, "same_event_name") == 0);  // no event named either figure
}

TEST_CASE(
    "two figures one event of the lexicon names alike weigh more than two that share a noun") {
  Figure a = figure(30, "at least 30", "At least 30 miners were killed in the blast.", "wire");
  Figure b = figure(34, "34", "The blast killed 34 miners, the company said.", "courier");
  const auto nouns = pair_features({"miners", &a}, {"miners", &b});
  CHECK(feature(nouns, "same_name") == 1);
  CHECK(feature(nouns, "same_event_name") == 0);
  a.measure_event = "killed";
  const auto one_event = pair_features({"miners killed", &a}, {"miners", &b});
  CHECK(feature(one_event, "same_event_name") == 0);  // only one figure has the event
  b.measure_event = "killed";
  const auto both = pair_features({"miners killed", &a}, {"miners killed", &b});
  CHECK(feature(both, "same_event_name") == 1);
  const auto other_names = pair_features({"miners killed", &a}, {"killed", &b});
  CHECK(feature(other_names, "same_event_name") == 0);  // one event, but named apart
  CHECK(same_measure_probability(both) > same_measure_probability(nouns));
}

TEST_CASE("one count worded two ways by two outlets is one measure") {
  const std::vector<Figure> figures = {
      figure(410000, "Roughly 410,000",
             "Roughly 410,000 depositors cannot reach their savings, the regulator said.", "wire",
             "the regulator"),
      figure(420000, "Some 420,000",
             "Some 420,000 savers cannot reach their savings, the regulator said.", "courier",
             "the regulator")};
  CHECK(same_measure_probability(
            pair_features({"depositors", &figures[0]}, {"savers", &figures[1]})) > 0.5);
  const auto names = regrouped(figures, {"depositors", "savers"});
  CHECK(names[0] == names[1]);
  CHECK(names[0] == "depositors");  // at a tie, the first figure's name
}

TEST_CASE("two counts the rules named alike are told apart by what their sentences say") {
  const std::vector<Figure> figures = {
      figure(2500, "about 2,500",
             "Crews have cleared about 2,500 tonnes of rubble so far, the council said.", "a"),
      figure(3000, "about 3,000",
             "Crews have cleared about 3,000 tonnes of rubble so far, the council said.", "b"),
      figure(7400, "about 7,400",
             "Crews have cleared about 7,400 tonnes of rubble so far, the council said.", "a"),
      figure(18000, "some 18,000",
             "The earthquake left some 18,000 tonnes of debris in the old town.", "c"),
      figure(21000, "some 21,000",
             "The earthquake left some 21,000 tonnes of debris in the old town.", "b")};
  const auto names = regrouped(figures, std::vector<std::string>(5, "tonnes"));
  CHECK(names[0] == names[1]);
  CHECK(names[1] == names[2]);
  CHECK(names[3] == names[4]);
  CHECK(names[0] != names[3]);
  // The larger group keeps the rules' name; the other is told apart by the range of its values.
  CHECK(names[0] == "tonnes");
  CHECK(names[3] == "tonnes (18,000 to 21,000)");
}

TEST_CASE("figures without a name, and selections too large to weigh, keep the rules' names") {
  const std::vector<Figure> two = {
      figure(2500, "about 2,500", "Crews have cleared about 2,500 tonnes of rubble so far.", "a"),
      figure(18000, "some 18,000",
             "The earthquake left some 18,000 tonnes of debris in the old town.", "b")};
  CHECK(regrouped(two, {"", "tonnes"}) == std::vector<std::string>{"", "tonnes"});

  std::vector<Figure> many;
  for (std::size_t i = 0; i <= k_most_grouped; ++i) {
    many.push_back(i % 2 == 0 ? two[0] : two[1]);
  }
  const std::vector<std::string> names(many.size(), "tonnes");
  CHECK(regrouped(many, names) == names);
  many.resize(20);
  const auto split = regrouped(many, std::vector<std::string>(20, "tonnes"));
  CHECK(split[0] == "tonnes");
  CHECK(split[1] == "tonnes (18,000)");
}
