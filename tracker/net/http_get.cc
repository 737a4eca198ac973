#include "tracker/net/http_get.h"

#include <string>

#include "tracker/net/curl_handle.h"
#include "tracker/text/server_text.h"

namespace tracker::net {
namespace {

struct Download {
  std::string body;
  std::size_t limit = 0;
  bool over_limit = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* download = static_cast<Download*>(user);
  const std::size_t bytes = size * count;
  if (download->body.size() + bytes > download->limit) {
    download->over_limit = true;
    return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
  }
  download->body.append(data, bytes);
  return bytes;
}

FetchErrorKind kind_of(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return FetchErrorKind::bad_url;
    case CURLE_OPERATION_TIMEDOUT:
      return FetchErrorKind::timeout;
    case CURLE_TOO_MANY_REDIRECTS:
      return FetchErrorKind::redirects;
    case CURLE_FILESIZE_EXCEEDED:
      return FetchErrorKind::too_large;
    default:
      return FetchErrorKind::network;
  }
}

}  // namespace

tl::expected<HttpResponse, FetchError> http_get(std::string_view url, const FetchOptions& options) {
  CurlEasyPtr handle = make_easy_handle();
  if (!handle) {
    return tl::make_unexpected(FetchError{FetchErrorKind::network, "libcurl could not start"});
  }
  CURL* h = handle.get();
  const std::string url_string(url);
  Download download;
  download.limit = options.max_body_bytes;
  std::string error_buffer(CURL_ERROR_SIZE, '\0');
  curl_easy_setopt(h, CURLOPT_URL, url_string.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer.data());
  curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(options.max_body_bytes));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &download);

  const CURLcode code = curl_easy_perform(h);
  if (download.over_limit) {
    return tl::make_unexpected(
        FetchError{FetchErrorKind::too_large,
                   "body is larger than the limit of " + std::to_string(options.max_body_bytes) +
                       " bytes"});
  }
  if (code != CURLE_OK) {
    std::string reason = text::server_text(error_buffer.c_str());  // may quote the server
    if (reason.empty()) {
      reason = curl_easy_strerror(code);
    }
    if (code == CURLE_OUT_OF_MEMORY) {
      reason = k_header_too_large;
    }
    return tl::make_unexpected(FetchError{kind_of(code), reason});
  }
  HttpResponse response;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  if (char* effective = nullptr;
      curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective != nullptr) {
    response.effective_url = effective;
  }
  if (char* type = nullptr;
      curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr) {
    response.content_type = type;
  }
  if (response.status >= 400) {
    return tl::make_unexpected(FetchError{FetchErrorKind::http_status,
                                          "server answered HTTP " + std::to_string(response.status),
                                          response.status});
  }
  response.body = std::move(download.body);
  return response;
}

}  // namespace tracker::net
