#include "tracker/alert/smtp.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "tracker/alert/redaction.h"
#include "tracker/net/curl_handle.h"
#include "tracker/text/server_text.h"

namespace tracker::alert {
namespace {

using net::CurlSlistPtr;
using net::CurlString;
using net::CurlUrlPtr;

constexpr std::size_t k_max_reply_chars = 400;  // a reply is for a log line, not a transcript

bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < ' ' || byte == 0x7f;
}

// Text from a caller, made safe for one log line.
std::string printable(std::string_view text) {
  std::string out(text.substr(0, k_max_reply_chars));
  std::replace_if(out.begin(), out.end(), is_control, '?');
  return out;
}

SendResult refuse(std::string detail) {
  return SendResult{SendOutcome::permanent, 0, std::move(detail)};
}

// The bare address inside "<addr>" or "Name <addr>", or nullopt when it could not be put on
// an SMTP command line safely: CR, LF or any control character would let a caller's text
// inject commands into the conversation.
std::optional<std::string> envelope_address(std::string_view text) {
  if (const auto open = text.rfind('<'); open != std::string_view::npos) {
    const auto close = text.find('>', open);
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    text = text.substr(open + 1, close - open - 1);
  }
  const bool unsafe = std::any_of(text.begin(), text.end(), [](char c) {
    return is_control(c) || c == ' ' || c == '<' || c == '>';
  });
  if (text.empty() || unsafe) {
    return std::nullopt;
  }
  return std::string(text);
}

// The message with every line ending as CRLF. libcurl's dot-stuffing only recognises a "."
// after CRLF, and servers now refuse bare LF (the "SMTP smuggling" fixes), so a stray LF
// must not reach the wire. The message also ends with CRLF, so it arrives byte for byte.
std::string with_crlf_line_ends(std::string_view message) {
  std::string out;
  out.reserve(message.size() + 2);
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (c == '\r' && i + 1 < message.size() && message[i + 1] == '\n') {
      out += "\r\n";
      ++i;
    } else if (c == '\r' || c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  if (!out.ends_with("\r\n")) {
    out += "\r\n";
  }
  return out;
}

struct Upload {
  std::string_view message;
  std::size_t offset = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t bytes = std::min(size * count, upload->message.size() - upload->offset);
  std::memcpy(buffer, upload->message.data() + upload->offset, bytes);
  upload->offset += bytes;
  return bytes;
}

// The server's most recent reply, from libcurl's debug stream of incoming lines (the only
// place libcurl shows reply text). QUIT's 221 is skipped: should libcurl close the connection
// politely inside curl_easy_perform, "221 Bye" would hide the reply that decided the outcome.
// Credentials a server echoes are blanked before the reply is cut to length, so that no
// fragment of one is left at the cut.
class ReplyRecorder {
 public:
  explicit ReplyRecorder(const SmtpSettings& settings) : m_settings(settings) {}

  void add_lines(std::string_view data) {
    while (!data.empty()) {
      const auto end = data.find('\n');
      add_line(data.substr(0, end));
      data = end == std::string_view::npos ? std::string_view() : data.substr(end + 1);
    }
  }

  const std::string& last_reply() const { return m_last; }
  int last_code() const { return m_last_code; }

 private:
  void add_line(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
      line.remove_suffix(1);
    }
    if (line.size() < 3 || line.starts_with("221")) {
      return;
    }
    if (m_complete) {
      m_current.clear();
    }
    // A multi-line reply ("550-first\r\n550 last") reads as one line for a person.
    m_complete = line.size() == 3 || line[3] != '-';
    if (!m_current.empty()) {
      m_current += ' ';
    }
    m_current = text::server_text(
        redact_credentials(m_current + std::string(line), m_settings.username, m_settings.password),
        k_max_reply_chars);
    if (m_complete) {
      m_last = m_current;
      m_last_code = std::atoi(m_last.substr(0, 3).c_str());
    }
  }

  const SmtpSettings& m_settings;
  std::string m_current;
  bool m_complete = true;
  std::string m_last;
  int m_last_code = 0;
};

int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type == CURLINFO_HEADER_IN) {  // for SMTP: the server's reply lines, one or more
    static_cast<ReplyRecorder*>(user)->add_lines(std::string_view(data, size));
  }
  return 0;
}

// `text` with the credentials blanked in every form AUTH sends them: a server may echo the
// user name (often the sender's address) or the AUTH string, and curl's error buffer is free
// text. send_mail applies it to every detail.
std::string redact(std::string text, const SmtpSettings& settings) {
  return redact_credentials(std::move(text), settings.username, settings.password);
}

// The URL to give libcurl, or the reason it is refused. Without a path libcurl greets with
// EHLO <this machine's hostname>, often a bare name that servers refuse as not fully
// qualified; the domain of the sender's address is a fully qualified name the sender
// answers for, so it is the greeting unless the URL names one ("smtp://host/client.example").
std::optional<std::string> smtp_url(const SmtpSettings& settings, std::string_view from,
                                    std::string& problem) {
  CurlUrlPtr url(curl_url());
  if (!url || curl_url_set(url.get(), CURLUPART_URL, settings.url.c_str(), 0) != CURLUE_OK) {
    // Not echoed: a malformed URL may still hold a password.
    problem = "the SMTP URL is not a valid URL (expected smtp://host:port or smtps://host:port)";
    return std::nullopt;
  }
  char* part = nullptr;
  curl_url_get(url.get(), CURLUPART_SCHEME, &part, 0);
  const CurlString scheme(part);
  const std::string_view scheme_name = scheme ? scheme.get() : "";
  if (scheme_name != "smtp" && scheme_name != "smtps") {
    problem = "the SMTP URL must start with smtp:// or smtps://, not \"" +
              std::string(scheme_name) + "://\"";
    return std::nullopt;
  }
  if (settings.tls == TlsMode::implicit && scheme_name != "smtps") {
    problem = "implicit TLS needs an smtps:// URL";
    return std::nullopt;
  }
  part = nullptr;
  if (curl_url_get(url.get(), CURLUPART_USER, &part, 0) == CURLUE_OK) {
    curl_free(part);
    problem = "the SMTP URL must not hold credentials; set the user name and password instead";
    return std::nullopt;
  }
  part = nullptr;
  curl_url_get(url.get(), CURLUPART_PATH, &part, 0);
  const CurlString path(part);
  const auto at = from.rfind('@');
  if ((!path || std::strcmp(path.get(), "/") == 0 || *path == '\0') &&
      at != std::string_view::npos && at + 1 < from.size()) {
    const std::string domain = "/" + std::string(from.substr(at + 1));
    curl_url_set(url.get(), CURLUPART_PATH, domain.c_str(), CURLU_URLENCODE);
  }
  part = nullptr;
  if (curl_url_get(url.get(), CURLUPART_URL, &part, 0) != CURLUE_OK) {
    problem = "the SMTP URL is not a valid URL (expected smtp://host:port or smtps://host:port)";
    return std::nullopt;
  }
  const CurlString full(part);
  return std::string(full.get());
}

// What libcurl's result means for the outbox. Server replies decide when there is one:
// 4xx is a temporary refusal, 5xx a permanent one (RFC 5321 section 4.2.1).
SendOutcome outcome_of(CURLcode code, int reply_code) {
  if (code == CURLE_OK) {
    return SendOutcome::sent;
  }
  if (reply_code >= 500) {
    return SendOutcome::permanent;
  }
  if (reply_code >= 400) {
    return SendOutcome::transient;
  }
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
      return SendOutcome::permanent;
    default:
      // Network, timeout and TLS problems, including "TLS required but STARTTLS not offered":
      // like Postfix, keep the message queued; a stripped STARTTLS may be an attacker or a
      // server being reconfigured, and the outbox gives up after its own deadline.
      return SendOutcome::transient;
  }
}

std::string describe_failure(CURLcode code, const std::string& curl_error,
                             const ReplyRecorder& replies) {
  if (replies.last_code() >= 400) {
    // curl's own text adds the stage when it has one ("RCPT failed: 550"); after DATA it
    // only says "Weird server reply", which would add nothing.
    std::string detail = "the SMTP server refused: " + replies.last_reply();
    if (!curl_error.empty()) {
      detail += " (" + curl_error + ")";
    }
    return detail;
  }
  const std::string reason = curl_error.empty() ? curl_easy_strerror(code) : curl_error;
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
      return "cannot connect to the SMTP server: " + reason;
    case CURLE_OPERATION_TIMEDOUT:
      return "the SMTP server did not answer in time: " + reason;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      return "the connection to the SMTP server was lost: " + reason;
    case CURLE_USE_SSL_FAILED:
      return "TLS is required but the SMTP server does not offer STARTTLS: " + reason;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return "TLS with the SMTP server failed: " + reason;
    default:
      return "sending over SMTP failed: " + reason;
  }
}

// libcurl keeps a connection after some failures (a reply timeout, curl 7.88) and sends QUIT
// when the handle is cleaned up, then waits for "221" up to the server response timeout.
// A failed connection is of no further use: shutting it down makes that cleanup immediate,
// so a stalled server cannot hold send_mail past its total timeout.
void abandon_connection(CURL* handle) {
  curl_socket_t socket = CURL_SOCKET_BAD;
  if (curl_easy_getinfo(handle, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK &&
      socket != CURL_SOCKET_BAD) {
    ::shutdown(socket, SHUT_RDWR);  // libcurl still owns and closes the descriptor
  }
}

SendResult send_unredacted(const SmtpSettings& settings, const std::vector<std::string>& recipients,
                           std::string_view message) {
  const auto from = envelope_address(settings.from);
  if (!from) {
    return refuse("the sender address \"" + printable(settings.from) + "\" cannot be used on SMTP");
  }
  if (recipients.empty()) {
    return refuse("the message has no recipients");
  }
  CurlSlistPtr rcpt_list;
  for (const std::string& recipient : recipients) {
    const auto address = envelope_address(recipient);
    if (!address) {
      return refuse("the recipient address \"" + printable(recipient) +
                    "\" cannot be used on SMTP");
    }
    curl_slist* head = curl_slist_append(rcpt_list.get(), ("<" + *address + ">").c_str());
    if (head == nullptr) {  // the list as it was is still owned by rcpt_list
      return SendResult{SendOutcome::transient, 0, "libcurl is out of memory"};
    }
    static_cast<void>(rcpt_list.release());
    rcpt_list.reset(head);
  }
  std::string problem;
  const auto url = smtp_url(settings, *from, problem);
  if (!url) {
    return refuse(problem);
  }

  net::ensure_curl_initialized();
  net::CurlEasyPtr handle(curl_easy_init());
  if (!handle) {
    return SendResult{SendOutcome::transient, 0, "libcurl could not start"};
  }
  CURL* h = handle.get();
  const std::string body = with_crlf_line_ends(message);
  Upload upload{body};
  ReplyRecorder replies(settings);
  std::string error_buffer(CURL_ERROR_SIZE, '\0');
  const std::string mail_from = "<" + *from + ">";

  // Every SMTP option, in one place.
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85.0 added the string form, deprecating the bitmask
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
  curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
  curl_easy_setopt(h, CURLOPT_URL, url->c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer.data());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt_list.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  // Lets a server that announces SIZE refuse an oversized message before it is sent.
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(h, CURLOPT_USE_SSL, tls_required(settings) ? static_cast<long>(CURLUSESSL_ALL)
                                                               : static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, settings.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, settings.verify_tls ? 2L : 0L);
  if (!settings.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(settings.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.total_timeout.count()));
  // Bounds the wait for QUIT's reply when the handle is cleaned up after a success; during
  // the transfer the total timeout is the tighter limit anyway.
  const auto total_seconds =
      std::chrono::ceil<std::chrono::seconds>(settings.total_timeout).count();
  curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT,
                   static_cast<long>(std::max<decltype(total_seconds)>(1, total_seconds)));
  curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt(h, CURLOPT_DEBUGDATA, &replies);
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);

  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    abandon_connection(h);
  }
  SendResult result;
  result.smtp_code = replies.last_code();
  result.outcome = outcome_of(code, result.smtp_code);
  result.detail = code == CURLE_OK ? replies.last_reply()
                                   : describe_failure(code, error_buffer.c_str(), replies);
  return result;
}

}  // namespace

bool tls_required(const SmtpSettings& settings) {
  if (settings.tls != TlsMode::opportunistic) {
    return true;
  }
  if (settings.password.empty()) {
    return false;
  }
  // The host libcurl will connect to, from libcurl's own parser: read from the text, a URL
  // such as "smtp://mail.example.org:25/@127.0.0.1" would pass for local.
  CurlUrlPtr url(curl_url());
  char* part = nullptr;
  if (!url || curl_url_set(url.get(), CURLUPART_URL, settings.url.c_str(), 0) != CURLUE_OK ||
      curl_url_get(url.get(), CURLUPART_HOST, &part, 0) != CURLUE_OK || part == nullptr) {
    return true;  // not understood: send nothing secret in clear
  }
  const CurlString host_owner(part);
  std::string host(host_owner.get());
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  // An address in 127.0.0.0/8 or ::1 written as one: a name that merely starts with "127."
  // is not. IPv4-mapped (::ffff:127.0.0.1) counts as the IPv4 address.
  unsigned char address[16] = {};
  if (inet_pton(AF_INET, host.c_str(), address) == 1) {
    return address[0] != 127;
  }
  if (inet_pton(AF_INET6, host.c_str(), address) == 1) {
    static constexpr unsigned char k_loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static constexpr unsigned char k_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    const bool mapped_loopback = std::memcmp(address, k_mapped, 12) == 0 && address[12] == 127;
    return !(std::memcmp(address, k_loopback, 16) == 0 || mapped_loopback);
  }
  return host != "localhost";
}

SendResult send_mail(const SmtpSettings& settings, const std::vector<std::string>& recipients,
                     std::string_view message) {
  SendResult result = send_unredacted(settings, recipients, message);
  result.detail = redact(std::move(result.detail), settings);
  return result;
}

}  // namespace tracker::alert
