#include "tracker/text/sentences.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "support/paths.h"
#include "tracker/text/normalize.h"

using tracker::text::split_sentences;

namespace {

// The sentences of `paragraph` joined with " | ", which reads well in a failed CHECK.
std::string split(std::string_view paragraph) {
  std::string joined;
  for (const std::string_view sentence : split_sentences(paragraph)) {
    joined += joined.empty() ? "" : " | ";
    joined += sentence;
  }
  return joined;
}

std::string without_spaces(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ' && c != '\n') {
      out.push_back(c);
    }
  }
  return out;
}

std::string strip(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\n\r\f\v");
  if (first == std::string::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t\n\r\f\v") - first + 1);
}

struct GoldenScore {
  int passed = 0;
  int total = 0;
  std::string failures;  // "#18 A.M. / P.M. ...: got [...]" lines
};

// Scores split_sentences on a golden-rules file as pySBD's benchmark does: a rule passes when
// the stripped segments equal `expected` exactly.
GoldenScore score_golden_rules(const std::string& file_name) {
  const std::string path =
      std::string(TRACKER_SOURCE_DIR) + "/../shared/data/sentence-golden-rules/" + file_name;
  const nlohmann::json rules = nlohmann::json::parse(tracker::test::read_file(path));
  GoldenScore score;
  for (const nlohmann::json& rule : rules) {
    const std::string input = rule.at("input").get<std::string>();
    std::vector<std::string> expected;
    for (const nlohmann::json& sentence : rule.at("expected")) {
      expected.push_back(strip(sentence.get<std::string>()));
    }
    std::vector<std::string> actual;
    for (const std::string_view sentence : split_sentences(input)) {
      actual.push_back(strip(std::string(sentence)));
    }
    ++score.total;
    if (actual == expected) {
      ++score.passed;
      continue;
    }
    score.failures += "\n  #" + std::to_string(rule.at("id").get<int>()) + " " +
                      rule.at("name").get<std::string>() + ": got [" + split(input) + "]";
  }
  return score;
}

}  // namespace

TEST_CASE("the splitter passes all 48 of pySBD's English golden rules (issue 14)") {
  const GoldenScore score = score_golden_rules("golden_rules_en_pysbd48.json");
  MESSAGE("pySBD golden rules: " << score.passed << "/" << score.total << " passed; failing:"
                                 << (score.failures.empty() ? " none" : score.failures));
  CHECK(score.total == 48);
  CHECK(score.passed == 48);
}

TEST_CASE("the splitter's score on pragmatic_segmenter's 52 golden rules is reported") {
  const GoldenScore score = score_golden_rules("golden_rules_en_pragmatic_segmenter52.json");
  MESSAGE("pragmatic_segmenter golden rules: "
          << score.passed << "/" << score.total
          << " passed; failing:" << (score.failures.empty() ? " none" : score.failures));
}

TEST_CASE("a full stop before a capital letter ends the sentence") {
  CHECK(split("Hello World. My name is Jonas.") == "Hello World. | My name is Jonas.");
  CHECK(split("It rained. 10,000 people stayed home.") ==
        "It rained. | 10,000 people stayed home.");
  CHECK(split("It rained. then it stopped.") == "It rained. then it stopped.");
}

TEST_CASE("a closing quote after the full stop ends the sentence") {
  CHECK(split("He said \"no.\" Then he left.") == "He said \"no.\" | Then he left.");
  CHECK(split("\u201CWe will hold.\u201D Kyiv disagreed.") ==
        "\u201CWe will hold.\u201D | Kyiv disagreed.");
  CHECK(split("She said, 'This is great.' she said.") == "She said, 'This is great.' she said.");
}

TEST_CASE("a quote ending in a comma runs on into its attribution") {
  CHECK(split("\u201COne reason for this may be the occurrence of many casualties,\u201D it "
              "added in a statement.") ==
        "\u201COne reason for this may be the occurrence of many casualties,\u201D it added in a "
        "statement.");
  CHECK(split("\u201C\u2026,\u201D it added.") == "\u201C\u2026,\u201D it added.");
}

TEST_CASE("question and exclamation marks end sentences, also inside quotes") {
  CHECK(
      split("\u201CWhy now?\u201D he asked. \u201CBecause!\u201D Nobody answered. Really?! Yes.") ==
      "\u201CWhy now?\u201D he asked. | \u201CBecause!\u201D | Nobody answered. | Really?! | Yes.");
  CHECK(split("She works at Yahoo! in the accounting department.") ==
        "She works at Yahoo! in the accounting department.");
}

TEST_CASE("a quoted question or exclamation keeps its speech tag, named or a pronoun") {
  CHECK(split("\u201CIs it safe to go back?\u201D Olena Kovalenko asked. \u201CNot yet!\u201D I said, "
              "shaking my head. \"Why?\" Gen. Ivan Petrov wondered.") ==
        "\u201CIs it safe to go back?\u201D Olena Kovalenko asked. | \u201CNot yet!\u201D I said, shaking "
        "my head. | \"Why?\" Gen. Ivan Petrov wondered.");
  // Without a quote, or without a verb of speech within a few words, the sentence ends.
  CHECK(split("Is it safe? Olena Kovalenko asked the mayor.") ==
        "Is it safe? | Olena Kovalenko asked the mayor.");
  CHECK(split("\u201CIs it safe?\u201D The city council of Kharkiv has said nothing.") ==
        "\u201CIs it safe?\u201D | The city council of Kharkiv has said nothing.");
  CHECK(split("\u201CIs it safe?\u201D Officials, asked twice, declined.") ==
        "\u201CIs it safe?\u201D | Officials, asked twice, declined.");
}

TEST_CASE("a caption's label and its credit are units of their own") {
  CHECK(split("Figure 1.5 Residents gather in a local hotel. (credit: modification of work by Liz West)") ==
        "Figure 1.5 | Residents gather in a local hotel. | (credit: modification of work by Liz West)");
  CHECK(split("Artist's rendering of the capsule Image: NASA") ==
        "Artist's rendering of the capsule | Image: NASA");
  CHECK(split("Smoke rises over the port on Monday. Photo: Reuters") ==
        "Smoke rises over the port on Monday. | Photo: Reuters");
  // A label is a label only at the start of its line and before a caption; a word that is a
  // credit label elsewhere stays in its sentence.
  CHECK(split("As Table 2 shows, prices rose. Figure 3. Prices by year") ==
        "As Table 2 shows, prices rose. | Figure 3. | Prices by year");
  CHECK(split("Table 2 Prices rose (photo by the author).") == "Table 2 | Prices rose (photo by the author).");
  CHECK(split("The source: a ministry image. (photos were not released)") ==
        "The source: a ministry image. (photos were not released)");
}

TEST_CASE("a dateline after a headline that ends in a quote is its own sentence") {
  CHECK(split("Frank Messina: An Interview with the 'Mets Poet' Wednesday, October 3, 2007") ==
        "Frank Messina: An Interview with the 'Mets Poet' | Wednesday, October 3, 2007");
  CHECK(split("Police \u201Cfound nothing\u201D on Wednesday, October 3, 2007, officials said.") ==
        "Police \u201Cfound nothing\u201D on Wednesday, October 3, 2007, officials said.");
}

TEST_CASE("titles, months and other abbreviations do not end sentences") {
  const std::string_view paragraph =
      "Mr. Smith met Gen. Lee, Lt. Col. Ortiz, Sgt. Diaz, Gov. Hochul and Sen. Warren at 5 p.m. "
      "on Jan. 3 in the U.S. capital with Dr. Kim, Prof. Ng and Rep. Jones of St. Paul.";
  CHECK(split(paragraph) == paragraph);
  const std::string_view companies =
      "Acme Inc. and Foo Ltd. vs. Bar Corp. and Baz & Co. met, e.g. on Sept. 11 or Oct. 5, "
      "i.e. twice, Aug. 2 and Dec. 24, as No. 5 on p. 55 says etc. and so on.";
  CHECK(split(companies) == companies);
}

TEST_CASE("an abbreviation ends the sentence when a common sentence opener follows") {
  CHECK(split("She moved to the U.S. She found work at Acme Inc. It paid well.") ==
        "She moved to the U.S. | She found work at Acme Inc. | It paid well.");
  CHECK(split("I work for the U.S. Government in Virginia.") ==
        "I work for the U.S. Government in Virginia.");
  CHECK(split("We make a good team, you and I. Did you see Albert I. Jones yesterday?") ==
        "We make a good team, you and I. | Did you see Albert I. Jones yesterday?");
}

TEST_CASE("a.m. and p.m. end a sentence unless a day, a time zone, or a title after an opening time follows") {
  CHECK(split("The meeting ended at 10 p.m. Officials left.") ==
        "The meeting ended at 10 p.m. | Officials left.");
  CHECK(split("Talks resume at 3 p.m. Tuesday and at 9 a.m. GMT on Friday.") ==
        "Talks resume at 3 p.m. Tuesday and at 9 a.m. GMT on Friday.");
  // A title after the time: the time opened the sentence, or it closed one.
  CHECK(split("At 5 a.m. Mr. Smith went to the bank.") == "At 5 a.m. Mr. Smith went to the bank.");
  CHECK(split("Shortly after 6 p.m. Gov. Hochul arrived.") == "Shortly after 6 p.m. Gov. Hochul arrived.");
  CHECK(split("He left the bank at 6 P.M. Mr. Smith then went to the store.") ==
        "He left the bank at 6 P.M. | Mr. Smith then went to the store.");
  CHECK(split("The polls closed at 8 p.m. Sen. Warren conceded an hour later.") ==
        "The polls closed at 8 p.m. | Sen. Warren conceded an hour later.");
  // An opener word alone is not enough: the clause came before the time.
  CHECK(split("At the hearing, which ended at 4 p.m. Dr. Kim spoke last.") ==
        "At the hearing, which ended at 4 p.m. | Dr. Kim spoke last.");
}

TEST_CASE("initials do not end sentences") {
  CHECK(split("John F. Kennedy read J. R. R. Tolkien. Then he slept.") ==
        "John F. Kennedy read J. R. R. Tolkien. | Then he slept.");
  CHECK(split("George W. Bush and A. Q. Khan never met.") ==
        "George W. Bush and A. Q. Khan never met.");
}

TEST_CASE("decimals and money stay inside the sentence") {
  CHECK(split("Aid worth $2.7 million arrived. Prices rose 3.5% in May. She has $100.00. It is "
              "in her bag.") ==
        "Aid worth $2.7 million arrived. | Prices rose 3.5% in May. | She has $100.00. | It is "
        "in her bag.");
}

TEST_CASE("datelines stay with their sentence") {
  CHECK(split("SEOUL: North Korean soldiers appear not to have been engaged in combat since "
              "mid-January, South Korea\u2019s spy agency told AFP Tuesday. Ukraine disagreed.") ==
        "SEOUL: North Korean soldiers appear not to have been engaged in combat since "
        "mid-January, South Korea\u2019s spy agency told AFP Tuesday. | Ukraine disagreed.");
  CHECK(split("KYIV (Reuters) - Ukraine said its troops pulled back. Russia did not comment.") ==
        "KYIV (Reuters) - Ukraine said its troops pulled back. | Russia did not comment.");
  CHECK(split("SPRINGFIELD, Ill. (AP) \u2014 Lawmakers met on Feb. 3 in the capital.") ==
        "SPRINGFIELD, Ill. (AP) \u2014 Lawmakers met on Feb. 3 in the capital.");
}

TEST_CASE("URLs and e-mail addresses keep their dots") {
  CHECK(split("Details are at https://example.com/news/a.b.html. Write to Jane.Doe@example.org. "
              "Visit www.example.com. Thanks.") ==
        "Details are at https://example.com/news/a.b.html. | Write to Jane.Doe@example.org. | "
        "Visit www.example.com. | Thanks.");
}

TEST_CASE("lists written on one line split before each item") {
  CHECK(split("1. Troops deployed 2. Troops withdrawn") ==
        "1. Troops deployed | 2. Troops withdrawn");
  CHECK(split("1) First item. 2) Second item.") == "1) First item. | 2) Second item.");
  CHECK(split("a. The first b. The second") == "a. The first | b. The second");
  CHECK(split("\u2022 Kursk \u2022 Donetsk") == "\u2022 Kursk | \u2022 Donetsk");
  // Outside a list, a number is just a number.
  CHECK(split("He counted 1 2 3. Then 4.") == "He counted 1 2 3. | Then 4.");
}

TEST_CASE("an ellipsis ends a sentence only before a sentence opener or as four dots") {
  CHECK(split("\u201CWe will ... defend Kursk,\u201D he said.") ==
        "\u201CWe will ... defend Kursk,\u201D he said.");
  CHECK(split("\u201CThe army \u2026 Ukraine\u2019s forces\u201D left.") ==
        "\u201CThe army \u2026 Ukraine\u2019s forces\u201D left.");
  CHECK(split("He paused... Then he left.") == "He paused... | Then he left.");
  CHECK(split("I never meant that.... She left.") == "I never meant that.... | She left.");
}

TEST_CASE("citation markers after a sentence stay with it, glued or spaced") {
  CHECK(split("He was sent to Harrow in 1801. [6] An unskilled cricketer, he played once.") ==
        "He was sent to Harrow in 1801. [6] | An unskilled cricketer, he played once.");
  CHECK(split("She has one brother.[6][7] She then moved to Boston.") ==
        "She has one brother.[6][7] | She then moved to Boston.");
  CHECK(split("Is it true? [a] [citation needed] Nobody knows.") ==
        "Is it true? [a] [citation needed] | Nobody knows.");
  CHECK(split("The toll rose to 40. [note 2]") == "The toll rose to 40. [note 2]");
  // Not markers: a bracketed word or phrase opens the next sentence as before.
  CHECK(split("He left. [Reuters] Officials said so.") == "He left. | [Reuters] Officials said so.");
  CHECK(split("It ended. [The rest is missing.]") == "It ended. | [The rest is missing.]");
}

TEST_CASE("a dateline with its weekday is a sentence of its own, a date in a sentence is not") {
  CHECK(split("Flooding in the north, reported by Wikinews Thursday, January 12, 2006 Rescuers found two "
              "survivors.") ==
        "Flooding in the north, reported by Wikinews | Thursday, January 12, 2006 | Rescuers found two survivors.");
  CHECK(split("Monday, 3 March 2025 Police said four people died.") ==
        "Monday, 3 March 2025 | Police said four people died.");
  // After a preposition or a lower-case word, and before one, the date is part of the sentence.
  CHECK(split("Police said on Thursday, January 12, 2006 that two people died.") ==
        "Police said on Thursday, January 12, 2006 that two people died.");
  CHECK(split("The meeting on Friday, 4 April 2025, was short.") == "The meeting on Friday, 4 April 2025, was short.");
  // Not a full date: a weekday and a month alone, or a year of three digits.
  CHECK(split("Reuters Monday, March 3 Police said so.") == "Reuters Monday, March 3 Police said so.");
  CHECK(split("Annals Monday, March 3, 203 Police said so.") == "Annals Monday, March 3, 203 Police said so.");
}

TEST_CASE("a dateline after a headline that ends in a lower-case word is its own sentence") {
  // Wikinews prints its headline and dateline on one line: "... sea anemone Tuesday, ...".
  CHECK(split("Wikinews interviews Marymegan Daly on unusual new sea anemone Tuesday, January 21, 2014") ==
        "Wikinews interviews Marymegan Daly on unusual new sea anemone | Tuesday, January 21, 2014");
  CHECK(split("Floods close the valley roads Monday, 3 March 2025 Police said four people died.") ==
        "Floods close the valley roads | Monday, 3 March 2025 | Police said four people died.");
  // A word that takes the date as its time keeps it, and so does a sentence that goes on in
  // lower case after the date.
  CHECK(split("The report was published Tuesday, January 21, 2014 Police said.") ==
        "The report was published Tuesday, January 21, 2014 | Police said.");
  CHECK(split("The talks ran until Friday, 4 April 2025") == "The talks ran until Friday, 4 April 2025");
  CHECK(split("Two people died Friday, 4 April 2025 in the floods.") ==
        "Two people died Friday, 4 April 2025 in the floods.");
}

TEST_CASE("a line break always ends a sentence") {
  CHECK(split("South Korea\u2019s spy agency said\n\u201COne reason may be casualties\u201C") ==
        "South Korea\u2019s spy agency said | \u201COne reason may be casualties\u201C");
  CHECK(split("features\r\ncontact manager\n\n") == "features | contact manager");
}

TEST_CASE("sentences glued without a space are split, except in addresses") {
  CHECK(split("Hello world.Today is Tuesday.Mr. Smith came.") ==
        "Hello world. | Today is Tuesday. | Mr. Smith came.");
  CHECK(split("Mail Jane.Doe@example.com today.") == "Mail Jane.Doe@example.com today.");
}

TEST_CASE("sentences are trimmed views into the paragraph that cover all of its text") {
  const std::string paragraph =
      "  One.\u00A0 Two?  \u201CThree!\u201D \n Four\u2026 Five . . . . Six (Seven.) eight.  ";
  const std::vector<std::string_view> sentences = split_sentences(paragraph);
  std::string joined;
  for (const std::string_view sentence : sentences) {
    CHECK(sentence.data() >= paragraph.data());
    CHECK(sentence.data() + sentence.size() <= paragraph.data() + paragraph.size());
    CHECK_FALSE(sentence.empty());
    CHECK(sentence.front() != ' ');
    CHECK(sentence.back() != ' ');
    joined += sentence;
  }
  CHECK(without_spaces(joined) == without_spaces("One.Two?\u201CThree!\u201DFour\u2026Five."
                                                 "...Six(Seven.)eight."));
  CHECK(sentences.size() == 5);
}

TEST_CASE("empty, blank and malformed paragraphs do not break the splitter") {
  CHECK(split_sentences("").empty());
  CHECK(split_sentences(" \n\t\u00A0 ").empty());
  CHECK(split("Caf\xE9. \xFF\xFE Bad bytes. End.") == "Caf\xE9. | \xFF\xFE Bad bytes. | End.");
  CHECK(split(". . .") == ". . .");
  CHECK(split("?!") == "?!");
}

TEST_CASE("each line of the seed story is one sentence, before and after normalizing") {
  const std::string seed = tracker::test::read_file(std::string(TRACKER_SOURCE_DIR) +
                                                    "/../shared/seed/kursk-nk-troops-afp.txt");
  std::vector<std::string> lines;
  std::istringstream in(seed);
  std::string one_paragraph;
  for (std::string line; std::getline(in, line);) {
    if (!strip(line).empty()) {
      lines.push_back(strip(line));
      one_paragraph += line + " ";
    }
  }
  REQUIRE(lines.size() > 15);
  const std::vector<std::string_view> by_line = split_sentences(seed);
  REQUIRE(by_line.size() == lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CHECK(by_line[i] == lines[i]);
  }
  // Without line breaks, only the lines that lack a full stop run into the next one.
  const std::string normalized = tracker::text::normalize_text(one_paragraph);
  const std::vector<std::string_view> joined = split_sentences(normalized);
  CHECK(joined.size() == lines.size() - 3);
  for (const std::string_view sentence : joined) {
    CHECK((sentence.ends_with(".") || sentence.ends_with(".\"")));
  }
}
