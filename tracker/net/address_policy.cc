#include "tracker/net/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace tracker::net {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

Bytes mapped_v4(const std::uint8_t* v4) {
  Bytes out{};
  out[10] = 0xff;
  out[11] = 0xff;
  std::memcpy(out.data() + 12, v4, 4);
  return out;
}

bool starts_with(const Bytes& address, std::initializer_list<std::uint8_t> prefix) {
  return std::equal(prefix.begin(), prefix.end(), address.begin());
}

std::optional<Bytes> bytes_of(const sockaddr* address, socklen_t length) {
  if (address == nullptr) {
    return std::nullopt;
  }
  if (address->sa_family == AF_INET && length >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in v4{};
    std::memcpy(&v4, address, sizeof v4);
    return mapped_v4(reinterpret_cast<const std::uint8_t*>(&v4.sin_addr));
  }
  if (address->sa_family == AF_INET6 && length >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, address, sizeof v6);
    Bytes out{};
    std::memcpy(out.data(), &v6.sin6_addr, 16);
    return out;
  }
  return std::nullopt;
}

std::optional<Bytes> parse_address(std::string_view text) {
  const std::string copy(text);
  std::uint8_t buffer[16] = {};
  if (inet_pton(AF_INET, copy.c_str(), buffer) == 1) {
    return mapped_v4(buffer);
  }
  if (inet_pton(AF_INET6, copy.c_str(), buffer) == 1) {
    Bytes out{};
    std::memcpy(out.data(), buffer, 16);
    return out;
  }
  return std::nullopt;
}

// IANA's special-purpose IPv4 registry, as far as it matters for reaching machines.
std::optional<std::string> ipv4_kind(const std::uint8_t* a) {
  if (a[0] == 0) return "unspecified (0.0.0.0/8)";
  if (a[0] == 10) return "private (10.0.0.0/8)";
  if (a[0] == 100 && (a[1] & 0xc0) == 64) return "shared (carrier-grade NAT, 100.64.0.0/10)";
  if (a[0] == 127) return "loopback";
  if (a[0] == 169 && a[1] == 254) return "link-local (169.254.0.0/16, cloud metadata)";
  if (a[0] == 172 && (a[1] & 0xf0) == 16) return "private (172.16.0.0/12)";
  if (a[0] == 192 && a[1] == 0 && a[2] == 0) return "reserved (192.0.0.0/24)";
  if (a[0] == 192 && a[1] == 0 && a[2] == 2) return "documentation (192.0.2.0/24)";
  if (a[0] == 192 && a[1] == 168) return "private (192.168.0.0/16)";
  if (a[0] == 198 && (a[1] & 0xfe) == 18) return "benchmarking (198.18.0.0/15)";
  if (a[0] == 198 && a[1] == 51 && a[2] == 100) return "documentation (198.51.100.0/24)";
  if (a[0] == 203 && a[1] == 0 && a[2] == 113) return "documentation (203.0.113.0/24)";
  if (a[0] >= 224 && a[0] < 240) return "multicast";
  if (a[0] >= 240) return "reserved (240.0.0.0/4)";
  return std::nullopt;
}

}  // namespace

bool AddressRange::contains(const Bytes& address) const {
  const int whole = prefix_bits / 8;
  if (!std::equal(bytes.begin(), bytes.begin() + whole, address.begin())) {
    return false;
  }
  const int rest = prefix_bits % 8;
  if (rest == 0) {
    return true;
  }
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (bytes[whole] & mask) == (address[whole] & mask);
}

tl::expected<AddressRange, std::string> parse_address_range(std::string_view text) {
  const auto slash = text.find('/');
  const std::string_view address_part = text.substr(0, slash);
  auto address = parse_address(address_part);
  if (!address) {
    return tl::make_unexpected("'" + std::string(text) +
                               "' is not an IP address or network (such as 10.1.0.0/16 or fd00::/8)");
  }
  const bool v4 = address_part.find(':') == std::string_view::npos;
  AddressRange range{*address, 128};
  if (slash != std::string_view::npos) {
    const std::string_view bits_text = text.substr(slash + 1);
    int bits = -1;
    const auto [end, error] = std::from_chars(bits_text.data(), bits_text.data() + bits_text.size(), bits);
    const int most = v4 ? 32 : 128;
    if (error != std::errc() || end != bits_text.data() + bits_text.size() || bits < 0 || bits > most) {
      return tl::make_unexpected("'" + std::string(text) + "': the prefix length must be 0 to " +
                                 std::to_string(most));
    }
    range.prefix_bits = v4 ? bits + 96 : bits;
  }
  return range;
}

std::optional<std::string> non_public_kind(const Bytes& a) {
  if (starts_with(a, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff})) {
    return ipv4_kind(a.data() + 12);  // IPv4-mapped
  }
  if (starts_with(a, {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
    return ipv4_kind(a.data() + 12);  // NAT64 well-known prefix
  }
  if (starts_with(a, {0x20, 0x02})) {
    return ipv4_kind(a.data() + 2);  // 6to4 carries the IPv4 address in bits 16-47
  }
  if (starts_with(a, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})) {
    if (std::all_of(a.begin() + 12, a.end() - 1, [](std::uint8_t b) { return b == 0; }) && a[15] <= 1) {
      return a[15] == 1 ? "loopback (::1)" : "unspecified (::)";
    }
    // IPv4-compatible (::127.0.0.1), deprecated since 2006 (RFC 4291): no public server uses
    // it, and a system that still tunnels it would reach the IPv4 address inside.
    return "reserved (IPv4-compatible, ::/96)";
  }
  if (starts_with(a, {0x00, 0x64, 0xff, 0x9b, 0x00, 0x01})) {
    // A network's own NAT64 prefix (RFC 8215): the IPv4 part may sit anywhere in it, and
    // the translator is on the network's side, so nothing through it counts as public.
    return "private (local-use NAT64, 64:ff9b:1::/48)";
  }
  if (starts_with(a, {0x20, 0x01, 0x00, 0x00})) {
    // Teredo tunnels to an IPv4 address hidden in the address (XORed), through a relay;
    // public servers are not reached this way, so it is refused rather than decoded.
    return "reserved (Teredo, 2001::/32)";
  }
  if ((a[0] & 0xfe) == 0xfc) return "private (unique local, fc00::/7)";
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return "link-local (fe80::/10)";
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) return "site-local (fec0::/10)";
  if (a[0] == 0xff) return "multicast";
  if (starts_with(a, {0x20, 0x01, 0x0d, 0xb8})) return "documentation (2001:db8::/32)";
  if (starts_with(a, {0x01, 0x00, 0, 0, 0, 0, 0, 0})) return "discard (100::/64)";
  return std::nullopt;
}

std::optional<std::string> non_public_kind(std::string_view address) {
  const auto bytes = parse_address(address);
  return bytes ? non_public_kind(*bytes) : std::optional<std::string>("unparseable");
}

bool all_non_public(const std::vector<std::string>& addresses) {
  // An address that cannot be read (a file: URL has none) proves nothing about being inside.
  return !addresses.empty() &&
         std::all_of(addresses.begin(), addresses.end(), [](const std::string& address) {
           const auto bytes = parse_address(address);
           return bytes && non_public_kind(*bytes).has_value();
         });
}

namespace {

std::optional<std::string> refusal_of(const std::vector<AddressRange>& allowed, const Bytes& bytes,
                                      const std::string& text) {
  auto kind = non_public_kind(bytes);
  if (!kind || std::any_of(allowed.begin(), allowed.end(),
                           [&](const AddressRange& range) { return range.contains(bytes); })) {
    return std::nullopt;
  }
  return text + " is a " + *kind + " address";
}

}  // namespace

std::optional<std::string> AddressPolicy::refusal(const sockaddr* address, socklen_t length) const {
  const auto bytes = bytes_of(address, length);
  if (!bytes) {
    return std::string("not an IPv4 or IPv6 address");
  }
  return refusal_of(allowed, *bytes, address_text(address, length));
}

std::optional<std::string> AddressPolicy::refusal(std::string_view address) const {
  const auto bytes = parse_address(address);
  if (!bytes) {
    return "'" + std::string(address) + "' is not an IPv4 or IPv6 address";
  }
  return refusal_of(allowed, *bytes, std::string(address));
}

std::string address_text(const sockaddr* address, socklen_t length) {
  const auto bytes = bytes_of(address, length);
  if (!bytes) {
    return {};
  }
  char text[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET) {
    inet_ntop(AF_INET, bytes->data() + 12, text, sizeof text);
  } else {
    inet_ntop(AF_INET6, bytes->data(), text, sizeof text);
  }
  return text;
}

}  // namespace tracker::net
