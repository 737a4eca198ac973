#include "tracker/net/url_policy.h"

#include <curl/curl.h>

#include <memory>

#include "tracker/net/curl_handle.h"
#include "tracker/text/tokens.h"

namespace tracker::net {

tl::expected<std::string, std::string> fetchable_host(const std::string& url, bool allow_file) {
  CurlUrlPtr parsed(curl_url());
  if (!parsed) {
    return tl::make_unexpected(std::string("libcurl is out of memory"));
  }
  if (const CURLUcode code = curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0);
      code != CURLUE_OK) {
    return tl::make_unexpected("not a URL that can be fetched (" +
                               std::string(curl_url_strerror(code)) + ")");
  }
  char* scheme_text = nullptr;
  curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme_text, 0);
  const CurlString scheme_owner(scheme_text);
  const std::string scheme = text::ascii_lower(scheme_text != nullptr ? scheme_text : "");
  if (scheme == "file") {
    if (!allow_file) {
      return tl::make_unexpected(
          std::string("file: URLs are refused (a watch file may allow them for its own sources "
                      "with allow_file_urls = true; links found in feeds never)"));
    }
    return std::string();
  }
  if (scheme != "http" && scheme != "https") {
    return tl::make_unexpected(scheme + ": URLs are not fetched, only http: and https:");
  }
  char* host_text = nullptr;
  if (curl_url_get(parsed.get(), CURLUPART_HOST, &host_text, 0) != CURLUE_OK ||
      host_text == nullptr) {
    return tl::make_unexpected(std::string("the URL has no host"));
  }
  const CurlString host_owner(host_text);
  return text::ascii_lower(host_text);
}

}  // namespace tracker::net
