#include <doctest/doctest.h>

#include "tracker/extract/decode.h"

using tracker::extract::decode_to_utf8;

TEST_CASE("single-byte and multi-byte charsets decode to UTF-8") {
  CHECK(decode_to_utf8("caf\xE9", "iso-8859-1").value() == "caf\xC3\xA9");
  CHECK(decode_to_utf8("\x93hi\x94", "windows-1252").value() == "\xE2\x80\x9Chi\xE2\x80\x9D");
  CHECK(decode_to_utf8("\xCF\xF0\xE8\xE2\xE5\xF2", "windows-1251").value() ==
        "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");  // Привет
  CHECK(decode_to_utf8("\x93\xFA\x96\x7B", "shift_jis").value() == "\xE6\x97\xA5\xE6\x9C\xAC");  // 日本
}

TEST_CASE("invalid sequences become U+FFFD and decoding continues") {
  CHECK(decode_to_utf8("a\x81z", "windows-1252").value() == "a\xEF\xBF\xBDz");
  CHECK(decode_to_utf8("\x93", "shift_jis").value() == "\xEF\xBF\xBD");  // truncated double byte
}

TEST_CASE("an unknown charset is an error naming it") {
  auto result = decode_to_utf8("x", "x-no-such-charset");
  REQUIRE_FALSE(result);
  CHECK(result.error().find("x-no-such-charset") != std::string::npos);
}

TEST_CASE("large inputs grow the output buffer as needed") {
  const std::string latin1(100'000, '\xE9');
  auto result = decode_to_utf8(latin1, "iso-8859-1");
  REQUIRE(result);
  CHECK(result->size() == 200'000);
}
