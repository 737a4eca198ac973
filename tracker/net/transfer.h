#pragma once

// One attempt at one request of a Fetcher batch: the libcurl easy handle, the callbacks that
// fill it in, and what it left for the FetchResult. Internal to fetcher.cc.

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tracker/net/address_policy.h"
#include "tracker/net/curl_handle.h"
#include "tracker/net/fetcher.h"

namespace tracker::net {

// One request of the batch on its way: sent `attempts` times so far.
struct Job {
  std::size_t index = 0;
  std::string host;
  int attempts = 0;
  std::chrono::steady_clock::time_point not_before =
      std::chrono::steady_clock::time_point::min();  // a retry's backoff
  std::chrono::steady_clock::time_point first_sent{};
};

// One attempt in flight: the easy handle and everything libcurl points into. Leaves the
// multi handle before the easy handle is cleaned up.
struct Transfer {
  Transfer(CURLM* multi_handle, Job started) : multi(multi_handle), job(std::move(started)) {}
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer() {
    if (attached) {
      curl_multi_remove_handle(multi, easy.get());
    }
  }

  CURLM* multi;
  Job job;
  CurlEasyPtr easy;
  CurlSlistPtr request_headers;
  bool attached = false;
  std::size_t max_body_bytes = 0;
  bool over_limit = false;
  bool body_started = false;
  bool content_encoded = false;  // Content-Length then counts encoded bytes, not the body's
  std::string body;
  std::string status_line;  // of the last response, after redirects
  std::string etag;
  std::string last_modified;
  std::string retry_after;
  const AddressPolicy* address_policy = nullptr;  // the request's; null: any address
  std::string address_refusal;                    // why a connection was refused, if one was
  std::vector<std::string> peer_addresses;        // of each request sent, redirects included
  std::string error_buffer = std::string(CURL_ERROR_SIZE, '\0');
};

// All curl options of one fetcher request; the shared ones come from make_easy_handle.
bool configure(Transfer& transfer, const FetchRequest& request, const FetcherOptions& options);

// The result of one finished attempt. `result` already holds the index and URL.
void record_attempt(Transfer& transfer, CURLcode code, const FetchRequest& request,
                    const FetcherOptions& options, FetchResult& result);

}  // namespace tracker::net
