#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/shipped_extractor.h"
#include "tracker/claims/claim_extractor.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/text/language.h"

using tracker::text::detect_language;

namespace {

tracker::claims::ClaimExtractor& extractor() { return tracker::test::shipped_extractor(); }

}  // namespace

TEST_CASE("the language of news text is told by its commonest words") {
  CHECK(detect_language("Russian forces said on Monday that they had retaken two villages in the "
                        "Kursk region, a claim that Kyiv denied.")
            .code == "en");
  CHECK(detect_language("Nach Angaben des Verteidigungsministeriums wurden bei dem Angriff auf die "
                        "Stadt mindestens zwölf Menschen getötet, sagte ein Sprecher am Montag.")
            .code == "de");
  CHECK(detect_language("Selon le ministère de la Défense, au moins douze personnes ont été tuées "
                        "dans l'attaque contre la ville, a déclaré un porte-parole lundi.")
            .code == "fr");
  CHECK(detect_language("Según el Ministerio de Defensa, al menos doce personas murieron en el "
                        "ataque contra la ciudad, dijo un portavoz el lunes.")
            .code == "es");
  CHECK(detect_language("Segundo o Ministério da Defesa, pelo menos doze pessoas morreram no ataque "
                        "à cidade, disse um porta-voz na segunda-feira.")
            .code == "pt");
  CHECK(detect_language("Secondo il ministero della Difesa, almeno dodici persone sono state uccise "
                        "nell'attacco alla città, ha detto un portavoce lunedì.")
            .code == "it");
  CHECK(detect_language("Volgens het ministerie van Defensie zijn bij de aanval op de stad zeker "
                        "twaalf mensen om het leven gekomen, zei een woordvoerder maandag.")
            .code == "nl");
}

TEST_CASE("text in another script is named by its script") {
  CHECK(detect_language("По данным министерства обороны, погибли не менее двенадцати человек.").code ==
        "und-Cyrl");
  CHECK(detect_language("据国防部称，袭击中至少有十二人死亡。").code == "und-Hani");
  CHECK(detect_language("国防省によると、攻撃で少なくとも12人が死亡した。").code == "ja");
  CHECK(detect_language("وقالت وزارة الدفاع إن اثني عشر شخصا على الأقل قتلوا").code == "und-Arab");
}

TEST_CASE("short, mixed or name-heavy English text stays English") {
  CHECK(detect_language("").english());
  CHECK(detect_language("Two killed.").english());
  CHECK(detect_language("12,000 troops").english());
  // Foreign names and a quoted phrase do not outweigh the English around them.
  CHECK(detect_language("Jaap de Hoop Scheffer met Luiz Inácio Lula da Silva and José de la Cruz in "
                        "Rio de Janeiro, where the talks were held.")
            .english());
  CHECK(detect_language("The crowd chanted \"Wir sind das Volk\" as the police watched from the "
                        "square, and the mayor said that the march was peaceful.")
            .english());
  // A Russian name in an English sentence.
  CHECK(detect_language("The spokesman, Дмитрий Песков, said that the talks were over and that "
                        "the delegation had left for Moscow.")
            .english());
}

TEST_CASE("claims in a language without rules keep their numbers and nothing else") {
  const std::vector<tracker::claims::Claim> claims = extractor().extract(
      {"Nach Angaben des Verteidigungsministeriums wurden bei dem Angriff mindestens 12 Menschen "
       "getötet, sagte ein Sprecher. Die Armee hat die Stadt nicht eingenommen."});
  REQUIRE(claims.size() == 2);
  for (const auto& claim : claims) {
    CHECK(claim.language == "de");
    CHECK(claim.topics.empty());
    CHECK(claim.attribution.empty());
    CHECK(claim.certainty == tracker::claims::Certainty::asserted);
    CHECK(claim.times.empty());
  }
  REQUIRE(claims[0].numbers.size() == 1);
  CHECK(claims[0].numbers[0].value == 12);
  // German writes "12.000" for twelve thousand and "2,5" for two and a half.
  const auto figures = extractor().extract(
      {"Nach Angaben der Behörden wurden 12.000 Menschen evakuiert und 2,5 Millionen Euro für die "
       "Opfer bereitgestellt."});
  REQUIRE(figures.size() == 1);
  REQUIRE(figures[0].numbers.size() == 2);
  CHECK(figures[0].numbers[0].value == 12000);
  CHECK(figures[0].numbers[0].text == "12.000");
  CHECK(figures[0].numbers[1].value == 2.5);  // the decimal comma; "Millionen" is no English scale word
  // English claims say nothing of their language.
  const auto english = extractor().extract({"Two soldiers were killed, the ministry said."});
  REQUIRE(english.size() == 1);
  CHECK(english[0].language.empty());
  CHECK(english[0].attribution == "the ministry");
}

TEST_CASE("in text that was not analysed, only figures matter, and the diff says so") {
  using tracker::diff::ChangeKind;
  using tracker::diff::Significance;
  const auto old_claims = extractor().extract(
      {"Bei dem Angriff wurden mindestens 12 Menschen getötet, sagte ein Sprecher des Ministeriums.",
       "Die Stadt liegt nahe der Grenze und ist seit Wochen umkämpft."});
  const auto new_claims = extractor().extract(
      {"Bei dem Angriff wurden mindestens 15 Menschen getötet, sagte ein Sprecher des Ministeriums.",
       "Die Stadt liegt direkt an der Grenze und ist seit Wochen heftig umkämpft."});
  const tracker::diff::ClaimDiff diff = tracker::diff::diff_claims(old_claims, new_claims);
  CHECK(diff.languages_not_analysed == std::vector<std::string>{"de"});
  REQUIRE(diff.changes.size() == 2);
  CHECK(diff.changes[0].kind == ChangeKind::modified);
  CHECK(diff.changes[0].significance == Significance::medium);  // 12 -> 15
  CHECK(diff.changes[1].significance == Significance::low);     // words only: not read
  for (const auto& change : diff.changes) {
    CHECK(change.topics.empty());
  }
  const auto english_old = extractor().extract({"Twelve people were killed."});
  const auto english_new = extractor().extract({"Fifteen people were killed."});
  CHECK(tracker::diff::diff_claims(english_old, english_new).languages_not_analysed.empty());
}

TEST_CASE("English negations and opposites are not read in text that was not analysed") {
  // Spanish "no" is a negation in English too, and "more" ... "less" could stand in a quote:
  // neither is a certainty move or a reversal in text whose rules do not exist here.
  const auto old_claims = extractor().extract(
      {"El gobierno dijo que los precios no subieron en mayo, según el instituto nacional de "
       "estadística."});
  const auto new_claims = extractor().extract(
      {"El gobierno dijo que los precios sí subieron en mayo, según el instituto nacional de "
       "estadística del país."});
  const tracker::diff::ClaimDiff diff = tracker::diff::diff_claims(old_claims, new_claims);
  CHECK(diff.languages_not_analysed == std::vector<std::string>{"es"});
  REQUIRE(diff.changes.size() == 1);
  CHECK(diff.changes[0].aspects == std::vector<tracker::diff::Aspect>{tracker::diff::Aspect::wording});
  CHECK_FALSE(diff.changes[0].evidence.negation);
}
