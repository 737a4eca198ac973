#pragma once

#include <string>
#include <string_view>

namespace tracker::store {

// SHA-256 of `bytes` as 64 lowercase hex digits (Nettle's implementation).
std::string sha256_hex(std::string_view bytes);

}  // namespace tracker::store
