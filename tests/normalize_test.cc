#include "tracker/text/normalize.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "tracker/text/utf8.h"

using namespace tracker::text;

TEST_CASE("curly quotes, primes and guillemets fold to ASCII quotes") {
  CHECK(normalize_text("had been \u201Cwithdrawn\u201D after") == "had been \"withdrawn\" after");
  CHECK(normalize_text("Russia\u2019s army") == "Russia's army");
  CHECK(normalize_text("\u201Eone\u201F \u201Atwo\u201B") == "\"one\" 'two'");
  CHECK(normalize_text("a 5\u2032 7\u2033 man") == "a 5' 7\" man");
  CHECK(normalize_text("\u00AB non \u00BB \u2039oui\u203A") == "\" non \" 'oui'");
}

TEST_CASE("dashes fold to a hyphen and keep their spacing") {
  CHECK(normalize_text("2022\u20132025") == "2022-2025");
  CHECK(normalize_text("the operation \u2014 the first time") == "the operation - the first time");
  CHECK(normalize_text("Kursk\u2014the first") == "Kursk-the first");
  CHECK(normalize_text("non\u2011binding, cross\u2010border") == "non-binding, cross-border");
  CHECK(normalize_text("\u22125 degrees \u2015 or \u2012") == "-5 degrees - or -");
}

TEST_CASE("no-break and other Unicode spaces become one space, trimmed") {
  CHECK(normalize_text("10\u00A0000 troops") == "10 000 troops");
  CHECK(normalize_text("\u3000a\u2009\u202F b\t\n c\u2028d  ") == "a b c d");
  CHECK(normalize_text(" \u00A0 ") == "");
  CHECK(normalize_text("") == "");
}

TEST_CASE("zero-width characters, soft hyphens, the BOM and controls disappear") {
  CHECK(normalize_text("\uFEFFZelen\u00ADsky\u200B") == "Zelensky");
  CHECK(normalize_text("a\u200Db\u2060c\u200Ed") == "abcd");
  CHECK(normalize_text("bell\x07 and\x1B escape") == "bell and escape");
}

TEST_CASE("the ellipsis character becomes three dots") {
  CHECK(normalize_text("heavy losses\u2026 and more") == "heavy losses... and more");
}

TEST_CASE("compatibility forms fold but fractions and superscripts keep their value") {
  CHECK(normalize_text("\uFB01nal \uFB02ag") == "final flag");
  CHECK(normalize_text("\uFF21\uFF22\uFF23\uFF11\uFF12\uFF13") == "ABC123");
  CHECK(normalize_text("No\u2116 1") == "NoNo 1");
  CHECK(normalize_text("2\u00BD million") == "2\u00BD million");
  CHECK(normalize_text("10 km\u00B2 and x\u2082") == "10 km\u00B2 and x\u2082");
  CHECK(normalize_text("\uFF11\u00BD\uFF12") == "1\u00BD2");
}

TEST_CASE("decomposed letters are composed (NFC)") {
  CHECK(normalize_text("cafe\u0301") == "caf\u00E9");
  CHECK(normalize_text("Erdog\u0306an") == "Erdo\u011Fan");
  CHECK(normalize_text("caf\u00E9 \u0141ukasz") == "caf\u00E9 \u0141ukasz");
}

TEST_CASE("invalid UTF-8 gives valid output") {
  const std::string normalized = normalize_text("caf\xE9 \xFF\xC3 ok \xE2\x80");
  CHECK(is_valid_utf8(normalized));
  CHECK(normalized == "caf\uFFFD \uFFFD\uFFFD ok \uFFFD\uFFFD");
  CHECK(is_valid_utf8(comparison_key("caf\xE9 \xFF")));
}

TEST_CASE("normalizing twice changes nothing, and the fast path agrees with NFKC") {
  constexpr std::string_view k_samples[] = {
      "\u201CSince mid\u2011January,\u201D it\u00A0appears\u2026",
      "  Zelen\u00ADsky \u2014 Kyiv\u2019s \u00ABlead\u00BB ",
      "2\u00BD \u2212 1 = 1\u00BD, caf\u00E9",
      "plain ASCII, with \t tabs\n",
      "\u00B4quoted\u00B4 \u02BCapostrophe",
  };
  for (const std::string_view sample : k_samples) {
    CAPTURE(sample);
    const std::string once = normalize_text(sample);
    CHECK(normalize_text(once) == once);
    // A Cyrillic letter sends the whole text through utf8proc's NFKC: same result.
    CHECK(normalize_text(std::string(sample) + " \u0416") == once + " \u0416");
  }
}

TEST_CASE("trivially different sentences share a comparison key") {
  CHECK(comparison_key("Troops, it said.") == "troops it said");
  CHECK(comparison_key("troops it said") == "troops it said");
  CHECK(comparison_key(normalize_text("had been \u201Cwithdrawn\u201D.")) ==
        comparison_key("had been withdrawn"));
  CHECK(comparison_key("Russia's army") == comparison_key("Russias army"));
  CHECK(comparison_key("since mid-January") == comparison_key("since mid January"));
  CHECK(comparison_key("  Since   MID-JANUARY ...  ") == "since mid january");
}

TEST_CASE("comparison keys keep numbers, signs and symbols apart") {
  CHECK(comparison_key("more than 10,000 troops") != comparison_key("more than 11,000 troops"));
  CHECK(comparison_key("more than 10,000 troops") == "more than 10,000 troops");
  CHECK(comparison_key("$2.7 million") != comparison_key("$27 million"));
  CHECK(comparison_key("rose 3.5%") != comparison_key("rose 3.5"));
  CHECK(comparison_key("at -5 degrees") != comparison_key("at 5 degrees"));
  CHECK(comparison_key("2022-2025") == "2022 2025");
}

TEST_CASE("comparison keys fold case beyond ASCII") {
  CHECK(comparison_key("\u00C9T\u00C9") == comparison_key("\u00E9t\u00E9"));
  CHECK(comparison_key("Stra\u00DFe") == comparison_key("STRASSE"));
  CHECK(comparison_key("\u00ABKURSK\u00BB") == "kursk");
}
