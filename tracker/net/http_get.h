#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace tracker::net {

// Limits and identity for one request. The feed fetcher will share these defaults.
struct FetchOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  std::size_t max_body_bytes = std::size_t{10} << 20;  // after decompression
  long max_redirects = 5;
  std::string user_agent = "tracker/0.1 (+https://example.org/tracker)";
};

struct HttpResponse {
  long status = 0;
  std::string effective_url;  // after redirects
  std::string content_type;
  std::string body;           // decoded from gzip/deflate/brotli
};

enum class FetchErrorKind {
  bad_url,       // not http(s), or unparseable
  network,       // DNS, connection refused, TLS, reset, truncated transfer
  timeout,
  too_large,     // body over FetchOptions::max_body_bytes
  redirects,     // more than FetchOptions::max_redirects
  http_status    // the server answered with 4xx or 5xx
};

struct FetchError {
  FetchErrorKind kind;
  std::string message;  // for people: what failed, with curl's or the server's reason
  long status = 0;      // for http_status
};

// One GET of `url` (http or https only), following redirects. 2xx is a response; everything
// else is a FetchError.
tl::expected<HttpResponse, FetchError> http_get(std::string_view url,
                                                const FetchOptions& options = {});

}  // namespace tracker::net
