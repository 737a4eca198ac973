#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "support/paths.h"
#include "tracker/claims/claim_extractor.h"
#include "tracker/config/topics_file.h"
#include "tracker/diff/claim_diff.h"

using namespace tracker::claims;
using namespace tracker::diff;

namespace {

// A count as a reader finds it in the sentence: a number, or a range "12..15".
struct ExpectedNumber {
  double value = 0;
  std::optional<double> upper;
};

// One real edit from tests/data/wikipedia/number_changes.tsv (see the README there).
struct NumberChangePair {
  std::string title;
  std::string versions;
  std::string old_sentence;
  std::string new_sentence;
  std::vector<ExpectedNumber> old_values;
  std::vector<ExpectedNumber> new_values;
};

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, separator)) {
    fields.push_back(field);
  }
  return fields;
}

// "83; 120000000" or "12..15": values separated by ';', a range written lower..upper.
std::vector<ExpectedNumber> parse_values(const std::string& column) {
  std::vector<ExpectedNumber> values;
  for (const std::string& item : split(column, ';')) {
    ExpectedNumber expected;
    const std::size_t dots = item.find("..");
    expected.value = std::stod(item.substr(0, dots));
    if (dots != std::string::npos) {
      expected.upper = std::stod(item.substr(dots + 2));
    }
    values.push_back(expected);
  }
  return values;
}

std::vector<NumberChangePair> load_pairs() {
  std::istringstream in(
      tracker::test::read_file(tracker::test::fixture("wikipedia/number_changes.tsv")));
  std::vector<NumberChangePair> pairs;
  std::string line;
  std::getline(in, line);  // the header
  while (std::getline(in, line)) {
    const std::vector<std::string> fields = split(line, '\t');
    REQUIRE_MESSAGE(fields.size() == 6, "malformed fixture line: " << line);
    pairs.push_back({fields[0], fields[1], fields[2], fields[3], parse_values(fields[4]),
                     parse_values(fields[5])});
  }
  return pairs;
}

bool same_number(double a, double b) {
  return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

// Whether some quantity of the claim reads as `expected` (and, for a range, with its upper bound).
bool has_number(const Claim& claim, const ExpectedNumber& expected) {
  return std::any_of(
      claim.numbers.begin(), claim.numbers.end(), [&](const tracker::text::Quantity& q) {
        if (!same_number(q.value, expected.value)) {
          return false;
        }
        return !expected.upper || (q.upper && same_number(*q.upper, *expected.upper));
      });
}

bool has_numbers(const Claim* claim, const std::vector<ExpectedNumber>& expected) {
  return claim != nullptr &&
         std::all_of(expected.begin(), expected.end(),
                     [&](const ExpectedNumber& e) { return has_number(*claim, e); });
}

std::string numbers_of(const Claim* claim) {
  std::string out;
  if (claim == nullptr) {
    return "(no claim)";
  }
  for (const tracker::text::Quantity& q : claim->numbers) {
    out += (out.empty() ? "" : "; ") + q.text + " = " + std::to_string(q.value);
  }
  return out.empty() ? "(none)" : out;
}

}  // namespace

TEST_CASE("real Wikipedia edits of a count are modified claims with both numbers") {
  auto lexicon = tracker::config::load_topics(tracker::test::shipped_topics());
  REQUIRE(lexicon);
  ClaimExtractor extractor(*lexicon);
  const std::vector<NumberChangePair> pairs = load_pairs();
  REQUIRE(pairs.size() >= 25);

  std::size_t as_expected = 0;
  for (const NumberChangePair& pair : pairs) {
    CAPTURE(pair.title);
    CAPTURE(pair.versions);
    CAPTURE(pair.old_sentence);
    CAPTURE(pair.new_sentence);
    const std::vector<Claim> old_claims = extractor.extract({pair.old_sentence});
    const std::vector<Claim> new_claims = extractor.extract({pair.new_sentence});
    const ClaimDiff diff = diff_claims(old_claims, new_claims);

    const bool one_change = diff.changes.size() == 1;
    CHECK(one_change);
    if (!one_change) {
      continue;
    }
    const ClaimChange& change = diff.changes[0];
    const std::string old_numbers = numbers_of(change.old_claim);
    const std::string new_numbers = numbers_of(change.new_claim);
    CAPTURE(old_numbers);
    CAPTURE(new_numbers);
    const bool modified = change.kind == ChangeKind::modified;
    const bool number_aspect = std::find(change.aspects.begin(), change.aspects.end(),
                                         Aspect::number) != change.aspects.end();
    const bool old_values = has_numbers(change.old_claim, pair.old_values);
    const bool new_values = has_numbers(change.new_claim, pair.new_values);
    CHECK(modified);
    CHECK(number_aspect);
    CHECK(old_values);
    CHECK(new_values);
    if (modified && number_aspect && old_values && new_values) {
      ++as_expected;
    }
  }
  MESSAGE(as_expected << " of " << pairs.size() << " pairs as expected");
}
