#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "fuzz/config_check.h"
#include "fuzz/feed_check.h"
#include "fuzz/page_check.h"
#include "fuzz/stored_check.h"
#include "support/paths.h"
#include "tracker/claims/claim_extractor.h"
#include "tracker/cli/document_input.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/extract/extractor.h"
#include "tracker/text/utf8.h"

using tracker::test::fixture;
using tracker::test::read_file;

namespace {

std::vector<std::filesystem::path> inputs_in(const std::string& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(fixture("fuzz-regressions/" + folder))) {
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

// Inputs that once crashed or misbehaved, kept so they never do again (see fuzz/run.sh).
TEST_CASE("saved extraction fuzz inputs extract to valid UTF-8 without crashing") {
  const auto files = inputs_in("extract");
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    CAPTURE(file.string());
    auto article = tracker::extract::extract_article(read_file(file));
    if (article) {
      CHECK(tracker::text::is_valid_utf8(article->text()));
    }
  }
}

TEST_CASE("saved claims fuzz inputs give valid claims that diff cleanly with themselves") {
  const auto files = inputs_in("claims");
  REQUIRE_FALSE(files.empty());
  const tracker::claims::TopicLexicon lexicon{{{"casualties", {"killed"}, {}}}};
  tracker::claims::ClaimExtractor extractor(lexicon);
  for (const auto& file : files) {
    CAPTURE(file.string());
    const auto claims = extractor.extract(tracker::cli::plain_text_paragraphs(read_file(file)));
    CHECK_FALSE(claims.empty());
    for (const auto& claim : claims) {
      CHECK(tracker::text::is_valid_utf8(claim.text));
    }
    CHECK(tracker::diff::diff_claims(claims, claims).changes.empty());
  }
}

// The targets below keep their bodies in fuzz/*_check.h: the replay runs exactly what the
// fuzzer ran, and the returned text names the invariant that broke.
TEST_CASE("saved feed fuzz inputs parse to valid items without crashing") {
  const auto files = inputs_in("feed");
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    CAPTURE(file.string());
    CHECK(tracker::fuzz::check_feed_input(read_file(file)) == "");
  }
}

TEST_CASE("saved config fuzz inputs load to valid settings or errors naming the file") {
  const auto files = inputs_in("config");
  REQUIRE_FALSE(files.empty());
  const tracker::fuzz::ConfigSandbox sandbox;
  for (const auto& file : files) {
    CAPTURE(file.string());
    CHECK(tracker::fuzz::check_config_input(read_file(file), sandbox) == "");
  }
}

TEST_CASE("saved stored-data fuzz inputs read back consistently or as errors naming the store") {
  const auto files = inputs_in("stored");
  REQUIRE_FALSE(files.empty());
  const tracker::fuzz::StoredSandbox sandbox;
  for (const auto& file : files) {
    CAPTURE(file.string());
    CHECK(tracker::fuzz::check_stored_input(read_file(file), sandbox) == "");
  }
}

TEST_CASE("saved page fuzz inputs are read, or refused with an error naming the page") {
  const auto files = inputs_in("page");
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    CAPTURE(file.string());
    CHECK(tracker::fuzz::check_page_input(read_file(file)) == "");
  }
}
