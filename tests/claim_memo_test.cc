// ClaimExtractor::extract through a ParagraphMemo: the claims of paragraphs read before are
// reused, and must be exactly the claims a fresh reading gives.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/paths.h"
#include "support/shipped_extractor.h"
#include "tracker/claims/claim_extractor.h"
#include "tracker/cli/document_input.h"
#include "tracker/report/claim_json.h"

using tracker::claims::Claim;
using tracker::claims::ClaimLimits;
using tracker::claims::ParagraphMemo;
using tracker::test::read_file;
using tracker::test::shipped_extractor;

namespace {

// Everything a claim holds, the comparison key and the headline flag included.
std::string everything(const std::vector<Claim>& claims) {
  std::string out = tracker::report::claims_json(claims);
  for (const Claim& claim : claims) {
    out += claim.key + '\n' + std::string(tracker::claims::to_string(claim.field)) + "\n";
  }
  return out;
}

std::vector<Claim> fresh(const std::vector<std::string>& paragraphs) {
  return shipped_extractor().extract(paragraphs);
}

std::vector<Claim> through(ParagraphMemo& memo, const std::vector<std::string>& paragraphs) {
  return *shipped_extractor().extract(paragraphs, ClaimLimits{}, memo);
}

// Version pairs of real articles: the reviewed Kursk story's versions in order, and every
// pair of the news-revisions data (Wikinews and Wikipedia).
std::vector<std::pair<std::string, std::string>> version_pairs() {
  std::vector<std::pair<std::string, std::string>> pairs;
  const std::filesystem::path kursk = tracker::test::source_dir() / "snapshots/kursk";
  const std::vector<std::string> versions = {"v1-wire.txt", "v2-casualties.txt", "v3-full.txt", "v3-copyedits.txt",
                                             "v4-rotation.txt", "v5-attribution.txt", "v6-hedge-dropped.txt",
                                             "v7-retraction.txt", "v9-de-wire.txt", "v9-de-update.txt"};
  for (std::size_t i = 1; i < versions.size(); ++i) {
    pairs.emplace_back(read_file(kursk / versions[i - 1]), read_file(kursk / versions[i]));
  }
  const std::filesystem::path revisions = tracker::test::source_dir() / "../shared/data/news-revisions";
  for (const auto& entry : std::filesystem::directory_iterator(revisions)) {
    if (std::filesystem::exists(entry.path() / "old.txt")) {
      pairs.emplace_back(read_file(entry.path() / "old.txt"), read_file(entry.path() / "new.txt"));
    }
  }
  return pairs;
}

}  // namespace

TEST_CASE("claims read through a memo of the version before are those of a fresh reading, on real revisions") {
  const auto pairs = version_pairs();
  REQUIRE(pairs.size() > 100);
  std::size_t reused = 0;
  std::size_t unchanged = 0;  // paragraphs of a new version found as they were in the old
  for (const auto& [old_text, new_text] : pairs) {
    const auto old_paragraphs = tracker::cli::plain_text_paragraphs(old_text);
    const auto new_paragraphs = tracker::cli::plain_text_paragraphs(new_text);
    ParagraphMemo memo;
    const std::vector<Claim> old_claims = through(memo, old_paragraphs);
    CHECK(memo.reused() == 0);  // an empty memo gives nothing
    const std::vector<Claim> new_claims = through(memo, new_paragraphs);
    CAPTURE(new_text.substr(0, 200));
    CHECK(everything(old_claims) == everything(fresh(old_paragraphs)));
    CHECK(everything(new_claims) == everything(fresh(new_paragraphs)));
    reused += memo.reused();
    for (const std::string& paragraph : new_paragraphs) {
      unchanged += std::find(old_paragraphs.begin(), old_paragraphs.end(), paragraph) != old_paragraphs.end() ? 1 : 0;
    }
  }
  // The memo serves the paragraphs that came back as they were, save the few after a changed
  // speaker, and nothing else.
  CHECK(reused <= unchanged);
  CHECK(reused * 10 >= unchanged * 9);
  CAPTURE(unchanged);
  CHECK(reused > 50);
}

TEST_CASE("a paragraph continuing a quotation is read again when the speaker before it changed") {
  const std::string quote = "\"We will not leave the town.\"";
  ParagraphMemo memo;
  const auto old_claims = through(memo, {"\"We will stay,\" the minister said.", quote});
  REQUIRE(old_claims.size() == 2);
  CHECK(old_claims[1].attribution == "the minister");

  const std::vector<std::string> edited = {"\"We will stay,\" the general said.", quote};
  const auto new_claims = through(memo, edited);
  REQUIRE(new_claims.size() == 2);
  CHECK(new_claims[1].attribution == "the general");
  CHECK(memo.reused() == 0);
  CHECK(everything(new_claims) == everything(fresh(edited)));

  // After the minister again, the quotation's first reading is reused, in its new place.
  const std::vector<std::string> moved = {"Talks ended.", "\"We will stay,\" the minister said.", quote};
  const auto again = through(memo, moved);
  CHECK(memo.reused() == 2);
  REQUIRE(again.size() == 3);
  CHECK(again[2].attribution == "the minister");
  CHECK(again[2].paragraph == 2);
  CHECK(everything(again) == everything(fresh(moved)));
}

TEST_CASE("a paragraph read in an English text is read again in a text of another language") {
  const std::string numbers = "12 000 000 EUR 2025 2026.";
  ParagraphMemo memo;
  const std::vector<std::string> english = {
      "The army said on Monday that at least 12 people were killed in the attack on the town.", numbers};
  through(memo, english);
  const std::vector<std::string> german = {
      "Nach Angaben des Verteidigungsministeriums wurden bei dem Angriff mindestens 12 Menschen getötet, "
      "sagte ein Sprecher. Die Armee hat die Stadt nicht eingenommen.",
      numbers};
  const auto claims = through(memo, german);
  CHECK(memo.reused() == 0);
  REQUIRE_FALSE(claims.empty());
  CHECK(claims.back().language == "de");
  CHECK(everything(claims) == everything(fresh(german)));
}

TEST_CASE("a memo's paragraphs count against the sentence limit like read ones") {
  ParagraphMemo memo;
  const std::vector<std::string> text = {"One. Two. Three.", "Four. Five."};
  through(memo, text);
  const auto refused = shipped_extractor().extract(text, ClaimLimits{4, {}}, memo);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().message == "the text has more than 4 sentences");
  CHECK(shipped_extractor().extract(text, ClaimLimits{5, {}}, memo).has_value());
}
