#include "tracker/store/sha256.h"

#include <nettle/sha2.h>

#include <array>
#include <cstdint>

namespace tracker::store {

std::string sha256_hex(std::string_view bytes) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
  sha256_digest(&context, digest.size(), digest.data());

  static constexpr char k_hex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (const std::uint8_t byte : digest) {
    hex.push_back(k_hex[byte >> 4]);
    hex.push_back(k_hex[byte & 0x0f]);
  }
  return hex;
}

}  // namespace tracker::store
