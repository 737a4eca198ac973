#pragma once

#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace tracker::net {

// An IP address or network ("10.1.0.0/16", "127.0.0.1", "fd00::/8"). IPv4 is kept as an
// IPv4-mapped IPv6 address so that one comparison serves both families.
struct AddressRange {
  std::array<std::uint8_t, 16> bytes{};
  int prefix_bits = 128;

  bool contains(const std::array<std::uint8_t, 16>& address) const;
};

// Parses "ADDRESS" or "ADDRESS/BITS"; an error for people otherwise.
tl::expected<AddressRange, std::string> parse_address_range(std::string_view text);

// Why an address is not on the public internet: "loopback", "private", "link-local",
// "shared (carrier-grade NAT)", "unspecified", "multicast", "reserved", ...; nullopt when
// it is a public address. IPv4 inside IPv6 (mapped, NAT64's well-known 64:ff9b::/96, 6to4)
// is judged by its IPv4 part; local-use NAT64 (64:ff9b:1::/48), Teredo (2001::/32) and the
// deprecated IPv4-compatible form (::/96) are never public.
std::optional<std::string> non_public_kind(const std::array<std::uint8_t, 16>& address);

// The same for an address in text ("192.168.1.5", "::1"); "unparseable" for anything else.
std::optional<std::string> non_public_kind(std::string_view address);

// Whether every address in `addresses` (in text) is off the public internet: false for an
// empty list. A feed is inside only when every connection that fetched it was, redirects
// included: a public feed that redirects inside, or an inside one that redirects out, still
// came from outside.
bool all_non_public(const std::vector<std::string>& addresses);

// Which addresses a connection may go to. Used for the links found in feeds: a feed from
// outside must not steer tracker to the machines inside (SSRF), such as a router's admin
// page, a cloud metadata service or a database on loopback.
struct AddressPolicy {
  std::vector<AddressRange> allowed;  // non-public addresses that may still be reached

  // Why a connection to `address` is refused; nullopt when it may go ahead.
  std::optional<std::string> refusal(const sockaddr* address, socklen_t length) const;
  // The same for an address in text, as libcurl reports a connection's peer.
  std::optional<std::string> refusal(std::string_view address) const;
};

// The address in text, for messages ("10.0.0.1", "::1"); empty if not IPv4 or IPv6.
std::string address_text(const sockaddr* address, socklen_t length);

}  // namespace tracker::net
