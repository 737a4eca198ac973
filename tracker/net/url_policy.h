#pragma once

#include <string>

#include <tl/expected.hpp>

namespace tracker::net {

// Which URLs the fetcher sends at all: http and https, and file only when `allow_file`.
// Returns the lowercased host name that per-host limits count against (empty for file:), or
// for people, why the URL is refused.
tl::expected<std::string, std::string> fetchable_host(const std::string& url, bool allow_file);

}  // namespace tracker::net
