#include "tracker/text/quantities.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "tracker/text/quantity_words.h"

using namespace tracker::text;

namespace {

// The one quantity `sentence` must contain.
Quantity only(std::string_view sentence) {
  const std::vector<Quantity> found = find_quantities(sentence);
  INFO("sentence: " << sentence);
  REQUIRE(found.size() == 1);
  return found.front();
}

// Checks the one quantity in `sentence` against value, qualifier and noun.
void check_one(std::string_view sentence, double value, Qualifier qualifier,
               std::string_view noun) {
  const Quantity q = only(sentence);
  INFO("sentence: " << sentence << " | text: " << q.text);
  if (std::isnan(value)) {
    CHECK(std::isnan(q.value));
  } else {
    CHECK(q.value == doctest::Approx(value));
  }
  CHECK(qualifier_name(q.qualifier) == qualifier_name(qualifier));
  CHECK(q.noun == noun);
  CHECK_FALSE(q.upper.has_value());
}

// Checks that `sentence` holds no quantity at all.
void check_none(std::string_view sentence) {
  const std::vector<Quantity> found = find_quantities(sentence);
  INFO("sentence: " << sentence << " | first: " << (found.empty() ? "" : found.front().text));
  CHECK(found.empty());
}

}  // namespace

TEST_CASE("1,200 and 1200 and twelve hundred and 1 200 are the same number") {
  check_one("They sent 1,200 troops.", 1200, Qualifier::exact, "troops");
  check_one("They sent 1200 troops.", 1200, Qualifier::exact, "troops");
  check_one("They sent twelve hundred troops.", 1200, Qualifier::exact, "troops");
  check_one("They sent 1 200 troops.", 1200, Qualifier::exact, "troops");
  check_one("They sent 10,000,000 leaflets.", 1e7, Qualifier::exact, "leaflets");
}

TEST_CASE("decimals are read exactly and percentages count percent") {
  check_one("Turnout was 2.7 points lower.", 2.7, Qualifier::exact, "points");
  check_one("Prices rose 3.5% in a year.", 3.5, Qualifier::exact, "percent");
  check_one("Prices rose 3.5 percent in a year.", 3.5, Qualifier::exact, "percent");
  check_one("Prices rose 12 per cent.", 12, Qualifier::exact, "percent");
  CHECK(only("Prices rose 3.5% in a year.").text == "3.5%");
}

TEST_CASE("scale words and suffixes multiply the number before them") {
  check_one("Some 2.7 million people fled.", 2.7e6, Qualifier::approximate, "people");
  check_one("The plan costs 1.2 billion.", 1.2e9, Qualifier::exact, "");
  check_one("The post had 1.2k shares.", 1200, Qualifier::exact, "shares");
  check_one("Russia moved 10k troops.", 10000, Qualifier::exact, "troops");
  check_one("It took in a million refugees.", 1e6, Qualifier::exact, "refugees");
  check_one("It took in half a million refugees.", 5e5, Qualifier::exact, "refugees");
  check_one("The fund holds 5 bn dollars.", 5e9, Qualifier::exact, "dollars");
  CHECK(only("Some 2.7 million people fled.").text == "Some 2.7 million");
}

TEST_CASE("number words are read, with hyphens, hundreds and dozens") {
  check_one("Two soldiers were hurt.", 2, Qualifier::exact, "soldiers");
  check_one("It lost eleven tanks.", 11, Qualifier::exact, "tanks");
  check_one("It lost twenty-five tanks.", 25, Qualifier::exact, "tanks");
  check_one("It lost twenty five tanks.", 25, Qualifier::exact, "tanks");
  check_one("It lost three hundred tanks.", 300, Qualifier::exact, "tanks");
  check_one("It lost three hundred and fifty tanks.", 350, Qualifier::exact, "tanks");
  check_one("It lost two thousand tanks.", 2000, Qualifier::exact, "tanks");
  check_one("It lost a dozen tanks.", 12, Qualifier::exact, "tanks");
  check_one("It lost two dozen tanks.", 24, Qualifier::exact, "tanks");
  check_one("It lost half a dozen tanks.", 6, Qualifier::exact, "tanks");
  check_one("It lost a hundred tanks.", 100, Qualifier::exact, "tanks");
  check_one("It lost one hundred and one tanks.", 101, Qualifier::exact, "tanks");
  check_one("It lost twenty one tanks.", 21, Qualifier::exact, "tanks");
  check_one("It lost three hundred thousand tanks.", 300000, Qualifier::exact, "tanks");
  CHECK(only("It lost twenty-five tanks.").text == "twenty-five");
}

TEST_CASE("vague words are vague and carry the representative values of the header") {
  check_one("Kyiv captured dozens of villages.", 24, Qualifier::vague, "villages");
  check_one("Scores of people gathered.", 40, Qualifier::vague, "people");
  check_one("Hundreds of homes burned.", 200, Qualifier::vague, "homes");
  check_one("Thousands fled.", 2000, Qualifier::vague, "");
  check_one("Tens of thousands of people fled.", 20000, Qualifier::vague, "people");
  check_one("Hundreds of thousands of people fled.", 200000, Qualifier::vague, "people");
  check_one("Millions of dollars vanished.", 2e6, Qualifier::vague, "dollars");
  check_one("It lost several tanks.", 3, Qualifier::vague, "tanks");
  check_one("It lost a few tanks.", 2, Qualifier::vague, "tanks");
  check_one("It lost several hundred tanks.", 300, Qualifier::vague, "tanks");
  check_one("It lost a few thousand tanks.", 2000, Qualifier::vague, "tanks");
  check_one("It lost a few hundred thousand tanks.", 200000, Qualifier::vague, "tanks");
  CHECK(only("Tens of thousands of people fled.").text == "Tens of thousands");
  for (const std::string_view sentence :
       {"It lost many tanks.", "It lost numerous tanks.", "It lost some tanks."}) {
    const Quantity q = only(sentence);
    CHECK(std::isnan(q.value));
    CHECK(q.qualifier == Qualifier::vague);
    CHECK(q.noun == "tanks");
  }
}

TEST_CASE("couple counts two with or without its article, and only before what it counts") {
  check_one("The vote is due in a couple of weeks.", 2, Qualifier::vague, "weeks");
  check_one("The vote is due within the next couple weeks.", 2, Qualifier::vague, "weeks");
  check_one("It happened a couple times.", 2, Qualifier::vague, "times");
  check_none("The couple were arrested at the border.");
  check_none("A couple from Lviv won the prize.");
}

TEST_CASE("vague determiners without a plural noun are not quantities") {
  check_none("Some of them stayed.");
  check_none("It took some time.");
  check_none("Many say the war is over.");
  check_none("The scores were level.");
}

TEST_CASE("qualifiers before a number become at least, at most or approximate") {
  const struct {
    std::string_view sentence;
    Qualifier qualifier;
    std::string_view text;
  } cases[] = {
      {"They sent more than 300 troops.", Qualifier::at_least, "more than 300"},
      {"They sent over 300 troops.", Qualifier::at_least, "over 300"},
      {"They sent at least 300 troops.", Qualifier::at_least, "at least 300"},
      {"They sent no fewer than 300 troops.", Qualifier::at_least, "no fewer than 300"},
      {"They sent nearly 300 troops.", Qualifier::at_most, "nearly 300"},
      {"They sent almost 300 troops.", Qualifier::at_most, "almost 300"},
      {"They sent up to 300 troops.", Qualifier::at_most, "up to 300"},
      {"They sent fewer than 300 troops.", Qualifier::at_most, "fewer than 300"},
      {"They sent less than 300 troops.", Qualifier::at_most, "less than 300"},
      {"They sent under 300 troops.", Qualifier::at_most, "under 300"},
      {"They sent at most 300 troops.", Qualifier::at_most, "at most 300"},
      {"They sent about 300 troops.", Qualifier::approximate, "about 300"},
      {"They sent around 300 troops.", Qualifier::approximate, "around 300"},
      {"They sent some 300 troops.", Qualifier::approximate, "some 300"},
      {"They sent roughly 300 troops.", Qualifier::approximate, "roughly 300"},
      {"They sent approximately 300 troops.", Qualifier::approximate, "approximately 300"},
      {"They sent an estimated 300 troops.", Qualifier::approximate, "an estimated 300"},
      {"They sent at least a 300 troops.", Qualifier::at_least, "at least a 300"},
      {"They sent close to 300 troops.", Qualifier::approximate, "close to 300"},
      {"They sent ~300 troops.", Qualifier::approximate, "~300"},
      {"They sent 300 or so troops.", Qualifier::approximate, "300 or so"},
      {"They sent 300-odd troops.", Qualifier::approximate, "300-odd"},
      {"They sent 300 or more troops.", Qualifier::at_least, "300 or more"},
  };
  for (const auto& c : cases) {
    const Quantity q = only(c.sentence);
    INFO(c.sentence);
    CHECK(q.value == 300);
    CHECK(qualifier_name(q.qualifier) == qualifier_name(c.qualifier));
    CHECK(q.text == c.text);
    CHECK(q.noun == "troops");
  }
}

TEST_CASE("qualifier words that are not followed by a number qualify nothing") {
  check_none("They argued about the border.");
  check_none("Fighting continued over the weekend.");
  check_none("It came close to the front line.");
}

TEST_CASE("ranges keep the lower bound as value and the upper bound apart") {
  for (const std::string_view sentence :
       {"Between 300 and 400 troops died.", "Some 300 to 400 troops died.", "300-400 troops died.",
        "300\u2013400 troops died."}) {
    const Quantity q = only(sentence);
    INFO(sentence);
    CHECK(q.value == 300);
    REQUIRE(q.upper.has_value());
    CHECK(*q.upper == 400);
    CHECK(q.noun == "troops");
  }
  CHECK(only("Some 300 to 400 troops died.").qualifier == Qualifier::approximate);
  CHECK(only("Between 300 and 400 troops died.").text == "Between 300 and 400");
  const Quantity scaled = only("It will cost two to three million dollars.");
  CHECK(scaled.value == 2e6);
  CHECK(scaled.upper == 3e6);
  CHECK(scaled.noun == "dollars");
  const Quantity percent = only("Growth of 3-4% is expected.");
  CHECK(percent.value == 3);
  CHECK(percent.upper == 4);
  CHECK(percent.noun == "percent");
}

TEST_CASE("money is counted in its currency") {
  const Quantity dollars = only("Washington pledged $2.7 million in aid.");
  CHECK(dollars.value == 2.7e6);
  CHECK(dollars.noun == "dollars");
  CHECK(dollars.text == "$2.7 million");
  const Quantity euros = only("The EU pledged \u20ac5bn in aid.");
  CHECK(euros.value == 5e9);
  CHECK(euros.noun == "euros");
  CHECK(euros.text == "\u20ac5bn");
  check_one("London pledged \u00a33m.", 3e6, Qualifier::exact, "pounds");
  check_one("London pledged more than $3m.", 3e6, Qualifier::at_least, "dollars");
}

TEST_CASE("the counted noun skips modifiers and casualty participles are nouns") {
  check_one("Around 300 killed in the strike.", 300, Qualifier::approximate, "killed");
  check_one("At least 12 dead after the strike.", 12, Qualifier::at_least, "dead");
  check_one("It sent 10,000 North Korean troops.", 10000, Qualifier::exact, "troops");
  check_one("It sent 500 battle-hardened troops.", 500, Qualifier::exact, "troops");
  check_one("It sent 500 more troops.", 500, Qualifier::exact, "troops");
  check_one("Dozens of the soldiers died.", 24, Qualifier::vague, "soldiers");
  check_one("Officials counted 40 Ukrainians.", 40, Qualifier::exact, "ukrainians");
  check_one("The front runs 100km.", 100, Qualifier::exact, "km");
  check_one("The 300 were never found.", 300, Qualifier::exact, "");
}

TEST_CASE("casualty words after an auxiliary and nouns after names and models are found") {
  check_one("About 4,000 were killed or wounded.", 4000, Qualifier::approximate, "killed");
  check_one("Twelve have reportedly died.", 12, Qualifier::exact, "died");
  check_one("Ukraine received 31 Abrams tanks.", 31, Qualifier::exact, "tanks");
  check_one("Ukraine received 10 F-16 jets.", 10, Qualifier::exact, "jets");
}

TEST_CASE("a noun compound counts its last noun, and a verb or function word after it is no noun") {
  check_one("There are now 54 measles cases.", 54, Qualifier::exact, "cases");
  check_one("Police seized 40 arms shipments.", 40, Qualifier::exact, "shipments");
  check_one("About 300 troops was the figure.", 300, Qualifier::approximate, "troops");
  check_one("The 12 soldiers has been corrected.", 12, Qualifier::exact, "soldiers");
  check_one("It sent 500 troops Tuesday.", 500, Qualifier::exact, "troops");
  check_one("It counted 20 troops wounded.", 20, Qualifier::exact, "troops");
}

TEST_CASE("a currency written singular is the counted noun") {
  check_one("The group demanded 60 bitcoin by Friday.", 60, Qualifier::exact, "bitcoin");
  check_one("The fund paid 40 euro a head.", 40, Qualifier::exact, "euro");
}

TEST_CASE("a change from one figure to another gives two quantities, not a range") {
  const std::vector<Quantity> found = find_quantities("The toll rose from 38 to 41 people.");
  REQUIRE(found.size() == 2);
  CHECK(found[0].value == 38);
  CHECK_FALSE(found[0].upper.has_value());
  CHECK(found[1].value == 41);
  CHECK(found[1].noun == "people");
}

TEST_CASE("a bare number after a capitalised name is part of the name") {
  check_none("Allies invoked Article 5 at once.");
  check_one("Only 12 were left.", 12, Qualifier::exact, "");
}

TEST_CASE("a number naming one item of a series is no count, however it is written") {
  check_none("Lala won Season 2 of the show.");
  check_none("Lala won season two of the show.");
  check_none("The second half of episode 3 was cut.");
  check_none("Phase 2 of the offensive began.");
  // Counted, they are quantities as ever.
  check_one("The show ran for two seasons.", 2, Qualifier::exact, "seasons");
}

TEST_CASE("a hyphenated compound counts its unit and -strong is looked through") {
  check_one("Kyiv and the West denounced the three-year conflict.", 3, Qualifier::exact, "year");
  check_one("A 10,000-strong force crossed.", 10000, Qualifier::exact, "force");
  CHECK(only("a three-year conflict").text == "three");
}

TEST_CASE("years after a month or a time preposition or with no noun are not quantities") {
  check_none("Russia invaded Ukraine in February 2022.");
  check_none("The war has raged since 2014.");
  check_none("Both sides expect peace by 2030.");
  check_none("He said 2025 would be the year of victory.");
  check_none("The 2022 invasion changed Europe.");
  check_none("It lasted from 2014 to 2022.");
  check_one("It sent 2000 troops.", 2000, Qualifier::exact, "troops");
  check_one("It sent more than 2000.", 2000, Qualifier::at_least, "");
}

TEST_CASE("dates and times are not quantities") {
  check_none("The talks began on Feb. 4.");
  check_none("The talks began on 4 February.");
  check_none("The talks began on February 4, 2025.");
  check_none("The talks began at 5 p.m. local time.");
  check_none("The talks began at 5pm.");
  check_none("The talks began at 10:30.");
  check_none("The talks began at 0900 GMT.");
}

TEST_CASE("a page's age is no quantity, an age the text reports is") {
  check_none("Updated 3 minutes ago");
  check_none("The report was posted 2 hours ago.");
  check_one("The river reached the basin 4.5 million years ago.", 4.5e6, Qualifier::exact, "years");
  check_one("Farming began there some 10,000 years ago.", 10000, Qualifier::approximate, "years");
}

TEST_CASE("a page's age in other languages is no quantity either") {
  for (const char* age :
       {"Aktualisiert vor 3 Minuten", "Actualizado hace 2 horas", "Mis à jour il y a 5 heures",
        "Aggiornato 12 minuti fa", "Atualizado há 2 horas", "Bijgewerkt 3 uur geleden",
        "Zaktualizowano 5 minut temu", "Publicado 4 horas atrás"}) {
    CAPTURE(age);
    check_none(age);
  }
  // The same words around a count of things, or a count beside an age, are figures.
  // (The counted noun is read in English only: what counts here is the value.)
  CHECK(only("Il y a 3 morts et des dizaines de blessés.").value == 3);
  CHECK(only("Vor 3 Tagen starben 20 Menschen.").value == 20);
  CHECK(only("Es wurden 30 Minuten Verspätung gemeldet.").value == 30);
}

TEST_CASE("ordinals and fractions are not quantities") {
  check_none("It was the second attack.");
  check_none("It was the 3rd attack.");
  check_none("Not since the Second World War.");
  check_none("A twenty-first century war.");
  check_none("Two-thirds of the town was lost.");
}

TEST_CASE("identifiers, clock-like and decade tokens are not quantities") {
  check_none("Russia fired S-400 missiles.");
  check_none("The MH17 inquiry resumed.");
  check_none("COVID-19 slowed the draft.");
  check_none("The line is staffed 24/7.");
  check_none("They flew F-16s.");
  check_none("It recalled the 1990s.");
  check_none("It began in mid-2024.");
  check_none("Agent 007 was there.");
}

TEST_CASE("one counts only with a qualifier, a scale, a range or a casualty word") {
  check_none("One reason for this may be the occurrence.");
  check_none("It was one of the largest attacks.");
  check_none("No one was hurt.");
  check_one("At least one soldier died.", 1, Qualifier::at_least, "soldier");
  check_one("One million people fled.", 1e6, Qualifier::exact, "people");
  check_one("One killed in the strike.", 1, Qualifier::exact, "killed");
  const Quantity range = only("One or two drones got through.");
  CHECK(range.value == 1);
  CHECK(range.upper == 2);
  CHECK(range.noun == "drones");
  check_one("Only 1 soldier survived.", 1, Qualifier::exact, "soldier");
}

TEST_CASE("several quantities come back in order with offsets into the sentence") {
  const std::string sentence = "Of about 300 troops, 12 were killed and dozens of them wounded.";
  const std::vector<Quantity> found = find_quantities(sentence);
  REQUIRE(found.size() == 3);
  CHECK(found[0].text == "about 300");
  CHECK(found[1].text == "12");
  CHECK(found[2].text == "dozens");
  for (const Quantity& q : found) {
    CHECK(sentence.substr(q.begin, q.end - q.begin) == q.text);
  }
  CHECK(found[0].begin == 3);
}

// A hostile page of 1.4 MB of "twenty-" took 34 s when every number walked the whole
// hyphenated chain after it; the scan is linear now, so this finishes at once.
TEST_CASE("a chain of 200,000 hyphenated number words gives one quantity per word") {
  constexpr std::size_t k_words = 200'000;
  std::string sentence;
  for (std::size_t i = 0; i < k_words; ++i) {
    sentence += "twenty-";
  }
  const std::vector<Quantity> found = find_quantities(sentence);
  REQUIRE(found.size() == k_words);
  CHECK(found.front().text == "twenty-");
  CHECK(found.back().text == "twenty");
  CHECK(std::all_of(found.begin(), found.end(),
                    [](const Quantity& q) { return q.value == 20 && q.noun.empty(); }));
}

TEST_CASE("empty and number-free sentences give nothing") {
  check_none("");
  check_none("-");
  check_none("\u2014 \u201c \u20ac");
  check_none("Ukraine's military said Friday it believed North Korean soldiers had withdrawn.");
}

// Every sentence of the seed story (shared/seed/kursk-nk-troops-afp.txt), normalised.
TEST_CASE("seed: Pyongyang deployed more than 10,000 troops") {
  const Quantity q = only(
      "Western, South Korean and Ukrainian intelligence agencies say Pyongyang deployed more "
      "than 10,000 troops to support Russian forces fighting in its western Kursk region, where "
      "Ukraine launched a shock cross-border offensive in August.");
  CHECK(q.value == 10000);
  CHECK(q.qualifier == Qualifier::at_least);
  CHECK(q.noun == "troops");
  CHECK(q.text == "more than 10,000");
}

TEST_CASE("seed: one reason may be the occurrence of many casualties") {
  check_one(
      "\"One reason for this may be the occurrence of many casualties, but the exact details "
      "are still being monitored,\" it added in a statement.",
      std::nan(""), Qualifier::vague, "casualties");
}

TEST_CASE("seed: the two countries signed an agreement") {
  check_one(
      "Neither Pyongyang nor Moscow have officially confirmed the troop deployment, but the two "
      "countries signed an agreement, including a mutual defense element, when Russian "
      "President Vladimir Putin made a rare visit to the nuclear-armed North last year.",
      2, Qualifier::exact, "countries");
}

TEST_CASE("seed: Kyiv captured dozens of border settlements") {
  check_one(
      "Kyiv captured dozens of border settlements in the operation - the first time a foreign "
      "army had crossed into Russian territory since the Second World War - in an embarrassing "
      "setback for the Kremlin.",
      24, Qualifier::vague, "settlements");
}

TEST_CASE("seed: nearly six months on") {
  check_one(
      "The North Korean deployment was supposed to reinforce Russia's army and help it expel "
      "Ukraine's troops - but nearly six months on Ukraine still holds swathes of Russian "
      "territory.",
      6, Qualifier::at_most, "months");
}

TEST_CASE("seed: captured or killed several North Korean soldiers") {
  check_one(
      "Ukraine previously said it had captured or killed several North Korean soldiers in "
      "Kursk.",
      3, Qualifier::vague, "soldiers");
}

TEST_CASE("seed: the three-year conflict") {
  check_one(
      "Kyiv and the West had denounced their deployment as a major escalation in the "
      "three-year conflict.",
      3, Qualifier::exact, "year");
}

TEST_CASE("seed: in February 2022 and 2025 would be the year are dates") {
  check_none(
      "Pyongyang and Moscow have deepened political, military and cultural ties since Russia's "
      "invasion of Ukraine in February 2022.");
  check_none(
      "He said 2025 would be the year \"when the Russian army and people defeat neo-Nazism and "
      "achieve a great victory.\"");
}

TEST_CASE("seed: sentences without numbers give nothing") {
  check_none("North Korea troops not in combat in Russia's Kursk since mid-Jan: Seoul");
  check_none(
      "SEOUL: North Korean soldiers previously fighting alongside Russia's army on the Kursk "
      "front line appear not to have been engaged in combat since mid-January, South Korea's "
      "spy agency told AFP Tuesday, after Ukraine claimed they had been withdrawn following "
      "heavy losses.");
  check_none(
      "\"Since mid-January, it appears that the North Korean troops deployed to the Kursk region "
      "of Russia have not engaged in combat,\" South Korea's National Intelligence Service said.");
  check_none(
      "Ukraine's military said Friday it believed North Korean soldiers deployed to the front "
      "line in Kursk had been \"withdrawn\" after suffering heavy losses.");
  check_none(
      "Seoul has previously said that due to losses among its forces, North Korea is preparing "
      "for additional deployment to Ukraine.");
  check_none(
      "President Volodymyr Zelensky has published footage of interrogations with what he said "
      "were North Korean prisoners captured by his army on the Kursk front.");
  check_none(
      "Ukrainian officials have said wounded North Korean troops were blowing themselves up "
      "with grenades rather than being taken alive.");
  check_none(
      "South Korea's Joint Chiefs of Staff said in December that Pyongyang is \"preparing for "
      "the rotation or additional deployment of soldiers\" to aid Russia's war effort.");
  check_none(
      "In a New Year's letter, North Korean leader Kim Jong Un hailed Putin and made a possible "
      "reference to the war in Ukraine.");
}

// find_quantities tries a word only if a quantity can start with it (quantity_starts in
// quantities.cc, derived from these lists): a list left out of that set would go unread.
TEST_CASE("every qualifier, number word and vague phrase of the word lists starts a quantity") {
  using namespace tracker::text::quantity_words;
  for (const QualifierPhrase& entry : k_qualifiers) {
    const std::string sentence =
        "Officials said " + std::string(entry.words) + " 40 people were hurt.";
    INFO("sentence: " << sentence);
    const Quantity found = only(sentence);
    CHECK(found.text.starts_with(entry.words));
    CHECK(qualifier_name(found.qualifier) == qualifier_name(entry.qualifier));
  }
  for (const WordValue& entry : k_number_words) {
    // A bare "one" is not read as a count ("one of the", "no one"): it starts one before a scale.
    const bool one = entry.word == "one";
    const std::string sentence = "Officials said " + std::string(entry.word) +
                                 (one ? " hundred" : "") + " people were hurt.";
    INFO("sentence: " << sentence);
    CHECK(only(sentence).value == doctest::Approx(one ? 100 : entry.value));
  }
  for (const WordValue& entry : k_vague_words) {
    const std::string sentence =
        "Officials said " + std::string(entry.word) + " of the people were hurt.";
    INFO("sentence: " << sentence);
    CHECK(only(sentence).text.starts_with(entry.word));
  }
  CHECK(only("Officials said half a million people left.").value == doctest::Approx(5e5));
  CHECK(only("Officials said dozens of people were hurt.").value == doctest::Approx(24));
  CHECK(only("It lasted a couple weeks.").value == doctest::Approx(2));
  CHECK(only("Officials said between 3 and 4 people were hurt.").upper.has_value());
}

TEST_CASE("a compound of man counts its plural in -men, and a singular in -men counts nothing") {
  CHECK(only("The ministry said 120 servicemen had come home.").noun == "servicemen");
  CHECK(only("Six gunmen opened fire.").noun == "gunmen");
  CHECK(only("About 40 firemen fought the blaze.").noun == "firemen");
  // Singulars that end as such plurals do are no counted noun.
  CHECK(only("Doctors took 3 specimen from the site.").noun.empty());
  CHECK(only("The trial used a 12 regimen scheme.").noun != "regimen");
}
