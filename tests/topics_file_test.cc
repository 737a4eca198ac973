#include <doctest/doctest.h>

#include "support/paths.h"
#include "tracker/config/topics_file.h"

using tracker::config::load_topics;
using tracker::config::parse_topics;

TEST_CASE("the shipped lexicon has the war topics and the general hard-news topics") {
  auto lexicon = load_topics(tracker::test::shipped_topics());
  REQUIRE(lexicon);
  std::vector<std::string> names;
  for (const auto& topic : lexicon->topics) {
    names.push_back(topic.name);
    CHECK_FALSE(topic.terms.empty());
  }
  // toml++ keeps a table's keys sorted, so topics come in name order.
  CHECK(names == std::vector<std::string>{"casualties", "combat", "deployment", "disasters",
                                          "economy", "elections", "justice", "protests",
                                          "territory"});
}

TEST_CASE("a mistyped key is named with its line and the likely key") {
  auto lexicon = parse_topics("version = 1\n[topics.casualties]\nterm = [\"killed\"]\n", "t.toml");
  REQUIRE_FALSE(lexicon);
  CHECK(lexicon.error() == "t.toml:3:1: unknown key 'term' (did you mean 'terms'?)");
}

TEST_CASE("TOML syntax errors carry file, line and column") {
  auto lexicon = parse_topics("[topics.casualties]\nterms = [\"killed\"\n", "bad.toml");
  REQUIRE_FALSE(lexicon);
  CHECK(lexicon.error().starts_with("bad.toml:"));
}

TEST_CASE("a topic without terms, a non-string term and a newer version are refused") {
  CHECK_FALSE(parse_topics("[topics.x]\ndescription = \"d\"\n", "a.toml"));
  auto not_string = parse_topics("[topics.x]\nterms = [\"a\", 3]\n", "b.toml");
  REQUIRE_FALSE(not_string);
  CHECK(not_string.error().find("b.toml:2:") == 0);
  auto newer = parse_topics("version = 2\n[topics.x]\nterms = [\"a\"]\n", "c.toml");
  REQUIRE_FALSE(newer);
  CHECK(newer.error().find("unsupported topics file version") != std::string::npos);
  CHECK_FALSE(parse_topics("version = 1\n", "d.toml"));
}

TEST_CASE("a missing lexicon file is an error naming it") {
  auto lexicon = load_topics("/nonexistent/topics.toml");
  REQUIRE_FALSE(lexicon);
  CHECK(lexicon.error().find("/nonexistent/topics.toml") == 0);
}
