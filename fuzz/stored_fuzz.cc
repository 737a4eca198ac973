// libFuzzer target: everything that reads stored data back (JSON list columns, stored pages,
// and a whole store file damaged byte by byte or value by value, read with every reading
// method). The body and its invariants are in stored_check.h, which
// tests/fuzz_regressions_test.cc shares to replay saved inputs.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/stored_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tracker::fuzz::StoredSandbox sandbox;
  const std::string broken = tracker::fuzz::check_stored_input(
      std::string_view(reinterpret_cast<const char*>(data), size), sandbox);
  if (!broken.empty()) {
    std::fprintf(stderr, "stored_fuzz: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}
