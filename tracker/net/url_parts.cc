#include "tracker/net/url_parts.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "tracker/net/curl_handle.h"

namespace tracker::net {
namespace {

std::optional<std::string> part(CURLU* url, CURLUPart which) {
  char* raw = nullptr;
  if (curl_url_get(url, which, &raw, 0) != CURLUE_OK || raw == nullptr) {
    return std::nullopt;
  }
  const CurlString owned(raw);
  return std::string(raw);
}

}  // namespace

std::optional<UrlParts> url_parts(const std::string& url) {
  CurlUrlPtr parsed(curl_url());
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  auto scheme = part(parsed.get(), CURLUPART_SCHEME);
  auto host = part(parsed.get(), CURLUPART_HOST);
  auto path = part(parsed.get(), CURLUPART_PATH);
  if (!scheme || (*scheme != "http" && *scheme != "https") || !host) {
    return std::nullopt;
  }
  UrlParts parts;
  parts.host = *host;
  std::transform(parts.host.begin(), parts.host.end(), parts.host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (parts.host.starts_with("www.")) {
    parts.host.erase(0, 4);
  }
  const std::string& text = path.value_or("/");
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('/', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    if (end > start) {
      parts.segments.push_back(text.substr(start, end - start));
    }
    start = end + 1;
  }
  return parts;
}

}  // namespace tracker::net
