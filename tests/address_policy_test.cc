// Links found in feeds may not steer tracker to non-public addresses (SSRF), nor to file:.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "support/demo_site.h"
#include "support/http_server.h"
#include "support/process.h"
#include "tracker/config/settings.h"
#include "tracker/net/address_policy.h"
#include "tracker/net/fetcher.h"

using tracker::net::AddressPolicy;
using tracker::net::non_public_kind;
using tracker::net::parse_address_range;
using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::write_file;

namespace {

sockaddr_in v4(const char* text) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  REQUIRE(inet_pton(AF_INET, text, &address.sin_addr) == 1);
  return address;
}

sockaddr_in6 v6(const char* text) {
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  REQUIRE(inet_pton(AF_INET6, text, &address.sin6_addr) == 1);
  return address;
}

template <typename Address>
std::string refusal(const AddressPolicy& policy, const Address& address) {
  auto refused = policy.refusal(reinterpret_cast<const sockaddr*>(&address), sizeof address);
  return refused.value_or("");
}

}  // namespace

TEST_CASE("addresses outside the public internet are named, public ones are not") {
  for (const char* inside : {"127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.0.1", "172.31.255.255",
                             "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
                             "255.255.255.255", "198.18.0.1", "::1", "::", "fe80::1", "fd12:3456::1",
                             "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3",
                             "64:ff9b::a00:1", "2002:c0a8:0101::1", "2001:db8::1"}) {
    CAPTURE(inside);
    CHECK(non_public_kind(std::string_view(inside)).has_value());
  }
  for (const char* outside : {"8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.128.0.1",
                              "192.169.0.1", "2a00:1450:4001::1", "::ffff:8.8.8.8", "64:ff9b::808:808",
                              "2002:0808:0808::1"}) {
    CAPTURE(outside);
    CHECK_FALSE(non_public_kind(std::string_view(outside)).has_value());
  }
  CHECK(*non_public_kind(std::string_view("169.254.169.254")) == "link-local (169.254.0.0/16, cloud metadata)");
  CHECK(*non_public_kind(std::string_view("::ffff:127.0.0.1")) == "loopback");
  CHECK(*non_public_kind(std::string_view("not an address")) == "unparseable");
}

TEST_CASE("NAT64, Teredo and IPv4-compatible addresses are settled") {
  // NAT64's well-known prefix carries the IPv4 address it reaches: judged by it.
  CHECK(non_public_kind(std::string_view("64:ff9b::7f00:1")).value_or("public") == "loopback");
  CHECK(non_public_kind(std::string_view("64:ff9b::a9fe:a9fe")).value_or("public") == "link-local (169.254.0.0/16, cloud metadata)");
  CHECK_FALSE(non_public_kind(std::string_view("64:ff9b::808:808")).has_value());
  // A network's own NAT64 prefix, Teredo and the deprecated IPv4-compatible form: never public.
  for (const char* address : {"64:ff9b:1::7f00:1", "64:ff9b:1:ffff::808:808", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                              "2001::1", "::127.0.0.1", "::10.0.0.1", "::8.8.8.8", "::0.0.0.2"}) {
    CAPTURE(address);
    CHECK(non_public_kind(std::string_view(address)).has_value());
  }
  CHECK(non_public_kind(std::string_view("::127.0.0.1")).value_or("public") == "reserved (IPv4-compatible, ::/96)");
  CHECK(non_public_kind(std::string_view("2001::1")).value_or("public") == "reserved (Teredo, 2001::/32)");
  CHECK(non_public_kind(std::string_view("64:ff9b:1::1")).value_or("public") == "private (local-use NAT64, 64:ff9b:1::/48)");
  CHECK(non_public_kind(std::string_view("::1")).value_or("public") == "loopback (::1)");
  CHECK(non_public_kind(std::string_view("::")).value_or("public") == "unspecified (::)");
  // Neighbours that are public.
  for (const char* address : {"2001:1::1", "2001:4860:4860::8888", "64:ff9b:2::1", "1::1"}) {
    CAPTURE(address);
    CHECK_FALSE(non_public_kind(std::string_view(address)).has_value());
  }
}

TEST_CASE("a feed is inside only when every hop of its fetch was") {
  using tracker::net::all_non_public;
  CHECK(all_non_public({"127.0.0.1"}));
  CHECK(all_non_public({"10.0.0.5", "127.0.0.1"}));
  CHECK_FALSE(all_non_public({}));    // file: has no address: from anywhere
  CHECK_FALSE(all_non_public({""}));  // nor an address libcurl could not name
  // A public feed that redirects to a private address is still a feed from outside.
  CHECK_FALSE(all_non_public({"93.184.216.34", "127.0.0.1"}));
  CHECK_FALSE(all_non_public({"10.0.0.5", "93.184.216.34"}));
}

TEST_CASE("the fetcher reports the address of every hop, redirects included") {
  tracker::test::TestHttpServer server;
  tracker::net::FetcherOptions options;
  options.host_delay = std::chrono::milliseconds(0);
  const auto results = tracker::net::Fetcher(options).fetch_all({{server.url("/redirect"), {}, {}}});
  REQUIRE(results.size() == 1);
  CHECK(results[0].outcome == tracker::net::FetchOutcome::ok);
  CHECK(results[0].peer_addresses == std::vector<std::string>{"127.0.0.1", "127.0.0.1"});
}

TEST_CASE("an address policy refuses non-public addresses unless an allowed range holds them") {
  AddressPolicy policy;
  CHECK(refusal(policy, v4("127.0.0.1")) == "127.0.0.1 is a loopback address");
  CHECK(refusal(policy, v4("10.9.8.7")) == "10.9.8.7 is a private (10.0.0.0/8) address");
  CHECK(refusal(policy, v6("::1")) == "::1 is a loopback (::1) address");
  CHECK(refusal(policy, v4("93.184.216.34")).empty());
  CHECK(refusal(policy, v6("2a00:1450:4001::1")).empty());

  policy.allowed = {*parse_address_range("10.9.0.0/16"), *parse_address_range("127.0.0.1"),
                    *parse_address_range("fd00::/8")};
  CHECK(refusal(policy, v4("10.9.8.7")).empty());
  CHECK(refusal(policy, v4("10.10.0.1")) == "10.10.0.1 is a private (10.0.0.0/8) address");
  CHECK(refusal(policy, v4("127.0.0.1")).empty());
  CHECK(refusal(policy, v4("127.0.0.2")) == "127.0.0.2 is a loopback address");
  CHECK(refusal(policy, v6("fd12::1")).empty());
  CHECK(refusal(policy, v6("fc00::1")) == "fc00::1 is a private (unique local, fc00::/7) address");
  // An IPv4 range also holds the same address written the IPv6 way, as a dual-stack socket sees it.
  CHECK(refusal(policy, v6("::ffff:10.9.1.1")).empty());
  CHECK(policy.refusal(std::string_view("10.9.3.3")) == std::nullopt);
  CHECK(policy.refusal(std::string_view("192.168.0.1")).value_or("") == "192.168.0.1 is a private (192.168.0.0/16) address");

  sockaddr unix_like{};
  unix_like.sa_family = AF_UNIX;
  CHECK(policy.refusal(&unix_like, sizeof unix_like).value_or("") == "not an IPv4 or IPv6 address");
}

TEST_CASE("address ranges are read strictly") {
  CHECK(parse_address_range("10.0.0.0/8").has_value());
  CHECK(parse_address_range("::1").has_value());
  CHECK(parse_address_range("0.0.0.0/0").has_value());
  CHECK(parse_address_range("10.0.0.0/33").error() == "'10.0.0.0/33': the prefix length must be 0 to 32");
  CHECK(parse_address_range("fd00::/129").error() == "'fd00::/129': the prefix length must be 0 to 128");
  CHECK(parse_address_range("10.0.0.0/").has_value() == false);
  CHECK(parse_address_range("10.0.0.0/8x").has_value() == false);
  CHECK(parse_address_range("intranet.example").error() ==
        "'intranet.example' is not an IP address or network (such as 10.1.0.0/16 or fd00::/8)");
}

TEST_CASE("allow_addresses and [security] are read from the config with file:line errors") {
  DemoSite site;
  write_file(site.dir() / "watch.toml",
             "[[source]]\nname = \"a\"\nurl = \"https://example.org/feed\"\n"
             "allow_addresses = [\"10.1.0.0/16\", \"::1\"]\n");
  write_file(site.config(), "watch = [\"watch.toml\"]\n[security]\nrefuse_private_links = false\n"
                            "allow_addresses = [\"192.168.7.7\"]\n");
  auto settings = tracker::config::load_settings(site.config());
  REQUIRE(settings.has_value());
  CHECK_FALSE(settings->refuse_private_links);
  REQUIRE(settings->allow_addresses.size() == 1);
  REQUIRE(settings->sources.size() == 1);
  CHECK(settings->sources[0].allow_addresses.size() == 2);

  write_file(site.config(), "watch = [\"watch.toml\"]\n[security]\nallow_adresses = [\"10.0.0.1\"]\n");
  auto misspelt = tracker::config::load_settings(site.config());
  REQUIRE_FALSE(misspelt.has_value());
  CHECK(misspelt.error().find("did you mean 'allow_addresses'") != std::string::npos);

  write_file(site.dir() / "watch.toml",
             "[[source]]\nname = \"a\"\nurl = \"https://example.org/feed\"\nallow_addresses = [\"intranet\"]\n");
  write_file(site.config(), "watch = [\"watch.toml\"]\n");
  auto bad = tracker::config::load_settings(site.config());
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().find("watch.toml:4:") != std::string::npos);
  CHECK(bad.error().find("'intranet' is not an IP address") != std::string::npos);
}

namespace {

// A feed from outside (a file: feed counts as outside: it may have been downloaded from
// anywhere) that links to the loopback news site, by address and by name, and to local files.
void write_outside_feed(const DemoSite& site, const std::string& allow_line) {
  const std::string port = site.base().substr(site.base().rfind(':') + 1);
  write_file(site.dir() / "outside.xml",
             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Outside</title>"
             "<link>https://example.org/</link><description>d</description>"
             "<item><title>By address</title><link>" + site.base() + "/inside.html</link></item>"
             "<item><title>By name</title><link>http://localhost:" + port + "/named.html</link></item>"
             "<item><title>A file</title><link>file:///etc/hostname</link></item>"
             "<item><title>Another scheme</title><link>gopher://example.org/1</link></item>"
             "</channel></rss>");
  write_file(site.dir() / "watch.toml",
             "allow_file_urls = true\n"
             "[[source]]\nname = \"outside\"\nurl = \"file://" + (site.dir() / "outside.xml").string() +
             "\"\nkind = \"feed\"\n" + allow_line +
             "[[source]]\nname = \"demo\"\nurl = \"" + site.base() + "/feed.xml\"\n");
}

}  // namespace

TEST_CASE("links from a feed from outside may not reach loopback or files - the site's own feed may") {
  DemoSite site;
  site.publish("v1-wire.txt");
  std::filesystem::copy_file(site.site_dir() / "kursk.html", site.site_dir() / "inside.html");
  std::filesystem::copy_file(site.site_dir() / "kursk.html", site.site_dir() / "named.html");
  write_outside_feed(site, "");

  auto run = site.run();
  CAPTURE(run.err);
  CHECK(run.err.find(site.base() + "/inside.html: bad URL: refused to connect: 127.0.0.1 is a loopback address") !=
        std::string::npos);
  // By name: the check is on the address the name resolved to, whichever family.
  CHECK(run.err.find("/named.html: bad URL: refused to connect: ") != std::string::npos);
  CHECK(run.err.find("file:///etc/hostname: bad URL: file: URLs are refused") != std::string::npos);
  CHECK(run.err.find("gopher://example.org/1: bad URL: gopher: URLs are not fetched") != std::string::npos);
  // The demo feed is itself on loopback: its link to the same machine is fetched and stored.
  CHECK(run_tracker({"history", site.base() + "/kursk.html", "--store", site.store().string()}).exit_code == 0);
  CHECK(run_tracker({"history", site.base() + "/inside.html", "--store", site.store().string()}).exit_code != 0);

  SUBCASE("the source's allow_addresses lets its links reach the listed addresses") {
    write_outside_feed(site, "allow_addresses = [\"127.0.0.0/8\", \"::1\"]\n");
    auto allowed = site.run();
    CAPTURE(allowed.err);
    CHECK(allowed.err.find("refused to connect") == std::string::npos);
    CHECK(allowed.err.find("file: URLs are refused") != std::string::npos);  // never from a feed
    CHECK(run_tracker({"history", site.base() + "/inside.html", "--store", site.store().string()}).exit_code == 0);
  }
  SUBCASE("[security] refuse_private_links = false turns the check off") {
    write_file(site.config(), read_file(site.config()) + "[security]\nrefuse_private_links = false\n");
    auto unchecked = site.run();
    CAPTURE(unchecked.err);
    CHECK(unchecked.err.find("refused to connect") == std::string::npos);
    CHECK(run_tracker({"history", site.base() + "/inside.html", "--store", site.store().string()}).exit_code == 0);
  }
}
