#include <doctest/doctest.h>

#include "tracker/text/utf8.h"
#include "tracker/text/whitespace.h"

using namespace tracker::text;

TEST_CASE("valid UTF-8 is recognised and ill-formed sequences are not") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII"));
  CHECK(is_valid_utf8("Kyiv\xE2\x80\x99s caf\xC3\xA9 \xF0\x9F\x98\x80"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(is_valid_utf8("caf\xC3"));           // truncated at the end
  CHECK_FALSE(is_valid_utf8("\xE9t\xE9"));         // Latin-1 bytes
}

TEST_CASE("repairing UTF-8 replaces each bad byte with U+FFFD and keeps the rest") {
  CHECK(repair_utf8("caf\xE9!") == "caf\xEF\xBF\xBD!");
  CHECK(repair_utf8("ok \xE2\x80\x99") == "ok \xE2\x80\x99");
  const std::string repaired = repair_utf8("\xFF\xFE\xC3");
  CHECK(repaired == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(is_valid_utf8(repaired));
}

TEST_CASE("whitespace runs, including Unicode spaces, collapse to one space") {
  CHECK(collapse_whitespace("  a \t\n b  ") == "a b");
  CHECK(collapse_whitespace("10\xC2\xA0""000 troops") == "10 000 troops");       // no-break space
  CHECK(collapse_whitespace("a\xE2\x80\x89\xE2\x80\xAF""b") == "a b");         // thin spaces
  CHECK(collapse_whitespace("\xE3\x80\x80wide\xE3\x80\x80") == "wide");       // ideographic space
  CHECK(collapse_whitespace("") == "");
}

TEST_CASE("zero-width characters and soft hyphens disappear") {
  CHECK(collapse_whitespace("Zelen\xC2\xADsky") == "Zelensky");
  CHECK(collapse_whitespace("a\xE2\x80\x8B""b\xEF\xBB\xBF""c") == "abc");
  // Other characters sharing a lead byte with a space pass through untouched.
  CHECK(collapse_whitespace("\xE2\x80\x94 \xE2\x80\x9Cquote\xE2\x80\x9D") ==
        "\xE2\x80\x94 \xE2\x80\x9Cquote\xE2\x80\x9D");
}

TEST_CASE("pieces appended one after another share single spaces") {
  std::string out;
  append_collapsed(out, "  North ");
  append_collapsed(out, " Korean");
  append_collapsed(out, "troops ");
  trim_trailing_space(out);
  CHECK(out == "North Koreantroops");
}
