// How claim changes are graded: what changed decides, not which words the sentence holds.
// The sentences are written for these tests; none comes from the labelled revisions the
// meaning model was fitted to.
#include <doctest/doctest.h>

#include <algorithm>

#include "support/diffed_versions.h"
#include "tracker/claims/claim_extractor.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/diff/significance.h"
#include "tracker/text/word_forms.h"

using namespace tracker::claims;
using namespace tracker::diff;

namespace {

using Graded = tracker::test::DiffedVersions;

tracker::claims::ClaimExtractor& extractor() { return tracker::test::shipped_extractor(); }

Graded grade_edit(const std::string& before, const std::string& after) {
  return tracker::test::diff_versions({before}, {after});
}

Claim graded_claim(const std::string& sentence) {
  const std::vector<Claim> claims = extractor().extract({sentence});
  REQUIRE(claims.size() == 1);
  return claims.front();
}

}  // namespace

TEST_CASE("a typo fixed in a casualty sentence is low wording, whatever the topic") {
  const Graded g = grade_edit("Three workers were killed when a boiler exploded at the mil in Tver.",
                              "Three workers were killed when a boiler exploded at the mill in Tver.");
  REQUIRE(g.result.changes.size() == 1);
  const ClaimChange& change = g.result.changes[0];
  CHECK(change.aspects == std::vector<Aspect>{Aspect::wording});
  CHECK(change.evidence.typo_fixes == 1);
  CHECK(change.evidence.changed_words == 0);
  CHECK(change.significance == Significance::low);
}

TEST_CASE("a missing space put in or taken out is a typo fix") {
  for (const auto& [before, after] : std::vector<std::pair<std::string, std::string>>{
           {"The mayor closed the northbridge after the flood in Ost.",
            "The mayor closed the north bridge after the flood in Ost."},
           {"Engineers rebuilt the air field near Ost in a week.",
            "Engineers rebuilt the airfield near Ost in a week."}}) {
    CAPTURE(before);
    const Graded g = grade_edit(before, after);
    REQUIRE(g.result.changes.size() == 1);
    const ClaimChange& change = g.result.changes[0];
    CHECK(change.evidence.typo_fixes == 1);
    CHECK(change.evidence.changed_words == 0);
    CHECK(change.significance == Significance::low);
  }
}

TEST_CASE("a word that grew a new part is no missing space") {
  // "wild" is in neither version: the fire became a wildfire.
  const Graded g = grade_edit("The fire spread to the warehouse by the port of Ost.",
                              "The wildfire spread to the warehouse by the port of Ost.");
  REQUIRE(g.result.changes.size() == 1);
  CHECK(g.result.changes[0].evidence.typo_fixes == 0);
  CHECK(g.result.changes[0].evidence.changed_words == 2);
}

TEST_CASE("a speaker's name run into the verb and set apart again is the same speaker") {
  const Graded g = grade_edit("Port spokesman Jan Bergsaid that the ferry left Ost at noon.",
                              "Port spokesman, Jan Berg, said the ferry left Ost at noon.");
  REQUIRE(g.result.changes.size() == 1);
  const ClaimChange& change = g.result.changes[0];
  CHECK(std::find(change.aspects.begin(), change.aspects.end(), Aspect::attribution) ==
        change.aspects.end());
  CHECK(change.significance == Significance::low);
}

TEST_CASE("a date that moved always matters, the same day in other words is weighed") {
  const Graded moved =
      grade_edit("The ferry service to Ost will resume on 3 May, the operator said.",
                 "The ferry service to Ost will resume on 10 May, the operator said.");
  REQUIRE(moved.result.changes.size() == 1);
  CHECK(moved.result.changes[0].aspects == std::vector<Aspect>{Aspect::time});
  CHECK(grading_rule(moved.result.changes[0]) == GradingRule::fact);
  CHECK(moved.result.changes[0].significance >= Significance::medium);
  const Graded respelt =
      grade_edit("The ferry service to Ost resumed today, the operator said.",
                 "The ferry service to Ost resumed on Saturday, the operator said.");
  REQUIRE(respelt.result.changes.size() == 1);
  CHECK(grading_rule(respelt.result.changes[0]) != GradingRule::fact);
}

TEST_CASE("a connective added or dropped changes no content word") {
  const Graded g = grade_edit("The ferry to Ost will sail twice a day in summer.",
                              "Additionally, the ferry to Ost will sail twice a day in summer.");
  REQUIRE(g.result.changes.size() == 1);
  CHECK(g.result.changes[0].evidence.changed_words == 0);
  CHECK(g.result.changes[0].significance == Significance::low);
}

TEST_CASE("a regional spelling or a hyphen is no change of meaning") {
  for (const auto& [before, after] : std::vector<std::pair<std::string, std::string>>{
           {"Firefighters evacuated the neighbouring district of Ost.",
            "Firefighters evacuated the neighboring district of Ost."},
           {"The blaze crossed the eight lane motorway near Ost.",
            "The blaze crossed the eight-lane motorway near Ost."},
           {"Soldiers shelled the town at night, the army said.",
            "At night soldiers shelled the town, the army said."}}) {
    const Graded g = grade_edit(before, after);
    CHECK(g.result.changes.size() <= 1);  // a hyphen may even leave the comparison key alone
    for (const ClaimChange& change : g.result.changes) {
      CHECK_MESSAGE(change.significance == Significance::low, before);
      CHECK_FALSE(change.has_aspect(Aspect::number));
    }
  }
}

TEST_CASE("an acronym spelt out, or defined beside its name, changes no word") {
  // The expansion opens the sentence: capitalised as written, though no name by position.
  const Graded spelt =
      grade_edit("FAA inspectors grounded the fleet of Korvel Air.",
                 "Federal Aviation Administration inspectors grounded the fleet of Korvel Air.");
  REQUIRE(spelt.result.changes.size() == 1);
  CHECK(spelt.result.changes[0].evidence.changed_words == 0);
  CHECK(spelt.result.changes[0].significance == Significance::low);

  const Graded defined = grade_edit("Hewlett-Packard faces an inquiry into its board.",
                                    "Hewlett-Packard (HP) faces an inquiry into its board.");
  REQUIRE(defined.result.changes.size() == 1);
  CHECK(defined.result.changes[0].evidence.changed_words == 0);
  CHECK(defined.result.changes[0].significance == Significance::low);

  // Another company's acronym is a changed name.
  const Graded other = grade_edit("Hewlett-Packard faces an inquiry into its board.",
                                  "Hewlett-Packard and IBM face an inquiry into their boards.");
  REQUIRE(other.result.changes.size() == 1);
  CHECK(other.result.changes[0].evidence.changed_names >= 1);
}

TEST_CASE("a number written another way is the same number") {
  const std::vector<std::string> forms = {"10,000", "10000", "10 000", "ten thousand", "10k"};
  for (const std::string& form : forms) {
    const Graded g = grade_edit("Officials said 10,000 people fled the floods.",
                                "Officials said " + form + " people fled the floods.");
    for (const ClaimChange& change : g.result.changes) {
      CHECK_MESSAGE(!change.has_aspect(Aspect::number), form);
      CHECK_MESSAGE(change.significance == Significance::low, form);
    }
  }
  const Graded dots = grade_edit("The fine was $ 30.000, the court said.", "The fine was $ 30,000, the court said.");
  for (const ClaimChange& change : dots.result.changes) {
    CHECK_FALSE(change.has_aspect(Aspect::number));
  }
  const Graded words = grade_edit("Two climbers died on the glacier.", "2 climbers died on the glacier.");
  for (const ClaimChange& change : words.result.changes) {
    CHECK_FALSE(change.has_aspect(Aspect::number));
  }
}

TEST_CASE("a revised figure is a number change that matters") {
  const Graded g = grade_edit("Officials said 10,000 people fled the floods.",
                              "Officials said 12,000 people fled the floods.");
  REQUIRE(g.result.changes.size() == 1);
  CHECK(g.result.changes[0].has_aspect(Aspect::number));
  CHECK(g.result.changes[0].significance >= Significance::medium);
}

TEST_CASE("a two said as 'both' is no number change - a two that went, or another count, is") {
  const auto number_changed = [](const std::string& before, const std::string& after) {
    const Graded graded = grade_edit(before, after);
    REQUIRE(graded.result.changes.size() == 1);
    return graded.result.changes[0].has_aspect(Aspect::number);
  };
  CHECK_FALSE(number_changed("These two examples come from different plant families.",
                             "Both these examples come from different plant families."));
  CHECK_FALSE(number_changed("Both soldiers were wounded near the border post.",
                             "The two soldiers were wounded near the border post."));
  CHECK(number_changed("Two soldiers were wounded near the border post.",
                       "Soldiers were wounded near the border post."));
  CHECK(number_changed("Two soldiers were wounded near the border post.",
                       "Three soldiers were wounded near the border post."));
  CHECK(number_changed("Both sides met, and two soldiers were wounded near the border post.",
                       "Both sides met, and three soldiers were wounded near the border post."));
}

TEST_CASE("'upto' reads as 'up to', and a vague quantity in one version only is no number change") {
  const Graded upto = grade_edit("Patients wait upto 14 days for a bed.", "Patients wait up to 14 days for a bed.");
  for (const ClaimChange& change : upto.result.changes) {
    CHECK_FALSE(change.has_aspect(Aspect::number));
  }
  const Graded many = grade_edit("Residents were evacuated from the valley.",
                                 "Many residents were evacuated from the valley.");
  for (const ClaimChange& change : many.result.changes) {
    CHECK_FALSE(change.has_aspect(Aspect::number));
  }
  // "several" has a representative value (3), yet coming alone it states no figure either;
  // replacing one vague quantity by another, or by a figure, is a number change.
  const Graded several = grade_edit("Residents left the valley by boat.", "Several residents left the valley by boat.");
  for (const ClaimChange& change : several.result.changes) {
    CHECK_FALSE(change.has_aspect(Aspect::number));
  }
  const Graded sharpened = grade_edit("Several residents left the valley by boat.", "Hundreds of residents left the valley by boat.");
  REQUIRE(sharpened.result.changes.size() == 1);
  CHECK(sharpened.result.changes[0].has_aspect(Aspect::number));
}

TEST_CASE("a page's age is no claim and no number") {
  const std::vector<Claim> claims = extractor().extract({"Updated 3 minutes ago", "Storms hit the coast."});
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].text == "Storms hit the coast.");
  const Graded g = grade_edit("Posted 2 hours ago", "Posted 5 hours ago");
  CHECK(g.result.changes.empty());
  // In other languages alike: no claim, and a fetch later no change.
  const std::vector<Claim> german =
      extractor().extract({"Aktualisiert vor 3 Minuten", "Der Pegel steigt weiter."});
  REQUIRE(german.size() == 1);
  CHECK(german[0].text == "Der Pegel steigt weiter.");
  CHECK(grade_edit("Actualizado hace 3 horas", "Actualizado hace 1 hora").result.changes.empty());
  CHECK(grade_edit("Mis à jour il y a 20 minutes", "Mis à jour il y a 2 minutes")
            .result.changes.empty());
  // Ages without a figure stay no claims: "a day ago", "just now".
  for (const char* age :
       {"Posted a day ago", "Last updated: just now", "Updated yesterday, just now"}) {
    CAPTURE(age);
    CHECK(extractor().extract({age, "Storms hit the coast."}).size() == 1);
  }
}

TEST_CASE("a change of fact in a sentence without topic words still matters") {
  const Graded g = grade_edit("The mayor of Lund opened the new library on Monday.",
                              "The governor of Skane opened the new library on Monday.");
  REQUIRE(g.result.changes.size() == 1);
  CHECK(g.result.changes[0].evidence.changed_names >= 2);
  CHECK(g.result.changes[0].significance >= Significance::medium);
}

TEST_CASE("the speaker is a noun phrase, never a number phrase or a clause") {
  CHECK(graded_claim("Two United States sailors were hurt in the blast, the US Navy said.")
            .attribution == "the US Navy");
  CHECK(graded_claim("The figures, however preliminary, show a rise, the statement said.")
            .attribution == "the statement");
  CHECK(graded_claim("Witnesses were quoted as saying the bridge shook.").attribution ==
        "Witnesses");
  CHECK(graded_claim("The ferry is said to be safe.").attribution.empty());
  CHECK(
      graded_claim("The storm, the agency added, was the worst in decades.").attribution.empty() ==
      false);
}

TEST_CASE("a quotation's later sentences keep its speaker") {
  const std::vector<Claim> claims = extractor().extract(
      {"The minister said: \"We will rebuild the port. It will take two years.\" Work starts soon."});
  REQUIRE(claims.size() == 3);
  CHECK(claims[0].attribution == "The minister");
  CHECK(claims[1].attribution == "The minister");
  CHECK(claims[2].attribution.empty());
}

TEST_CASE("a new speaker is an attribution change - a speaker's name respelt is not") {
  const Graded moved = grade_edit("Two aid workers were kidnapped, the army said.",
                                  "Two aid workers were kidnapped, a regional governor said.");
  REQUIRE(moved.result.changes.size() == 1);
  CHECK(moved.result.changes[0].has_aspect(Aspect::attribution));
  const Graded respelt = grade_edit("The dam held, engineer Ana da Silva said.",
                                    "The dam held, engineer Ana da Silvia said.");
  REQUIRE(respelt.result.changes.size() == 1);
  CHECK_FALSE(respelt.result.changes[0].has_aspect(Aspect::attribution));
  CHECK(respelt.result.changes[0].significance == Significance::low);
}

TEST_CASE("certainty is a scale: confirmed and retracted are moves, a reporting verb swap is not") {
  const Graded confirmed = grade_edit("Officials have said the reactor is shut.",
                                      "Officials have confirmed the reactor is shut.");
  REQUIRE(confirmed.result.changes.size() == 1);
  CHECK(confirmed.result.changes[0].has_aspect(Aspect::certainty));
  CHECK(confirmed.new_claims[0].certainty == Certainty::confirmed);
  CHECK(certainty_strength(Certainty::confirmed) > certainty_strength(Certainty::asserted));

  CHECK(graded_claim("The agency retracted its statement that the reactor was shut.").certainty ==
        Certainty::retracted);
  CHECK(graded_claim("The army withdrew its troops from the town.").certainty ==
        Certainty::asserted);

  const Graded swapped = grade_edit("Kowalski claimed the vote was rigged.", "Kowalski said the vote was rigged.");
  REQUIRE(swapped.result.changes.size() == 1);
  CHECK_FALSE(swapped.result.changes[0].has_aspect(Aspect::certainty));
  CHECK(swapped.result.changes[0].significance == Significance::low);

  // Hedged before and after: one hedge word fewer moves nothing on the scale.
  const Graded still_hedged =
      grade_edit("It appears that the new dam may hold back the spring floods.",
                 "The new dam may hold back the spring floods.");
  REQUIRE(still_hedged.result.changes.size() == 1);
  CHECK(still_hedged.old_claims[0].certainty == Certainty::hedged);
  CHECK(still_hedged.new_claims[0].certainty == Certainty::hedged);
  CHECK_FALSE(still_hedged.result.changes[0].has_aspect(Aspect::certainty));
}

TEST_CASE("topic words count in context: 'toll free' is no death toll, 'combat boots' no combat") {
  CHECK(graded_claim("Call the toll free number for help.").topics.empty());
  CHECK(graded_claim("The death toll rose overnight.").topics ==
        std::vector<std::string>{"casualties"});
  CHECK(graded_claim("He bought combat boots in the market.").topics.empty());
}

TEST_CASE("a strike by workers is a protest, a strike on a city combat") {
  using Topics = std::vector<std::string>;
  CHECK(graded_claim("Teachers went on strike on Monday over pay.").topics == Topics{"protests"});
  CHECK(graded_claim("The unions called a general strike for Friday.").topics ==
        Topics{"protests"});
  CHECK(graded_claim("Rail workers began strike action at dawn.").topics == Topics{"protests"});
  CHECK(graded_claim("Russia launched a missile strike on Kyiv overnight.").topics ==
        Topics{"combat"});
  CHECK(graded_claim("The striker scored twice in the second half.").topics.empty());
}

TEST_CASE("spelling variants are told from other words") {
  using tracker::text::are_spelling_variants;
  CHECK(are_spelling_variants("attorenys", "attorneys"));
  CHECK(are_spelling_variants("neighbouring", "neighboring"));
  CHECK(are_spelling_variants("silva", "silvia"));
  CHECK_FALSE(are_spelling_variants("ahead", "behind"));
  CHECK_FALSE(are_spelling_variants("people", "children"));
  CHECK_FALSE(are_spelling_variants("lund", "skane"));
  // The plural of an acronym or a short word; not another short word.
  CHECK(are_spelling_variants("mp", "mps"));
  CHECK(are_spelling_variants("ceos", "ceo"));
  CHECK_FALSE(are_spelling_variants("mp", "mph"));
  CHECK_FALSE(are_spelling_variants("un", "eu"));
}

TEST_CASE("the same date written another way is no time change, another date is") {
  for (const auto& [before, after] : std::vector<std::pair<std::string, std::string>>{
           {"He resigned from the board on May 22nd 2006 over the issue.",
            "He resigned from the board on May 22, 2006 over the issue."},
           {"He resigned from the board on 22 May 2006 over the issue.",
            "He resigned from the board on May 22, 2006 over the issue."}}) {
    const Graded respelt = grade_edit(before, after);
    REQUIRE(respelt.result.changes.size() == 1);
    CHECK_FALSE(respelt.result.changes[0].has_aspect(Aspect::time));
  }
  const Graded moved = grade_edit("He resigned from the board on May 22, 2006 over the issue.",
                                  "He resigned from the board on May 23, 2006 over the issue.");
  REQUIRE(moved.result.changes.size() == 1);
  CHECK(moved.result.changes[0].has_aspect(Aspect::time));
}

TEST_CASE("a figure carried to the next sentence by a split is no number change, a dropped one is") {
  // One sentence split in two: every figure is still stated, in the new second sentence.
  const Graded split = grade_edit(
      "The governor's party won 41% of the vote and 12 seats, while the Greens took 9% and 3 seats.",
      "The governor's party won 41% of the vote and 12 seats. The Greens took 9% and 3 seats.");
  REQUIRE_FALSE(split.result.changes.empty());
  for (const ClaimChange& change : split.result.changes) {
    CHECK_FALSE(change.has_aspect(Aspect::number));
    CHECK_FALSE(change.evidence.novel_figure);
  }
  // The same edit without the second sentence: the Greens' figures are gone from the report.
  const Graded dropped = grade_edit(
      "The governor's party won 41% of the vote and 12 seats, while the Greens took 9% and 3 seats.",
      "The governor's party won 41% of the vote and 12 seats.");
  REQUIRE(dropped.result.changes.size() == 1);
  CHECK(dropped.result.changes[0].has_aspect(Aspect::number));
  CHECK(dropped.result.changes[0].significance != Significance::low);
  // A figure replaced by another is a change even when the new one appears elsewhere.
  const Graded replaced = grade_edit("Rescuers found 3 survivors. Officials counted 5 vehicles in the river.",
                                     "Rescuers found 5 survivors. Officials counted 5 vehicles in the river.");
  REQUIRE(replaced.result.changes.size() == 1);
  CHECK(replaced.result.changes[0].has_aspect(Aspect::number));
}

TEST_CASE("a quotation merged into the sentence before is not a source that came or went") {
  const Graded merged = grade_edit(
      "The fire began in a storage room. \"We lost everything,\" said Maria Lopez, the owner.",
      "The fire began in a storage room, and \"we lost everything,\" said Maria Lopez, the owner.");
  for (const ClaimChange& change : merged.result.changes) {
    CHECK(change.significance == Significance::low);
  }
  // A new quotation from a new speaker is news.
  const Graded quoted = grade_edit("The fire began in a storage room.",
                                   "The fire began in a storage room. \"The wiring was faulty,\" said fire "
                                   "chief Tomas Berg.");
  REQUIRE(quoted.result.changes.size() == 1);
  CHECK(quoted.result.changes[0].kind == ChangeKind::added);
  CHECK(quoted.result.changes[0].significance != Significance::low);
}

TEST_CASE("words a version adds weigh towards a change of meaning, words it drops against") {
  const std::string short_form = "The council approved the new budget on Monday.";
  const std::string long_form =
      "The council approved the new budget on Monday after a long debate over school funding.";
  const Graded added = grade_edit(short_form, long_form);
  const Graded dropped = grade_edit(long_form, short_form);
  REQUIRE(added.result.changes.size() == 1);
  REQUIRE(dropped.result.changes.size() == 1);
  const ChangeEvidence& more = added.result.changes[0].evidence;
  const ChangeEvidence& fewer = dropped.result.changes[0].evidence;
  CHECK(more.added_words == more.changed_words);
  CHECK(more.removed_words == 0);
  CHECK(fewer.removed_words == fewer.changed_words);
  CHECK(fewer.added_words == 0);
  CHECK(more.changed_words == fewer.changed_words);
  // The same words, one way and the other: news adds information, a copy edit trims.
  CHECK(added.result.changes[0].meaning_score > dropped.result.changes[0].meaning_score);
}

TEST_CASE("a negation that left with a short clause of its own is no flip of the claim") {
  const Graded g = grade_edit("A ticket will cost $20, however there is no booking fee.",
                              "A ticket will cost $20.");
  REQUIRE(g.result.changes.size() == 1);
  CHECK_FALSE(g.result.changes[0].has_aspect(Aspect::certainty));
  CHECK_FALSE(g.result.changes[0].evidence.negation);
  // The negation of the claim's own clause still flips it.
  const Graded flipped = grade_edit("The fee was not paid.", "The fee was paid.");
  REQUIRE(flipped.result.changes.size() == 1);
  CHECK(flipped.result.changes[0].has_aspect(Aspect::certainty));
}

TEST_CASE("a rewording among copy edits weighs as one more of them, among new facts it does not") {
  const std::string before = "The singer is famous for appearing in the musicals Cats and Evita.";
  const std::string after =
      "The singer is best known for his roles in the musicals Cats and Evita.";
  const Graded alone = grade_edit(before, after);
  const Graded among_copy_edits = tracker::test::diff_versions(
      {before, "The mayor opened the new libary in Ost.",
       "The buses will run every ten minuts from May.", "The park is closed for the wintre."},
      {after, "The mayor opened the new library in Ost.",
       "The buses will run every ten minutes from May.", "The park is closed for the winter."});
  const Graded among_facts =
      tracker::test::diff_versions({before, "The mayor opened 3 libraries in Ost.",
                                    "The buses will run every 10 minutes from May."},
                                   {after, "The mayor opened 5 libraries in Ost.",
                                    "The buses will run every 20 minutes from May."});
  REQUIRE(alone.result.changes.size() == 1);
  REQUIRE(among_copy_edits.result.changes.size() == 4);
  REQUIRE(among_facts.result.changes.size() == 3);
  const ClaimChange& single = alone.result.changes[0];
  const ClaimChange& with_copy_edits = among_copy_edits.result.changes[0];
  const ClaimChange& with_facts = among_facts.result.changes[0];
  for (const ClaimChange* change : {&single, &with_copy_edits, &with_facts}) {
    REQUIRE(change->new_claim->text == after);
    CHECK(grading_rule(*change) == GradingRule::model);
  }
  CHECK(single.evidence.copy_edit_share == 0.0);
  CHECK(with_copy_edits.evidence.copy_edit_share == 1.0);  // the three others are typo fixes
  CHECK(with_facts.evidence.copy_edit_share == 0.0);       // the two others are revised figures
  for (std::size_t i = 1; i < among_copy_edits.result.changes.size(); ++i) {
    // A typo fix's share counts the rewording, which is no copy edit: two of its three others.
    CHECK(among_copy_edits.result.changes[i].evidence.copy_edit_share ==
          doctest::Approx(2.0 / 3.0));
  }
  CHECK(with_copy_edits.meaning_score < single.meaning_score);
  CHECK(with_facts.meaning_score == doctest::Approx(single.meaning_score));
  CHECK(single.significance == Significance::medium);
  CHECK(with_facts.significance == Significance::medium);
  CHECK(with_copy_edits.significance == Significance::low);
}

TEST_CASE("a country named by another of its forms changes no word - another country does") {
  for (const auto& [before, after] : std::vector<std::pair<std::string, std::string>>{
           {"The pressure came from American media companies.",
            "The pressure came from United States media companies."},
           {"The pressure came from American media companies.",
            "The pressure came from US media companies."},
           {"The pressure came from American media companies.",
            "The pressure came from U.S. media companies."},
           {"British troops left the base on Monday.", "UK troops left the base on Monday."},
           {"Dutch troops left the base on Monday.",
            "Troops from the Netherlands left the base on Monday."},
           {"Saudi officials met the envoy on Monday.",
            "Saudi Arabia's officials met the envoy on Monday."}}) {
    const Graded g = grade_edit(before, after);
    REQUIRE_MESSAGE(g.result.changes.size() == 1, after);
    CHECK_MESSAGE(g.result.changes[0].evidence.changed_words == 0, after);
    CHECK_MESSAGE(g.result.changes[0].significance == Significance::low, after);
  }
  // Another country is another word on each side; "us" in lower case is no country.
  const Graded other =
      grade_edit("Dutch troops left the base on Monday.", "French troops left the base on Monday.");
  REQUIRE(other.result.changes.size() == 1);
  CHECK(other.result.changes[0].evidence.changed_words == 2);
  const Graded pronoun = grade_edit("The officials told Americans about the plan.",
                                    "The officials told us about the plan.");
  REQUIRE(pronoun.result.changes.size() == 1);
  CHECK(pronoun.result.changes[0].evidence.changed_words == 1);
}
