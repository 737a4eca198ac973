#pragma once

// The ledger's built-in measure lexicon (feeds/measures.toml), read once for the tests that
// measure figures with it.

#include <doctest/doctest.h>

#include "tracker/config/measures_file.h"
#include "tracker/report/measures.h"

inline const tracker::report::MeasureLexicon& built_in_measures() {
  static const tracker::report::MeasureLexicon lexicon = [] {
    auto terms = tracker::config::default_measures();
    REQUIRE(terms.has_value());
    return tracker::report::MeasureLexicon(*terms);
  }();
  return lexicon;
}
