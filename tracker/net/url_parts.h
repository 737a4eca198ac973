#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tracker::net {

// An http(s) URL's host (lowercased, without a leading "www.") and the non-empty segments of
// its path, as curl's URL parser reads them; nullopt for anything else.
struct UrlParts {
  std::string host;
  std::vector<std::string> segments;
};

std::optional<UrlParts> url_parts(const std::string& url);

}  // namespace tracker::net
