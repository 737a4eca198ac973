#pragma once

#include <curl/curl.h>

#include <memory>

namespace tracker::net {

// libcurl (7.88) reports a response header past CURL_MAX_HTTP_HEADER (100 KB) as "Out of
// memory"; the fetchers say this instead.
inline constexpr const char* k_header_too_large =
    "the server's response header is too large (over 100 KB)";

// libcurl's global state, set up once per process before the first handle.
void ensure_curl_initialized();

struct CurlEasyCleanup {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlEasyPtr = std::unique_ptr<CURL, CurlEasyCleanup>;

// A header list (curl_slist_append), a parsed URL (curl_url) and a string libcurl allocated
// (curl_url_get), freed as libcurl says.
struct CurlSlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlSlistPtr = std::unique_ptr<curl_slist, CurlSlistFree>;
struct CurlUrlCleanup {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using CurlUrlPtr = std::unique_ptr<CURLU, CurlUrlCleanup>;
struct CurlFree {
  void operator()(char* text) const { curl_free(text); }
};
using CurlString = std::unique_ptr<char, CurlFree>;

// A new easy handle with the options every tracker request shares (protocols, redirects,
// compression, signals off). Null only when libcurl is out of memory.
CurlEasyPtr make_easy_handle();

}  // namespace tracker::net
