// libFuzzer target: any bytes as a fetched page through extraction and claims, the way
// `tracker run` reads it (pipeline::read_page_claims with the default [limits]). The body and
// its invariants are in page_check.h, which tests/fuzz_regressions_test.cc shares to replay
// saved inputs; fuzz/run.sh bounds each input's time with libFuzzer's -timeout.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/page_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string broken =
      tracker::fuzz::check_page_input(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!broken.empty()) {
    std::fprintf(stderr, "page_fuzz: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}
