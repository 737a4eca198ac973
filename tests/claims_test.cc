#include <doctest/doctest.h>

#include <algorithm>

#include "support/shipped_extractor.h"
#include "tracker/config/topics_file.h"
#include "tracker/text/normalize.h"

using namespace tracker::claims;

namespace {

Claim claim(const std::string& sentence) {
  const std::vector<Claim> claims = tracker::test::shipped_extractor().extract({sentence});
  REQUIRE(claims.size() == 1);
  return claims.front();
}

bool has_topic(const Claim& c, const std::string& topic) {
  return std::find(c.topics.begin(), c.topics.end(), topic) != c.topics.end();
}

}  // namespace

TEST_CASE("topics match on stems, so every form of a term counts") {
  CHECK(has_topic(claim("Two soldiers were killed on Monday."), "casualties"));
  CHECK(has_topic(claim("The killing of civilians continued."), "casualties"));
  CHECK(has_topic(claim("A drone kills three people."), "casualties"));
  CHECK(has_topic(claim("One casualty was reported."), "casualties"));
  CHECK(has_topic(claim("Moscow is withdrawing some units."), "deployment"));
  CHECK(claim("The weather was mild.").topics.empty());
}

TEST_CASE("multi-word terms match only as a phrase") {
  CHECK(has_topic(claim("Troops reached the front line."), "combat"));
  const Claim split = claim("The front of the building had a line of people.");
  CHECK_FALSE(has_topic(split, "combat"));
}

TEST_CASE("a user lexicon adds topics without a rebuild") {
  auto lexicon = tracker::config::parse_topics(
      "[topics.sanctions]\nterms = [\"sanctions\", \"export ban\"]\n", "user.toml");
  REQUIRE(lexicon);
  ClaimExtractor extractor(*lexicon);
  const auto claims = extractor.extract({"The EU sanctioned two banks. An export ban follows."});
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].topics == std::vector<std::string>{"sanctions"});
  CHECK(claims[1].topics == std::vector<std::string>{"sanctions"});
}

TEST_CASE("attribution is read from 'X said', 'said X', 'according to X' and 'X told'") {
  CHECK(claim("Ukraine's military said Friday it believed the soldiers had been withdrawn.").attribution ==
        "Ukraine's military");
  CHECK(claim("\u201cWe are ready,\u201d said Defence Minister Jane Roe.").attribution ==
        "Defence Minister Jane Roe");
  CHECK(claim("About 300 were killed, according to South Korea's spy agency.").attribution ==
        "South Korea's spy agency");
  CHECK(claim("Troops have not fought since January, South Korea's spy agency told AFP Tuesday.")
            .attribution == "South Korea's spy agency");
  CHECK(claim("Seoul has previously said that North Korea is preparing more troops.").attribution ==
        "Seoul");
  CHECK(claim("South Korea's Joint Chiefs of Staff said in December that troops are ready.")
            .attribution == "South Korea's Joint Chiefs of Staff");
  CHECK(claim("The bridge reopened on Monday.").attribution.empty());
}

TEST_CASE("attribution: a reporting verb inside a quotation is the quoted speaker's, not the sentence's") {
  // "Seoul says" is part of what the spokesman said; the sentence is the spokesman's.
  CHECK(claim("\"The losses are much higher than Seoul says, because bodies were burned,\" a spokesman for "
              "the agency told Kyiv Wire.")
            .attribution == "a spokesman for the agency");
  CHECK(claim("\u201cOfficials said nothing to us,\u201d the mayor told reporters.").attribution == "the mayor");
  // Outside first: a speaker before the quotation still wins.
  CHECK(claim("The report says \"officials told nobody\".").attribution == "The report");
  // No speaker outside the quotations: the one inside is all there is.
  CHECK(claim("\"Seoul says the losses are lower.\"").attribution == "Seoul");
  // An unclosed quotation marks nothing: where it ends is not known.
  CHECK(claim("\"Kyiv says 40 soldiers died, the agency reported.").attribution == "Kyiv");
}

TEST_CASE("attribution finds speakers behind appositions, long noun phrases and progressives") {
  // A name, then an apposition, then the verb; and a description, then the name as apposition.
  CHECK(claim("Anna Berg, the regional governor's spokeswoman, said that power was back.").attribution ==
        "Anna Berg");
  CHECK(claim("The regional grid operator, Nordnet, has estimated that 9,000 homes are dark.").attribution ==
        "Nordnet");
  // A subject of twelve words or less before its verb.
  CHECK(claim("The head of the European Union's mission in the capital said the talks had failed.")
            .attribution == "The head of the European Union's mission in the capital");
  // "are saying" is the subject's own verb; "still" and "recently" are not part of the name.
  CHECK(claim("Firefighters are still saying that the blaze is contained.").attribution == "Firefighters");
  CHECK(claim("The union recently demanded that wages rise.").attribution == "The union");
  CHECK(claim("The mayor did not say how many had died.").attribution == "The mayor");
  // Quantifiers and demonstratives open speakers; a sentence-initial "Reports" is a noun.
  CHECK(claim("Those close to the talks have claimed the deal is off.").attribution ==
        "Those close to the talks");
  CHECK(claim("Some argue that the ban came too late.").attribution == "Some");
  CHECK(claim("Reports from the border say the crossing reopened.").attribution == "Reports from the border");
  CHECK(claim("Prosecutors allege that the money was moved abroad.").attribution == "Prosecutors");
  CHECK(claim("The crossing reopened, according to some reports.").attribution == "some reports");
  // "said TITLE, NAME" at the end of the sentence names NAME.
  CHECK(claim("\u201cWe will rebuild,\u201d said the mayor of the town, Lena Ortiz.").attribution ==
        "Lena Ortiz");
  // A participle followed by "to" describes; no one is reporting.
  CHECK(claim("After speaking to a crowd estimated to number 5,000, she left.").attribution.empty());
  CHECK(claim("The ship is believed to have sunk.").attribution.empty());
}

TEST_CASE("attribution steps over parentheses, passives with 'by', coordinated verbs and noun plurals") {
  // An abbreviation or a parenthesis is not the speaker, before the verb or before its comma.
  CHECK(claim("The Central Election Commission (CEC) has said turnout was 61 percent.").attribution ==
        "The Central Election Commission");
  CHECK(claim("The Inspector General of Police (Operations) Jane Doe said the road was closed.")
            .attribution == "The Inspector General of Police (Operations) Jane Doe");
  CHECK(claim("The state grid operator, Nordic Power (NP), has announced new cuts.").attribution ==
        "Nordic Power");
  // "..., has announced its plans" is not the inverted "..., said X": no speaker after the verb.
  CHECK(claim("Weeks later, has announced its plans to appeal.").attribution.empty());
  // A passive names its speaker after "by".
  CHECK(claim("The figure was confirmed by the regional health ministry.").attribution ==
        "the regional health ministry");
  // "and said": the speaker is the sentence's subject, a title before a name included.
  CHECK(claim("Road crews worked through the night and said the road would reopen.").attribution ==
        "Road crews");
  CHECK(claim("Union leader Maria Lopez resigned on Friday and announced that talks were over.")
            .attribution == "Union leader Maria Lopez");
  // A long clause joined by "and" to the speaker's own is not part of the speaker.
  CHECK(claim("Water levels rose all through the night across the valley and rescue teams later said "
              "two people were missing.")
            .attribution == "rescue teams");
  // "According to X" ends where the next noun phrase or verb starts.
  CHECK(claim("According to local officials the bridge reopened on Monday.").attribution == "local officials");
  CHECK(claim("The bridge reopened, according to a council spokesman and had been closed for weeks.")
            .attribution == "a council spokesman");
  // After a past-tense verb or a preposition, "claims" and "reports" are nouns; "allegedly" is no speaker.
  CHECK(claim("Police dismissed claims that the fire was set, saying the cause was electrical.").attribution ==
        "Police");
  CHECK(claim("Amid reports that the dam had failed, villagers fled.").attribution.empty());
  // A place dateline opens the report; the subject after it is the speaker of "saying".
  CHECK(claim("TORVANE: The minister ordered an inquiry on Monday, saying 126 inmates had escaped.")
            .attribution == "The minister");
  CHECK(
      claim("PORT SELVA: Police issued a statement, saying 12 people were arrested.").attribution ==
      "Police");
  // So are they before "of", "regarding", "made" or a verb of their own.
  CHECK(claim("Paranormal claims regarding plants are considered pseudoscience.").attribution.empty());
  CHECK(claim("Early reports of shelling near the port were not confirmed.").attribution.empty());
  CHECK(claim("Police estimates were revised to 4,000, the organisers said.").attribution ==
        "the organisers");
  // The verb stays a verb before its clause or its object.
  CHECK(claim("The ministry states that 40 schools will close.").attribution == "The ministry");
  CHECK(claim("The agency reports 12 new cases.").attribution == "The agency");
  CHECK(claim("Several officers at the base, allegedly accused the guards of theft.").attribution.empty());
}

TEST_CASE("attribution: an estimate put at a figure reports, and a participle before a noun does not") {
  CHECK(claim("The provincial agency, which is coordinating the relief effort, put the toll at 14 dead.")
            .attribution == "The provincial agency");
  CHECK(claim("In all, the ministry now puts the losses at about 3,600.").attribution == "the ministry");
  CHECK(claim("The provincial agency, which is coordinating the relief effort, said 14 people died.")
            .attribution == "The provincial agency");
  CHECK(claim("Premier Jonah Dalbeck, whose party faces voters in October, promised a package of 180 million euros.")
            .attribution == "Premier Jonah Dalbeck");
  // A clause before the relative clause is no subject: the speaker comes after the verb.
  CHECK(claim("Troops entered the town, which had been shelled for weeks, said the mayor.").attribution ==
        "the mayor");
  CHECK(claim("The crew put the boxes at the back of the truck.").attribution.empty());
  CHECK(claim("Police raised the number of people arrested at the rally to 43 on Monday.").attribution ==
        "Police");
  CHECK(claim("Prices increased to 5 percent in May.").attribution.empty());  // nothing estimated
  // A thousands separator inside an apposition is no clause boundary.
  CHECK(claim("The union, which puts the losses at about 2,400 including contract staff, said the count was wrong.")
            .attribution == "The union");
  // "confirmed" describes the cases; the speaker is the one who said so.
  CHECK(claim("The outbreak has grown to 63 confirmed cases, the health authority said on Thursday.")
            .attribution == "the health authority");
  CHECK(claim("The number of reported deaths rose to 12, the ministry said.").attribution == "the ministry");
  // "declared" joined to a passive's participle describes the homes; two verbs joined report.
  CHECK(claim("Some 9,000 people whose homes were destroyed or declared unsafe slept in tents, "
              "Morvant said.")
            .attribution == "Morvant");
  CHECK(claim("The agency counted and reported 12 deaths on Sunday.").attribution == "The agency");
  // "confirmed dead" says in what state people were found; the coast guard reports.
  CHECK(
      claim("The number of people confirmed dead has risen to 26, the coast guard said on Monday.")
          .attribution == "the coast guard");
  // "added to" adds to something; the operator reports.
  CHECK(claim("A power cut at the control centre added to the disruption, the airport operator said.")
            .attribution == "the airport operator");
}

TEST_CASE("a pronoun after a quotation takes the previous speaker") {
  ClaimExtractor& extractor = tracker::test::shipped_extractor();
  const auto claims = extractor.extract(
      {"\u201cThe troops appear to have left,\u201d South Korea's National Intelligence Service said.",
       "\u201cOne reason may be many casualties,\u201d it added in a statement."});
  REQUIRE(claims.size() == 2);
  CHECK(claims[1].attribution == "South Korea's National Intelligence Service");
}

TEST_CASE("a quotation's next sentence is the speaker's also when the speaker is a pronoun") {
  ClaimExtractor& extractor = tracker::test::shipped_extractor();
  const auto claims = extractor.extract(
      {"\u201cWe have no choice,\u201d she wrote to residents. \u201cThe bridge is unsafe and will "
       "close.\u201d",
       "She said: \u201cWe tried. It did not work.\u201d The council met on Friday.",
       "\u201cWe tried,\u201d he said. \u201cIt did not work,\u201d she said."});
  REQUIRE(claims.size() == 7);
  CHECK(claims[1].attribution == "she");
  CHECK(claims[3].attribution == "She");
  CHECK(claims[4].attribution.empty());   // the quotation closed: the narrator again
  CHECK(claims[6].attribution == "she");  // a speaker of its own is kept
}

TEST_CASE(
    "attribution: a subject before a descriptive clause, and 'estimate that' / 'report that'") {
  // The sentence opens with its subject; what stands between it and the verb names no one.
  CHECK(claim("The report, published on Monday, warned that prices would rise.").attribution ==
        "The report");
  // A name on either side of the commas is still the speaker, as the reviewed set has it.
  CHECK(claim("The local power company, AmerenUE, estimated that 418,195 homes had no power.")
            .attribution == "AmerenUE");
  CHECK(claim("Don Mackinnon, chair of the board, said the club would survive.").attribution ==
        "Don Mackinnon");
  // Present-tense "estimate" and "report" report a claim before "that"; after a determiner they
  // are nouns.
  CHECK(claim("Officials estimate that 3,000 homes were destroyed.").attribution == "Officials");
  CHECK(claim("Local media report that the bridge collapsed.").attribution == "Local media");
  CHECK(claim("The estimate that 3,000 homes were lost was revised.").attribution.empty());
}

TEST_CASE("attribution: a speaker, a colon and a quotation, without a reporting verb") {
  CHECK(claim("The union: \u201cWe will strike on Monday.\u201d").attribution == "The union");
  CHECK(claim("Mayor Ann Lee: \"No bridge will close.\"").attribution == "Mayor Ann Lee");
  // A clause, a label or a list before the colon names no one; nor does a colon before no
  // quotation.
  CHECK(claim("The message was clear: \"We will fight.\"").attribution.empty());
  CHECK(claim("Update: \"We are safe,\" the school wrote.").attribution == "the school");
  CHECK(claim("Update: \"We are safe.\"").attribution.empty());
  CHECK(claim("In the letter, three things stood out: \"fear, anger and hope.\"")
            .attribution.empty());
  CHECK(claim("The union: we will strike on Monday.").attribution.empty());
}

TEST_CASE("attribution: verbs that report only before 'that', passives, commitments, repeated names") {
  // "found", "state", "complained", "welcomed" report a claim only when "that" follows.
  CHECK(claim("The audit found that the ledgers were altered.").attribution == "The audit");
  CHECK(claim("Divers found the wreck near the pier.").attribution.empty());
  CHECK(claim("Local farmers complained that the water was unsafe.").attribution == "Local farmers");
  CHECK(claim("Both unions welcomed the decision.").attribution.empty());
  // A passive without "by" names whom it was told, not who told it; "quoted as saying" names
  // the speaker.
  CHECK(claim("Residents were told the water was unsafe.").attribution.empty());
  CHECK(claim("The mayor was quoted as saying the water was safe.").attribution == "The mayor");
  // "agreed to step down" is an act; the speaker is the one who announced it.
  CHECK(claim("The mayor has agreed to step down, the council announced.").attribution == "the council");
  // "According to X" ends before "as"; an abbreviation in brackets, or brackets closing the
  // speaker, only repeat it.
  CHECK(claim("The fine was lawful, according to the ruling as drafted by the panel.").attribution ==
        "the ruling");
  CHECK(claim("Members of the council (MC) for Otago agreed that the plan was sound.").attribution ==
        "Members of the council for Otago");
  CHECK(claim("Prices rose, said Anna Berg of the Norwegian Statistics Office (SSB).").attribution ==
        "Anna Berg of the Norwegian Statistics Office");
}

TEST_CASE("attribution: less common reporting verbs, and hopes and fears before 'that'") {
  CHECK(claim("Alam contends that Persian neared the status of a first language.").attribution ==
        "Alam");
  CHECK(claim("Critics assert that the plan is unlawful.").attribution == "Critics");
  CHECK(claim("The minister lamented that few had applied.").attribution == "The minister");
  CHECK(claim("The auditor pointed out that the accounts were late.").attribution == "The auditor");
  CHECK(claim("The union fears that more jobs will go.").attribution == "The union");
  // Without "that" these say what someone feels or awaits, not what they report.
  CHECK(claim("The union fears job losses.").attribution.empty());
  CHECK(claim("The club expects a full stadium.").attribution.empty());
}

TEST_CASE("a passive hedge: 'is thought to', 'are feared dead', 'it is understood that'") {
  const Claim thought = claim("The commander is thought to have been killed.");
  CHECK(thought.certainty == Certainty::hedged);
  CHECK(thought.certainty_cues == std::vector<std::string>{"thought"});
  CHECK(claim("The unit is widely understood to have withdrawn.").certainty == Certainty::hedged);
  CHECK(claim("Al-Libi is said to have been the third in command.").certainty == Certainty::hedged);
  CHECK(claim("Three fishermen are feared dead.").certainty == Certainty::hedged);
  CHECK(claim("The commander is reported to have fled.").certainty == Certainty::hedged);
  CHECK(claim("It is understood that the talks failed.").certainty == Certainty::hedged);
  // Told to someone, or said actively: no hedge.
  CHECK(claim("The theft was reported to police on Monday.").certainty == Certainty::asserted);
  CHECK(claim("He said to reporters that the talks failed.").certainty == Certainty::asserted);
  CHECK(claim("Police reported the crash at noon.").certainty == Certainty::asserted);
}

TEST_CASE("a confirmation that a verb negates ('refused to confirm') confirms nothing") {
  CHECK(claim("The ministry refused to confirm the strike.").certainty == Certainty::hedged);
  CHECK(claim("The ministry confirmed the strike.").certainty == Certainty::confirmed);
}

TEST_CASE("hedges and denials set the certainty and name their cue words") {
  const Claim hedged = claim("North Korean soldiers appear not to have been engaged in combat.");
  CHECK(hedged.certainty == Certainty::hedged);
  CHECK(hedged.certainty_cues == std::vector<std::string>{"appear"});
  CHECK(claim("The soldiers may have been withdrawn.").certainty == Certainty::hedged);
  CHECK(claim("The unit was reportedly destroyed.").certainty == Certainty::hedged);
  CHECK(claim("Ukraine claimed they had been withdrawn.").certainty == Certainty::hedged);
  CHECK(claim("The soldiers have been withdrawn.").certainty == Certainty::asserted);
  const Claim denied = claim("Moscow denied that any troops had crossed.");
  CHECK(denied.certainty == Certainty::denied);
  CHECK(denied.certainty_cues == std::vector<std::string>{"denied"});
  CHECK(claim("It looks like rain, like yesterday.").certainty == Certainty::asserted);
  // "appeared in court" showed up; "could not" was unable: neither hedges.
  CHECK(claim("The suspect appeared in court on Monday.").certainty == Certainty::asserted);
  CHECK(claim("The suspect appears to have fled.").certainty == Certainty::hedged);
  CHECK(claim("Rescuers could not reach the village.").certainty == Certainty::asserted);
  CHECK(claim("Rescuers couldn't reach the village.").certainty == Certainty::asserted);
  CHECK(claim("The toll could rise.").certainty == Certainty::hedged);
  // "the suspect" is a person; "police suspect arson" hedges.
  CHECK(claim("Two suspects were arrested.").certainty == Certainty::asserted);
  CHECK(claim("Police suspect arson.").certainty == Certainty::hedged);
  // "the accused" on trial is a person too; "accused of" and "the accused men" hedge.
  CHECK(claim("It was argued that the accused were owed the money.").certainty == Certainty::asserted);
  CHECK(claim("The accused pleaded not guilty on Monday.").certainty == Certainty::asserted);
  CHECK(claim("Police accused the men of arson.").certainty == Certainty::hedged);
  CHECK(claim("The accused men were held overnight.").certainty == Certainty::hedged);
  // "unlike" compares; "unlikely" hedges (both stem to "unlik").
  CHECK(claim("The ferry has no fees, unlike the bridge.").certainty == Certainty::asserted);
  CHECK(claim("The ferry is unlikely to run on Sunday.").certainty == Certainty::hedged);
}

TEST_CASE("time references are kept as written") {
  CHECK(claim("They have not fought since mid-January, the agency told AFP Tuesday.").times ==
        std::vector<std::string>{"since mid-January", "Tuesday"});
  CHECK(claim("Ukraine launched an offensive in August.").times == std::vector<std::string>{"in August"});
  CHECK(claim("Ties deepened after the invasion in February 2022.").times ==
        std::vector<std::string>{"in February 2022"});
  CHECK(claim("Putin made a rare visit last year.").times == std::vector<std::string>{"last year"});
  CHECK(claim("One reason may be the losses.").times.empty());
  // An ordinal day belongs to its date.
  CHECK(claim("He resigned on May 22nd 2006 over the issue.").times == std::vector<std::string>{"on May 22nd 2006"});
}

TEST_CASE("claim text is normalised and the key ignores case, quotes and punctuation") {
  const Claim curly = claim("\u201cWithdrawn,\u201d the  ministry said.");
  const Claim plain = claim("\"withdrawn\" the ministry said");
  CHECK(curly.text == "\"Withdrawn,\" the ministry said.");
  CHECK(curly.key == plain.key);
}

TEST_CASE("the seed report gives one claim per sentence with the numbers it states") {
  ClaimExtractor& extractor = tracker::test::shipped_extractor();
  const std::string seed = tracker::test::read_file(tracker::test::source_dir() / "snapshots/kursk/v3-full.txt");
  std::vector<std::string> paragraphs;
  std::size_t start = 0;
  while (start < seed.size()) {
    std::size_t end = seed.find("\n\n", start);
    if (end == std::string::npos) {
      end = seed.size();
    }
    paragraphs.push_back(seed.substr(start, end - start));
    start = end + 2;
  }
  const auto claims = extractor.extract(paragraphs);
  CHECK(claims.size() == 19);
  const auto troops = std::find_if(claims.begin(), claims.end(), [](const Claim& c) {
    return c.text.find("10,000 troops") != std::string::npos;
  });
  REQUIRE(troops != claims.end());
  REQUIRE(troops->numbers.size() == 1);
  CHECK(troops->numbers[0].value == 10000);
  CHECK(troops->numbers[0].qualifier == tracker::text::Qualifier::at_least);
  CHECK(troops->numbers[0].noun == "troops");
  CHECK(has_topic(*troops, "deployment"));
}
