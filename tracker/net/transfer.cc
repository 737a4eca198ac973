#include "tracker/net/transfer.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "tracker/text/server_text.h"
#include "tracker/text/tokens.h"

namespace tracker::net {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t\r\n") + 1 - first);
}

// A validator from the store goes into a request header only if it cannot break the header.
bool fits_in_header(std::string_view value) {
  return !value.empty() && std::none_of(value.begin(), value.end(),
                                        [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;  // already decompressed
  if (transfer->body.size() + bytes > transfer->max_body_bytes) {
    transfer->over_limit = true;
    return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
  }
  if (!transfer->body_started) {
    // One allocation of the right size rather than a string grown by doubling, which would
    // leave most pages holding up to twice their size.
    transfer->body_started = true;
    curl_off_t length = -1;
    if (!transfer->content_encoded &&
        curl_easy_getinfo(transfer->easy.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) ==
            CURLE_OK &&
        length > 0) {
      transfer->body.reserve(std::min(static_cast<std::size_t>(length), transfer->max_body_bytes));
    }
  }
  transfer->body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {  // a new response (after a redirect or a 100 Continue)
    transfer->status_line = trim(line);
    transfer->etag.clear();
    transfer->last_modified.clear();
    transfer->retry_after.clear();
    transfer->content_encoded = false;
    return line.size();
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    return line.size();
  }
  const std::string name = text::ascii_lower(trim(line.substr(0, colon)));
  const std::string_view value = trim(line.substr(colon + 1));
  // A validator that could not be sent back (fits_in_header) is not kept: it would only
  // carry the server's control characters into the store.
  if (name == "etag") {
    transfer->etag = fits_in_header(value) ? value : std::string_view();
  } else if (name == "last-modified") {
    transfer->last_modified = fits_in_header(value) ? value : std::string_view();
  } else if (name == "retry-after") {
    transfer->retry_after = value;
  } else if (name == "content-encoding") {
    transfer->content_encoded = value != "identity";
  }
  return line.size();
}

// Called by libcurl before it opens each connection (redirects and retries included), with
// the address it resolved: the one place where a refused address is sure to be seen.
curl_socket_t open_socket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* transfer = static_cast<Transfer*>(user);
  if (purpose == CURLSOCKTYPE_IPCXN && transfer->address_policy != nullptr) {
    if (auto refused = transfer->address_policy->refusal(&address->addr, address->addrlen)) {
      transfer->address_refusal = std::move(*refused);
      return CURL_SOCKET_BAD;
    }
  }
  return socket(address->family, address->socktype, address->protocol);
}

// Called by libcurl once connected, before the request goes out: also for a connection
// reused from the pool, which open_socket never saw (another request may have opened it).
// Also notes each address, so that a feed's caller can tell where every hop went.
int check_connection(void* user, char* peer_ip, char* /*local_ip*/, int /*peer_port*/,
                     int /*local_port*/) {
  auto* transfer = static_cast<Transfer*>(user);
  transfer->peer_addresses.emplace_back(peer_ip != nullptr ? peer_ip : "");
  if (transfer->address_policy != nullptr) {
    if (auto refused = transfer->address_policy->refusal(peer_ip != nullptr ? peer_ip : "")) {
      transfer->address_refusal = std::move(*refused);
      return CURL_PREREQFUNC_ABORT;
    }
  }
  return CURL_PREREQFUNC_OK;
}

}  // namespace

bool configure(Transfer& transfer, const FetchRequest& request, const FetcherOptions& options) {
  transfer.easy = make_easy_handle();
  if (!transfer.easy) {
    return false;
  }
  CURL* h = transfer.easy.get();
  transfer.max_body_bytes = options.max_body_bytes;
  const std::string& agent =
      options.user_agent.empty() ? FetchOptions{}.user_agent : options.user_agent;
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, transfer.error_buffer.data());
  curl_easy_setopt(h, CURLOPT_USERAGENT, agent.c_str());
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
  if (options.allow_file && !request.feed_link) {
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "file,http,https");  // redirects stay http(s)
  }
  transfer.address_policy = request.address_policy.get();
  if (transfer.address_policy != nullptr) {
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &transfer);
  }
  curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, check_connection);
  curl_easy_setopt(h, CURLOPT_PREREQDATA, &transfer);
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : {std::pair{"If-None-Match: ", &request.etag},
                                    std::pair{"If-Modified-Since: ", &request.last_modified}}) {
    if (fits_in_header(*value)) {
      curl_slist* longer = curl_slist_append(headers, (name + *value).c_str());
      if (longer == nullptr) {
        curl_slist_free_all(headers);
        return false;
      }
      headers = longer;
    }
  }
  transfer.request_headers.reset(headers);
  if (headers != nullptr) {
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  }
  return true;
}

namespace {

FetchOutcome outcome_of(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return FetchOutcome::timeout;
    case CURLE_FILESIZE_EXCEEDED:
      return FetchOutcome::too_large;
    case CURLE_TOO_MANY_REDIRECTS:
      return FetchOutcome::http_error;
    case CURLE_UNSUPPORTED_PROTOCOL:  // a redirect to a scheme that is not allowed
    case CURLE_URL_MALFORMAT:
      return FetchOutcome::bad_url;
    default:
      return FetchOutcome::network_error;
  }
}

}  // namespace

void record_attempt(Transfer& transfer, CURLcode code, const FetchRequest& request,
                    const FetcherOptions& options, FetchResult& result) {
  CURL* h = transfer.easy.get();
  result.status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
  result.effective_url.clear();
  if (char* effective = nullptr;
      curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK &&
      effective != nullptr) {
    result.effective_url = effective;
  }
  result.peer_addresses = std::move(transfer.peer_addresses);
  result.content_type.clear();
  if (char* type = nullptr;
      curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr) {
    result.content_type = type;
  }
  result.etag = transfer.etag;
  result.last_modified = transfer.last_modified;
  result.body.clear();
  result.error.clear();
  result.attempts = transfer.job.attempts;

  // A refusal counts only if nothing else connected: with several addresses for one name,
  // libcurl goes on to the next after a refused one.
  if (code != CURLE_OK && !transfer.address_refusal.empty()) {
    result.outcome = FetchOutcome::bad_url;
    result.error = "refused to connect: " + transfer.address_refusal +
                   " (a link from a feed; allow it with allow_addresses)";
  } else if (transfer.over_limit || code == CURLE_FILESIZE_EXCEEDED) {
    result.outcome = FetchOutcome::too_large;
    result.error =
        "body is larger than the limit of " + std::to_string(options.max_body_bytes) + " bytes";
  } else if (code != CURLE_OK) {
    result.outcome = outcome_of(code);
    // libcurl's text may quote the server (a header, a Location): it is the server's text.
    result.error = text::server_text(transfer.error_buffer.c_str());
    if (result.error.empty()) {
      result.error = curl_easy_strerror(code);
    }
    if (code == CURLE_OUT_OF_MEMORY) {
      result.error = k_header_too_large;
    }
  } else if (result.status == 304) {
    result.outcome = FetchOutcome::not_modified;
    if (result.etag.empty() && result.last_modified.empty()) {
      result.etag = request.etag;
      result.last_modified = request.last_modified;
    }
  } else if (result.status == 0 || (result.status >= 200 && result.status < 300)) {
    result.outcome = FetchOutcome::ok;  // status 0: a file: URL
    result.body = std::move(transfer.body);
  } else {
    result.outcome = FetchOutcome::http_error;
    result.error = "server answered " + (transfer.status_line.empty()
                                             ? "HTTP " + std::to_string(result.status)
                                             : text::server_text(transfer.status_line, 200));
  }
}

}  // namespace tracker::net
