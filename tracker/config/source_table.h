#pragma once

// Reading one [[source]] table of a watch file, and the address lists that [[source]] and
// [security] tables share.
#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "tracker/config/settings.h"
#include "tracker/net/address_policy.h"

namespace tracker::config {

// A list of IP addresses and networks ("127.0.0.1", "10.20.0.0/16", "fd00::/8").
tl::expected<std::vector<net::AddressRange>, std::string> address_list_at(const std::string& file,
                                                                          const toml::node& node,
                                                                          std::string_view key);

// A tag is a short label on one line: 1 to 200 bytes, no control characters. It is matched
// whole and printed in lists.
bool is_valid_tag(std::string_view tag);

// One [[source]] table: name, url, kind, interval, topics, tags, allow_addresses. `file`
// names the watch file in errors; `allow_file` is its allow_file_urls.
tl::expected<SourceConfig, std::string> read_source(const std::string& file, const toml::table& table,
                                                    bool allow_file);

}  // namespace tracker::config
