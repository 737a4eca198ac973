#include <doctest/doctest.h>

#include <array>
#include <string_view>

#include "tracker/text/did_you_mean.h"

using tracker::text::did_you_mean;
using tracker::text::edit_distance;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("smpt", "smtp") == 1);  // two adjacent letters swapped
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("abc", "ca") == 3);  // a swap is of neighbours that stay neighbours
  CHECK(edit_distance("extract", "extract") == 0);
  CHECK(edit_distance("extrat", "extract") == 1);
  CHECK(edit_distance("intervall", "interval") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("a typo gets the closest command and nonsense gets nothing") {
  constexpr std::array<std::string_view, 4> commands = {"extract", "claims", "diff", "history"};
  CHECK(did_you_mean("extrat", commands) == "extract");
  CHECK(did_you_mean("clams", commands) == "claims");
  CHECK(did_you_mean("dif", commands) == "diff");
  CHECK(did_you_mean("cliams", commands) == "claims");
  CHECK(did_you_mean("zzzzzzzz", commands).empty());
  CHECK(did_you_mean("x", commands).empty());
}
