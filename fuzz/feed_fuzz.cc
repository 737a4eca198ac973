// libFuzzer target: any bytes as a feed (and as an OPML list) through the syndication
// readers. The body and its invariants are in feed_check.h, which
// tests/fuzz_regressions_test.cc shares to replay saved inputs.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/feed_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string broken =
      tracker::fuzz::check_feed_input(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!broken.empty()) {
    std::fprintf(stderr, "feed_fuzz: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}
