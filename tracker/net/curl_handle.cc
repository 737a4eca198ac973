#include "tracker/net/curl_handle.h"

#include <cstdlib>
#include <mutex>

namespace tracker::net {

void ensure_curl_initialized() {
  static std::once_flag once;
  std::call_once(once, [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    std::atexit([] { curl_global_cleanup(); });
  });
}

CurlEasyPtr make_easy_handle() {
  ensure_curl_initialized();
  CurlEasyPtr handle(curl_easy_init());
  if (!handle) {
    return handle;
  }
  CURL* h = handle.get();
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
  curl_easy_setopt(h, CURLOPT_FAILONERROR, 0L);
  return handle;
}

}  // namespace tracker::net
