#include <doctest/doctest.h>

#include "tracker/extract/iso_date.h"

using tracker::extract::normalize_date;

TEST_CASE("ISO 8601 and RFC 3339 dates come out in one ISO 8601 form") {
  CHECK(normalize_date("2025-02-04T08:41:00Z") == "2025-02-04T08:41:00Z");
  CHECK(normalize_date("2025-02-04T08:41:00+00:00") == "2025-02-04T08:41:00Z");
  CHECK(normalize_date("2025-02-04T17:41:00+0900") == "2025-02-04T17:41:00+09:00");
  CHECK(normalize_date("2025-02-04T08:41:00.123-05:00") == "2025-02-04T08:41:00-05:00");
  CHECK(normalize_date("2025-02-04 08:41") == "2025-02-04T08:41:00");
  CHECK(normalize_date(" 2025-02-04 ") == "2025-02-04");
}

TEST_CASE("RFC 822 dates from feeds and meta tags are converted") {
  CHECK(normalize_date("Tue, 04 Feb 2025 08:41:00 GMT") == "2025-02-04T08:41:00Z");
  CHECK(normalize_date("4 Feb 2025 08:41:00 +0100") == "2025-02-04T08:41:00+01:00");
  CHECK(normalize_date("Tue, 4 February 2025") == "2025-02-04");
}

TEST_CASE("unreadable or impossible dates are dropped, not guessed") {
  CHECK(normalize_date("").empty());
  CHECK(normalize_date("yesterday").empty());
  CHECK(normalize_date("2025-13-01").empty());
  CHECK(normalize_date("2025-02-04T25:00:00Z").empty());
  CHECK(normalize_date("2025-02-04T08:41:00 EST").empty());
  CHECK(normalize_date("Tue, 04 Feb 2025 08:41:00 PST").empty());
}
