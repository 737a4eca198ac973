#pragma once

#include <doctest/doctest.h>

#include "support/paths.h"
#include "tracker/claims/claim_extractor.h"
#include "tracker/config/topics_file.h"

namespace tracker::test {

// One claim extractor over the shipped lexicon (feeds/topics.toml), built once per test run.
inline claims::ClaimExtractor& shipped_extractor() {
  static const claims::TopicLexicon lexicon = [] {
    auto loaded = config::load_topics(shipped_topics());
    REQUIRE(loaded);
    return *loaded;
  }();
  static claims::ClaimExtractor instance(lexicon);
  return instance;
}

}  // namespace tracker::test
