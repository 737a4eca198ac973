// libFuzzer target: any bytes as a tracker.toml, as a watch file and as a topics file through
// the real loaders (tracker/config). The body and its invariants are in config_check.h, which
// tests/fuzz_regressions_test.cc shares to replay saved inputs.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/config_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tracker::fuzz::ConfigSandbox sandbox;
  const std::string broken = tracker::fuzz::check_config_input(
      std::string_view(reinterpret_cast<const char*>(data), size), sandbox);
  if (!broken.empty()) {
    std::fprintf(stderr, "config_fuzz: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}
