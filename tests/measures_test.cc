// The ledger's measures (#18): a figure counts its noun and the event beside its number, from
// the lexicon in feeds/measures.toml.

#include "tracker/report/measures.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "support/built_in_measures.h"
#include "tracker/text/word_forms.h"

using tracker::report::Figure;
using tracker::report::LedgerGrouping;
using tracker::report::MeasureLexicon;

namespace {

Figure figure(std::string noun, std::string text, std::string claim) {
  Figure f;
  f.measure = std::move(noun);
  f.text = std::move(text);
  f.claim = std::move(claim);
  return f;
}

std::optional<std::string> measure(std::string noun, std::string text, std::string claim) {
  const auto found =
      built_in_measures().measure_of(figure(std::move(noun), std::move(text), std::move(claim)));
  return found ? std::optional(found->name()) : std::nullopt;
}

}  // namespace

TEST_CASE("a figure's measure is its noun and the event beside its number") {
  const std::string spy = "Around 300 soldiers were killed and 2,700 wounded, the spy agency said.";
  CHECK(measure("soldiers", "Around 300", spy) == "soldiers killed");
  CHECK(measure("wounded", "2,700", spy) == "wounded");  // the noun is the event
  CHECK(measure("dead", "12", "At least 12 dead in the blast.") == "killed");
  CHECK(measure("troops", "more than 10,000", "North Korea has sent more than 10,000 troops to Russia.") ==
        "troops");
  // A term of several words, before the number; no noun.
  CHECK(measure("", "52", "The death toll rose to 52 on Sunday.") == "killed");
  // The longest term wins: "killed or wounded" is one event, not "killed".
  CHECK(measure("soldiers", "About 4,500", "About 4,500 soldiers have been killed or wounded, Kyiv said.") ==
        "soldiers killed or wounded");
  // Too far from the number to be what it counts.
  CHECK(measure("people", "45", "45 people gathered in the square on Monday before police came and arrested") ==
        "people");
}

TEST_CASE(
    "a count's verb after the part set off by commas is the whole count's, and the part's too") {
  const std::string blast = "12 people, including three children, were killed in the blast.";
  CHECK(measure("people", "12", blast) == "killed");
  CHECK(measure("children", "three", blast) == "children killed");
  CHECK(measure("people", "at least 38",
                "Officials said at least 38 people, most of them children under five, had died of "
                "hunger.") == "killed");
  CHECK(measure("guards", "14",
                "Police said 14 guards, six of whom were injured, had been taken hostage.") ==
        "guards captured");
  // A part that reports an event of its own is that event's count, not a part of the whole's.
  const auto critical = built_in_measures().measure_of(figure(
      "", "21", "Hospitals said they were treating 68 people, of whom 21 were in intensive care."));
  REQUIRE(critical.has_value());
  CHECK(critical->name() == "in intensive care");
  CHECK_FALSE(critical->subgroup);
  // The place a count is in, between its noun and its verb, is read past as well.
  CHECK(measure("people", "At least 12",
                "At least 12 people in the remote northern Suleva border region were killed in the "
                "floods.") == "killed");
  // Not a part: a relative clause or a list keeps its commas.
  CHECK(measure("people", "45", "45 people, who gathered in the square, were later arrested.") ==
        "arrested");
  CHECK(measure("people", "45", "45 people gathered in the square, and police arrested 3 men.") ==
        "people");
}

TEST_CASE("counts joined by 'and' share the event outside them, and only then") {
  const std::string after =
      "Two prison guards and five inmates were killed in the riot, the union said.";
  CHECK(measure("guards", "Two", after) == "guards killed");
  CHECK(measure("inmates", "five", after) == "inmates killed");
  const std::string before = "The blast killed three soldiers and 12 civilians near the base.";
  CHECK(measure("soldiers", "three", before) == "soldiers killed");
  CHECK(measure("civilians", "12", before) == "civilians killed");
  // Two clauses: the first count's own verb is no event, and the second's is not lent to it.
  CHECK(measure("people", "45", "45 people gathered and 3 officers were killed, police said.")
            .value_or("none") == "people");
  // A comma before "and" ends the first clause.
  CHECK(measure("beds", "110",
                "The board will close 110 beds, and 90 midwives will be laid off.") == "beds");
  // Each count that has its own term keeps it.
  CHECK(measure("soldiers", "12", "12 soldiers were wounded and 3 civilians were killed.") ==
        "soldiers wounded");
}

TEST_CASE("a generic noun gives way to the event, and a missing noun is the number's before it") {
  CHECK(measure("people", "45", "Police arrested 45 people after the march.") == "arrested");
  CHECK(measure("residents", "More than 1,200", "More than 1,200 residents have been evacuated, he added.") ==
        "evacuated");
  // Houses are of the kind homes ([nouns]), with an event.
  CHECK(measure("houses", "At least 85",
                "At least 85 houses had been destroyed and some 400 damaged.") ==
        "homes destroyed");
  CHECK(measure("", "some 400", "At least 85 houses had been destroyed and some 400 damaged.") ==
        "homes damaged");
  // No noun to carry over from a casualty word.
  CHECK(measure("", "2,700", "300 killed and 2,700 missing.") == "missing");
  // Nor from a share: a percentage lends its unit to no count.
  CHECK(measure("", "398,715",
                "The Union won 412,380 votes, or 48.2 percent, against 398,715 for the Front.") ==
        "votes");
}

TEST_CASE("a place's people are its population, each place its own") {
  // Background, whatever follows: no count of the story's event, and no revision of another's.
  CHECK(measure("people", "about 18,000",
                "Ennby, a town of about 18,000 people, lies on the coast.") ==
        "population of Ennby");
  CHECK(measure("people", "800", "The fire reached Lower Tallby, a small village of 800 people.") ==
        "population of Lower Tallby");
  CHECK(measure("inhabitants", "1.2 million",
                "The storm hit a coastal region of 1.2 million inhabitants.") == "population");
  CHECK(measure("people", "30,000", "Ennby is a town of 30,000 people.") == "population");
  // Not a place: a crowd's people are people; an event term still wins.
  CHECK(measure("people", "2,000", "A crowd of 2,000 people gathered.") == "people");
  CHECK(measure("people", "800", "All 800 people of the village were evacuated.") == "evacuated");
  CHECK(measure("people", "800", "Ostby, a village of 800 people, was evacuated on Monday.") ==
        "evacuated");
}

TEST_CASE("event terms match inflected forms only, never a derived word or a word in an aside") {
  CHECK(tracker::text::inflection_stem("killing") == tracker::text::inflection_stem("killed"));
  CHECK(tracker::text::inflection_stem("injuries") == "injury");
  CHECK(tracker::text::inflection_stem("stopped") == "stop");
  CHECK(tracker::text::inflection_stem("evacuate") == tracker::text::inflection_stem("evacuated"));
  CHECK(tracker::text::inflection_stem("executive") != tracker::text::inflection_stem("executed"));
  CHECK(tracker::text::inflection_stem("hospitals") !=
        tracker::text::inflection_stem("hospitalised"));
  // A chief executive is no execution.
  CHECK(measure("euros", "15,000",
                "Chief executive Bruno Astell said the company would offer 15,000 euros to each "
                "family.") == "euros");
  // The clause says what the ministry counts; the toll is what 67 is.
  CHECK(measure("", "67",
                "The health ministry, which counts deaths registered by hospitals and coroners, "
                "put the toll at 67.") == "killed");
  CHECK(measure("people", "Some 9,000",
                "Some 9,000 people, who were hospitalised earlier, fled the city.") == "displaced");
}

TEST_CASE("a number after 'from' is the earlier value of the number before it") {
  const std::string down = "The agency said 12 people were still missing, down from 23 on Sunday, as more bodies were identified.";
  CHECK(measure("", "23", down) == "missing");
  const std::string raised = "Kyiv said 4,500 soldiers had been killed or wounded, raising its estimate from some 4,000.";
  CHECK(measure("", "some 4,000", raised) == "soldiers killed or wounded");
  // "from" and a value named in a few words: a determiner, at most two more words, "of".
  const std::string named =
      "About 75 people were hurt, the agency said, up from its first estimate of more than 60.";
  CHECK(measure("", "more than 60", named) == "wounded");
}

TEST_CASE("each event term goes to the number it stands nearest, a term after a number counting half") {
  // "bodies" follows 27; "missing" is four words after 15 and belongs to it.
  const std::string bodies = "We have recovered 27 bodies, and 15 people are still missing, Oruma said.";
  CHECK(measure("bodies", "27", bodies) == "killed");
  CHECK(measure("people", "15", bodies) == "missing");
  // "wounded" stands right before 30: it is 30's, and 12 keeps "killed".
  const std::string verbs = "The attack killed 12 people and wounded 30 others.";
  CHECK(measure("people", "12", verbs) == "killed");
  CHECK(measure("others", "30", verbs) == "others wounded");
  // Between two numbers, a term after the first is the first's at equal distance.
  CHECK(measure("people", "12", "12 people were killed and 30 injured.") == "killed");
  CHECK(measure("injured", "30", "12 people were killed and 30 injured.") == "wounded");
  const std::string fatally = "About 4,500 soldiers have been killed or wounded, at least 1,200 of them fatally.";
  // "of them": the soldiers of the number before, killed.
  CHECK(measure("", "at least 1,200", fatally) == "soldiers killed");
}

TEST_CASE("a figure that ends a count's move is its subject's however long the subject runs") {
  // Sixteen words from "toll" to 19: past the reach of a term before a number, but the figure
  // is where the toll has risen to.
  CHECK(measure("", "19",
                "The death toll from flash floods that swept through the northern province on "
                "Saturday night has risen to 19, the agency said.") == "killed");
  CHECK(
      measure("", "27",
              "The death toll from the floods that struck the valley and the coast before dawn on "
              "Sunday stood at 27 by Monday evening.") == "killed");
  // The same distance without a verb of movement is still too far.
  CHECK(measure("", "19",
                "The death toll from flash floods that swept through the northern province on "
                "Saturday night was given as 19 by the agency.") != "killed");
}

TEST_CASE("a number without a noun counts what 'the number of ...' before it names") {
  const std::string put = "Officials put the number of migrants held at the border camp at about 2,300, up from 1,900 in May.";
  CHECK(measure("", "about 2,300", put) == "migrants");
  CHECK(measure("", "1,900", put) == "migrants");  // "up from": the earlier value of the same count
  CHECK(measure("", "35", "The number of dead rose to 35 on Tuesday.") == "killed");
  // A count or a tally of them names them too.
  CHECK(measure("", "about 3,700",
                "The regional government lowered its count of people evacuated to about 3,700.") ==
        "evacuated");
  CHECK(measure("", "more than 1,100",
                "The union now puts its tally of staff laid off at more than 1,100.") ==
        "staff cut");
  // An event term opening the phrase is what it counts, whole: not "dead" alone.
  CHECK(measure("", "about 400", "The number of dead or wounded rose to about 400.") == "killed or wounded");
  // Another number's noun stays its own.
  CHECK(measure("schools", "12", "The number of pupils fell as 12 schools closed.") == "schools");
}

TEST_CASE("an earlier year or a rate makes a measure of its own") {
  Figure past = figure("people", "more than 70", "Floods in the same valley killed more than 70 people in 2009.");
  past.first_seen = 1'767'225'600;  // 2026-01-01
  REQUIRE(built_in_measures().measure_of(past).has_value());
  CHECK(built_in_measures().measure_of(past)->name() == "killed in 2009");
  past.first_seen = 1'246'406'400;  // 2009-07-01: the story's own year
  CHECK(built_in_measures().measure_of(past)->name() == "killed");
  // The year is the nearest counting number's: a duration nearer to it counts nothing.
  Figure strike = figure("flights", "about 350",
                         "A 12-hour strike in 2019 forced the cancellation of about 350 flights.");
  strike.first_seen = 1'767'225'600;
  CHECK(built_in_measures().measure_of(strike)->name() == "flights cancelled in 2019");
  // "since 2019, when ...": the clause tells what happened in 2019; the 24 hours, which count
  // nothing, take no event term from the flights.
  Figure since = figure(
      "flights", "about 350",
      "The strike is the first since 2019, when a 24-hour walkout forced the cancellation of "
      "about 350 flights.");
  since.first_seen = 1'767'225'600;
  CHECK(built_in_measures().measure_of(since)->name() == "flights cancelled in 2019");
  CHECK(measure("flights", "about 350",
                "Last week a 24-hour walkout forced the cancellation of about 350 flights.") ==
        "flights cancelled");
  CHECK(measure("flights", "about 350",
                "It is the first strike since 2019 and cancelled about 350 flights.") ==
        "flights cancelled");
  CHECK(measure("passengers", "around 38,000", "The airport handles around 38,000 passengers a day.") ==
        "passengers per day");
  CHECK(measure("euros", "about 2.4 million",
                "The strike costs the airline about 2.4 million euros a day.") == "cost per day");
  // A time, not a rate; and a rate in another clause is not this number's.
  CHECK(measure("people", "Some 300", "Some 300 people were evacuated a day after the storm.") == "evacuated");
  CHECK(measure("people", "Some 300", "Some 300 people were evacuated, twice a day.") == "evacuated");
  // An earlier event named by its year dates what the clause about it counts.
  Figure named =
      figure("miners", "12", "Many still remember the 2011 collapse, in which 12 miners died.");
  named.first_seen = 1'767'225'600;
  CHECK(built_in_measures().measure_of(named)->name() == "miners killed in 2011");
  Figure of_year = figure("homes", "about 300",
                          "The blaze of 2015, which destroyed about 300 homes, changed the rules.");
  of_year.first_seen = 1'767'225'600;
  CHECK(built_in_measures().measure_of(of_year)->name() == "homes destroyed in 2015");
  // The year dates what follows it, past a count before it that reads as a number ("Many
  // residents"), and every count of the clause about the event.
  const std::string recalled =
      "Many older residents recalled the 1994 Kellan Road disaster, in which 39 fans died and more "
      "than 200 were hurt.";
  Figure died = figure("fans", "39", recalled);
  died.first_seen = 1'767'225'600;
  CHECK(built_in_measures().measure_of(died)->name() == "fans killed in 1994");
  Figure hurt = figure("hurt", "more than 200", recalled);
  hurt.first_seen = 1'767'225'600;
  CHECK(built_in_measures().measure_of(hurt)->name() == "wounded in 1994");
  Figure after_clause = figure(
      "people", "12",
      "It recalled the 1994 disaster, in which 39 fans died, and 12 people were hurt on Saturday.");
  after_clause.first_seen = 1'767'225'600;
  CHECK(built_in_measures().measure_of(after_clause)->name() == "wounded");
  // A distance counts nothing, so it does not take the year from the count beside it.
  Figure far =
      figure("miners", "12", "In 2011, a collapse about 20 kilometres away killed 12 miners.");
  far.first_seen = 1'767'225'600;
  CHECK(built_in_measures().measure_of(far)->name() == "miners killed in 2011");
}

TEST_CASE("a part of a count keeps its noun to itself") {
  using tracker::report::with_ledger_measures;
  const std::string hospital = "Doctors said they had treated 31 injured people, including nine children.";
  std::vector<Figure> figures = {figure("injured", "31", hospital), figure("children", "nine", hospital),
                                 figure("injured", "52", "The hospital has treated 52 injured.")};
  const std::vector<Figure> measured =
      with_ledger_measures(figures, built_in_measures(), LedgerGrouping::rules);
  REQUIRE(measured.size() == 3);
  CHECK(measured[0].measure == "wounded");  // not "children wounded": nine are a part of the 31
  CHECK(measured[1].measure == "children wounded");
  CHECK(measured[2].measure == "wounded");
  // With one group counted and no part, a bare event takes the group's noun as before.
  std::vector<Figure> one_group = {figure("soldiers", "300", "300 soldiers were wounded."),
                                   figure("wounded", "2,700", "2,700 wounded, Kyiv said.")};
  one_group[0].value = 300;
  one_group[1].value = 2700;
  CHECK(with_ledger_measures(one_group, built_in_measures(), LedgerGrouping::rules)[1].measure ==
        "soldiers wounded");
  // A vague figure counts no group: "some families were burying their dead" lends no noun.
  std::vector<Figure> vague = {
      figure("families", "some",
             "The toll was probably higher because some families were burying their dead."),
      figure("", "36", "Cholera deaths have climbed to 36, the office said.")};
  vague[1].value = 36;
  CHECK(with_ledger_measures(vague, built_in_measures(), LedgerGrouping::rules)[1].measure ==
        "killed");
  // "of them" with a noun names a part, of the whole's event; with none ("of them fatally") the
  // same group.
  const auto children = built_in_measures().measure_of(
      figure("", "three", "The clinic said 11 patients were in hospital, three of them children."));
  REQUIRE(children.has_value());
  CHECK(children->name() == "children hospitalised");
  CHECK(children->subgroup);
  const auto fatally = built_in_measures().measure_of(
      figure("", "at least 1,200",
             "About 4,500 soldiers have been killed or wounded, at least 1,200 of them fatally."));
  REQUIRE(fatally.has_value());
  CHECK_FALSE(fatally->subgroup);
  // Two groups counted as on strike: a bare count takes the noun its own speaker gave.
  auto striking = [](std::string attribution, std::string noun, std::string text, double value,
                     std::string claim) {
    Figure f = figure(std::move(noun), std::move(text), std::move(claim));
    f.attribution = std::move(attribution);
    f.value = value;
    return f;
  };
  std::vector<Figure> strike = {
      striking("Aeronord", "controllers", "112", 112,
               "Aeronord said 112 of its controllers had stopped work."),
      striking("the union", "members", "about 160", 160,
               "The union said about 160 members had stopped work."),
      striking("Aeronord", "", "118", 118, "Aeronord said 118 had stopped work.")};
  CHECK(with_ledger_measures(strike, built_in_measures(), LedgerGrouping::rules)[2].measure ==
        "controllers on strike");
  strike[2].attribution = "the airport";  // a speaker who named no group: no noun to take
  CHECK(with_ledger_measures(strike, built_in_measures(), LedgerGrouping::rules)[2].measure ==
        "on strike");
  const std::string included = "The cancelled flights included 26 long-haul services.";
  const auto part = built_in_measures().measure_of(figure("services", "26", included));
  REQUIRE(part.has_value());
  CHECK(part->subgroup);
}

TEST_CASE("one count in other words is one measure, whoever gives it") {
  using tracker::report::with_ledger_measures;
  auto said = [](std::string attribution, std::string noun, double value, std::string text,
                 std::string claim) {
    Figure f = figure(std::move(noun), std::move(text), std::move(claim));
    f.attribution = std::move(attribution);
    f.value = value;
    f.qualifier = "approximate";
    return f;
  };
  std::vector<Figure> figures = {said("the agency", "buildings", 320, "about 320",
                                      "The agency said about 320 buildings had collapsed."),
                                 said("the agency", "homes", 320, "About 320",
                                      "About 320 homes had collapsed, the agency said."),
                                 said("the agency", "homes", 410, "about 410",
                                      "About 410 homes had collapsed, the agency said."),
                                 said("the governor", "structures", 320, "about 320",
                                      "About 320 structures had collapsed, the governor said.")};
  std::vector<Figure> measured =
      with_ledger_measures(figures, built_in_measures(), LedgerGrouping::rules);
  REQUIRE(measured.size() == 4);
  // The noun its figures use most names the count; the agency's later value follows its words.
  CHECK(measured[0].measure == "homes");
  CHECK(measured[1].measure == "homes");
  CHECK(measured[2].measure == "homes");
  // Another speaker's same count is the same count: outlets quote different sources for it.
  CHECK(measured[3].measure == "homes");
  // The same value with another qualifier is another count ("at least 320" is not "about 320").
  figures[3].qualifier = "at_least";
  CHECK(with_ledger_measures(figures, built_in_measures(), LedgerGrouping::rules)[3].measure ==
        "structures");
  figures[3].qualifier = "approximate";
  // Another value, a vague or a small one, a part or a generic noun joins nothing.
  figures[1].value = 321;
  CHECK(with_ledger_measures(figures, built_in_measures(), LedgerGrouping::rules)[0].measure ==
        "buildings");
  figures[1].value = 320;
  figures[0].qualifier = figures[1].qualifier = "vague";
  CHECK(with_ledger_measures(figures, built_in_measures(), LedgerGrouping::rules)[0].measure ==
        "buildings");
  std::vector<Figure> people = {
      said("the operator", "people", 214, "214", "The operator said 214 people were on the ferry."),
      said("the operator", "passengers", 214, "214",
           "The operator said the ferry carried 214 passengers.")};
  measured = with_ledger_measures(people, built_in_measures(), LedgerGrouping::rules);
  CHECK(measured[0].measure == "people");
  CHECK(measured[1].measure == "passengers");
}

TEST_CASE("the built-in lexicon counts outbreaks, transport and strikes, not only casualties") {
  CHECK(measure("patients", "Fourteen", "Fourteen patients were hospitalised with measles.") == "patients hospitalised");
  CHECK(measure("people", "31", "31 people were injured in the blast.") == "wounded");
  CHECK(measure("cases", "12", "The authority said 12 suspected cases were awaiting results.") == "cases suspected");
  CHECK(measure("cases", "38", "There are now 38 confirmed cases.") == "cases");
  CHECK(measure("cancellations", "around 470", "The agency counted around 470 cancellations.") == "cancelled");
  CHECK(measure("flights", "More than 130", "More than 130 flights were delayed.") == "flights delayed");
  CHECK(measure("", "112", "The agency said 112 had stopped work.") == "on strike");
  // Who was on a ship, a plane or a bus is a count of its own, not the people rescued or missing.
  CHECK(measure("people", "214", "The operator said its manifest listed 214 people on board.") ==
        "on board");
  CHECK(measure("passengers", "about 250",
                "The coast guard said about 250 passengers were aboard.") == "passengers on board");
  CHECK(measure("patients", "Nine", "Nine patients have been admitted to the city hospital.") ==
        "patients hospitalised");
  // Treated: in hospital; treated for injuries: injured.
  CHECK(measure("people", "40",
                "The hospital said 40 people were being treated, five of them children.") ==
        "hospitalised");
  CHECK(measure("people", "40", "Doctors said 40 people were treated for injuries overnight.") ==
        "wounded");
  CHECK(measure("passengers", "14", "The airline said 14 passengers had not been found.") ==
        "passengers missing");
}

TEST_CASE("nouns of one kind count one thing, and jobs lost are an event") {
  CHECK(measure("workers", "about 1,650",
                "Galvorn said about 1,650 workers would lose their jobs.") == "staff cut");
  CHECK(measure("jobs", "about 1,650",
                "The plant will close, cutting about 1,650 jobs, the company said.") ==
        "staff cut");
  CHECK(measure("employees", "480", "The board said 480 employees would be made redundant.") ==
        "staff cut");
  CHECK(measure("staff", "about 2,300", "The company employs about 2,300 staff at the mine.") ==
        "staff employed");
  CHECK(measure("jobs", "Up to 900", "Up to 900 jobs at suppliers could be at risk.") ==
        "staff at risk");
  // Without an event too: their sizes tell such counts apart (size_bands_test.cc).
  CHECK(measure("workers", "about 300", "About 300 workers will move to the Saarvik plant.") ==
        "staff");
  CHECK(measure("families", "About 5,000", "About 5,000 families lost their harvest.") ==
        "households");
  CHECK(measure("members", "Nearly 500", "Nearly 500 members are losing their jobs.") ==
        "staff cut");
  CHECK(measure("members", "Some 1,200", "Some 1,200 members joined the walkout on Monday.") ==
        "staff on strike");
  CHECK(measure("dwellings", "About 60", "About 60 dwellings burned down overnight.") ==
        "homes destroyed");
  CHECK(measure("travellers", "about 90",
                "Officials said about 90 travellers were on board the bus.") ==
        "passengers on board");
  // A trade is a kind of its own.
  CHECK(measure("nurses", "2,000", "2,000 nurses walked out on Wednesday.") == "nurses on strike");
}

TEST_CASE("'ones' counts the noun it stands for") {
  const std::string cases = "The office had recorded 954 suspected cases and 121 confirmed ones.";
  CHECK(measure("ones", "121", cases) == "cases");
  CHECK(measure("cases", "954", cases) == "cases suspected");
}

TEST_CASE("a number that replaces or disputes the one before has that number's measure") {
  const std::string instead = "The board said 480 employees would lose their jobs rather than 620.";
  CHECK(measure("", "620", instead) == "staff cut");
  const std::string disputed =
      "The union says about 900 positions will go, not the 620 the board announced.";
  CHECK(measure("", "620", disputed) == "staff cut");
  const std::string put =
      "Police said about 400 travellers were on board, while the operator puts the figure at 338.";
  CHECK(measure("", "338", put) == "passengers on board");
  // The count as the subject: the other source's value of it.
  const std::string stood =
      "The government said more than 4,000 residents had been evacuated, while the fire service's "
      "own count stood at about 3,500.";
  CHECK(measure("", "about 3,500", stood) == measure("residents", "more than 4,000", stood));
  // A toll names its own event: not the measure of the children it includes.
  CHECK(measure("", "27", "Police said 12 people were hurt, and the toll stood at 27.") ==
        "killed");
}

TEST_CASE("an amount is what its term names, in any unit, and never takes a count's event") {
  CHECK(measure("euros", "86 million",
                "The board's budget shortfall stands at 86 million euros.") == "shortfall");
  CHECK(measure("percent", "61.4 percent", "Turnout was 61.4 percent, the commission said.") ==
        "turnout");
  // One sum in two units, the second restating the first: one ransom.
  const std::string ransom =
      "The group demanded a ransom of 60 bitcoin, worth about 3.6 million euros.";
  CHECK(measure("bitcoin", "60", ransom) == "ransom");
  CHECK(measure("euros", "about 3.6 million", ransom) == "ransom");
  // A sum no term names, restated: each stays its own unit's.
  const std::string paid = "The insurer paid 60 bitcoin, or about 3.6 million euros.";
  CHECK(measure("euros", "about 3.6 million", paid) == "euros");
  // The floods killed people; the money is their cost, and the people take no amount's term.
  const std::string floods = "The floods killed 12 people and cost the region 40 million euros.";
  CHECK(measure("people", "12", floods) == "killed");
  CHECK(measure("euros", "40 million", floods) == "cost");
  CHECK(measure("workers", "300", "300 workers will share the compensation.") == "staff");
  // An amount no term names is its unit.
  CHECK(measure("euros", "5 million", "The city gave 5 million euros.") == "euros");
}

TEST_CASE("a part that its noun does not tell from its whole is named as a part") {
  CHECK(measure("jobs", "about 520", "The cuts include about 520 jobs at the smelter.") ==
        "staff cut (part)");
  // A part with a noun of its own is that noun's count of the whole's event.
  CHECK(measure("midwives", "120", "The board will cut 620 posts, including 120 midwives.") ==
        "midwives cut");
}

TEST_CASE("a bare amount is what the selection names the same value in the same unit") {
  using tracker::report::with_ledger_measures;
  auto amount = [](double value, std::string text, std::string claim) {
    Figure f = figure("euros", std::move(text), std::move(claim));
    f.value = value;
    return f;
  };
  std::vector<Figure> figures = {
      amount(15000, "15,000", "The company would pay 15,000 euros to each family."),
      amount(25000, "25,000",
             "The company raised its offer of compensation to 25,000 euros, from 15,000 euros."),
      amount(15000, "15,000",
             "The company raised its offer of compensation to 25,000 euros, from 15,000 euros."),
      amount(240000000, "240 million", "It will book 240 million euros for the closure.")};
  const std::vector<Figure> measured =
      with_ledger_measures(figures, built_in_measures(), LedgerGrouping::rules);
  REQUIRE(measured.size() == 4);
  CHECK(measured[0].measure == "compensation");
  CHECK(measured[1].measure == "compensation");
  CHECK(measured[2].measure == "compensation");
  CHECK(measured[3].measure == "euros");  // another sum in euros is not the one named
}

TEST_CASE("an amount no term names is what its phrase calls it") {
  // None of these nouns is a term of the built-in lexicon: the phrase alone names the sum.
  CHECK(measure("euros", "180 million", "Dalbeck promised a rescue scheme of 180 million euros.") ==
        "scheme");
  CHECK(measure("euros", "€86 million", "Vardy said the €86 million overrun left no room.") ==
        "overrun");
  CHECK(measure("euros", "€12 million", "The council’s €12 million overrun came to light.") ==
        "overrun");
  CHECK(measure("percent", "3.5 percent", "The board raised its wage offer to 3.5 percent.") ==
        "offer");
  CHECK(measure("euros", "250 million",
                "The state increased its rescue scheme for the district to 250 million euros.") ==
        "scheme");
  CHECK(measure("euros", "97 million",
                "This year's overrun for the region stands at 97 million "
                "euros.") == "overrun");
  CHECK(measure("percent", "60.9 percent", "Participation was revised down to 60.9 percent.") ==
        "participation");
  // No such phrase, or one that names only a sum or someone's reckoning of it: the unit.
  CHECK(measure("euros", "5 million", "The city gave 5 million euros.") == "euros");
  CHECK(measure("euros", "8 million", "The works came to a total of 8 million euros.") == "euros");
  CHECK(measure("euros", "45 million",
                "Analysts put it against the federation's estimate of "
                "45 million euros.") == "euros");
  // "to" after a verb that neither sets nor moves a value.
  CHECK(measure("euros", "60,000",
                "The firm raised the sum it will pay each bereaved family to 60,000 euros.") ==
        "euros");
  // A payer's name is no name of the sum; nor is a clause the comma ends.
  CHECK(measure("euros", "2 million", "The offer came from Galvorn of 2 million euros.") ==
        "euros");
  // A count never takes a phrase's name: its noun is what it counts.
  CHECK(measure("cows", "300", "The farm raised its herd of 300 cows.") == "cows");
}

TEST_CASE("a phrase's name yields to a term the selection gives the same sum") {
  using tracker::report::with_ledger_measures;
  auto amount = [](double value, std::string text, std::string claim) {
    Figure f = figure("euros", std::move(text), std::move(claim));
    f.value = value;
    return f;
  };
  std::vector<Figure> figures = {
      amount(60000, "60,000", "The operator raised its offer to 60,000 euros for each family."),
      amount(60000, "60,000", "The operator raised its compensation to 60,000 euros."),
      amount(90000, "90,000", "The operator raised its offer to 90,000 euros."),
      amount(90000, "90,000", "Families were told they would get 90,000 euros.")};
  const std::vector<Figure> measured =
      with_ledger_measures(figures, built_in_measures(), LedgerGrouping::rules);
  REQUIRE(measured.size() == 4);
  CHECK(measured[0].measure == "compensation");  // the lexicon's term for the same sum
  CHECK(measured[1].measure == "compensation");
  CHECK(measured[2].measure == "offer");  // no term for 90,000 euros: the phrase's name stays
  CHECK(measured[3].measure == "offer");  // and a bare sum of the same value takes it
}

TEST_CASE("a count without an event takes the one event its speaker gives the same count") {
  using tracker::report::with_ledger_measures;
  auto count = [](std::string attribution, double value, std::string claim) {
    Figure f =
        figure("members", "more than " + std::to_string(static_cast<int>(value)), std::move(claim));
    f.attribution = std::move(attribution);
    f.value = value;
    f.qualifier = "more_than";
    return f;
  };
  std::vector<Figure> figures = {
      count("the union", 9000, "The union said more than 9000 members had joined the strike."),
      count("the union", 9000, "The union said more than 9000 members stayed at home on Monday."),
      count("the company", 9000,
            "The company said more than 9000 members stayed at home on Monday."),
      count("the union", 8000, "The union said more than 8000 members stayed at home on Tuesday.")};
  const std::vector<Figure> measured =
      with_ledger_measures(figures, built_in_measures(), LedgerGrouping::rules);
  REQUIRE(measured.size() == 4);
  CHECK(measured[0].measure == "staff on strike");
  CHECK(measured[1].measure == "staff on strike");
  // Another speaker's count is not the union's, nor is another value: without an event they
  // count the kind alone.
  CHECK(measured[2].measure == "staff");
  CHECK(measured[3].measure == "staff");
}

TEST_CASE("spans of time are no measure, nor a figure with neither noun nor event") {
  CHECK_FALSE(measure("months", "nearly six", "The war has gone on for nearly six months.").has_value());
  CHECK_FALSE(measure("year", "three", "It is the third war in three year.").has_value());
  CHECK_FALSE(measure("", "7", "Gate 7 opened.").has_value());
  CHECK_FALSE(
      measure("kilometres", "about 20", "The crash was about 20 kilometres away.").has_value());
}

TEST_CASE("a measure lexicon that does not read is refused with where and why") {
  const auto twice = tracker::config::parse_measures(
      "[events]\nkilled = [\"dead\"]\nwounded = [\"hurt\", \"dead\"]\n", "m.toml");
  REQUIRE_FALSE(twice.has_value());
  CHECK(twice.error().find("term 'dead' is under event 'killed' and event 'wounded'") != std::string::npos);
  const auto typo = tracker::config::parse_measures("ignores = [\"days\"]\n[events]\nkilled = [\"dead\"]\n", "m.toml");
  REQUIRE_FALSE(typo.has_value());
  CHECK(typo.error() == "m.toml:1:1: unknown key 'ignores' (did you mean 'ignore'?)");
  const auto none = tracker::config::parse_measures("ignore = [\"days\"]\n", "m.toml");
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().starts_with("m.toml: no [events] table"));
  const auto newer = tracker::config::parse_measures("version = 2\n[events]\nkilled = [\"dead\"]\n", "m.toml");
  REQUIRE_FALSE(newer.has_value());
  CHECK(newer.error().find("unsupported measures file version") != std::string::npos);
  const auto two_kinds = tracker::config::parse_measures(
      "[nouns]\nstaff = [\"workers\"]\ncrew = [\"sailors\", \"workers\"]\n[events]\nkilled = "
      "[\"dead\"]\n",
      "m.toml");
  REQUIRE_FALSE(two_kinds.has_value());
  CHECK(two_kinds.error().find("noun 'workers' is under kind") != std::string::npos);
  const auto flat = tracker::config::parse_measures(
      "amounts = [\"aid\"]\n[events]\nkilled = [\"dead\"]\n", "m.toml");
  REQUIRE_FALSE(flat.has_value());
  CHECK(flat.error().find("'amounts' must be a table of arrays of terms") != std::string::npos);
  const auto empty_term = tracker::config::parse_measures("[events]\nkilled = [\"\"]\n", "m.toml");
  REQUIRE_FALSE(empty_term.has_value());
  CHECK(empty_term.error().find("event 'killed' must hold non-empty strings") != std::string::npos);
}

TEST_CASE("the two or the three of something already named is no figure, a count of them is") {
  const std::string truce = "The two countries signed a truce in 2019.";
  CHECK(measure("countries", "two", truce) == std::nullopt);
  CHECK(measure("men", "three", "Police said the three men were arrested at the border.") ==
        std::nullopt);
  // The count itself, and a larger number after "the", stay figures.
  CHECK(measure("men", "three", "Police arrested three men at the border.") == "men arrested");
  CHECK(measure("people", "19", "Seven of the 19 people arrested at the rally were charged.") ==
        "arrested");
  // Not "the" as the end of another word.
  CHECK(measure("men", "two", "Police soothe two men at the border.") == "men");
}
