#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace tracker::alert {

enum class TlsMode {
  opportunistic,  // smtp://: STARTTLS when the server offers it
  required,       // smtp://: fail unless STARTTLS succeeds
  implicit,       // smtps://: TLS from the first byte
};

// Where and how to send mail. Credentials never appear in any message this module returns.
struct SmtpSettings {
  std::string url;   // "smtp://host:port" or "smtps://host:port"
  std::string from;  // envelope sender and From address
  TlsMode tls = TlsMode::opportunistic;
  std::string username;  // empty: no AUTH
  std::string password;
  bool verify_tls = true;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
};

enum class SendOutcome {
  sent,       // the server accepted the message (250 after DATA)
  transient,  // try again later: cannot connect, timeout, connection lost, a 4xx reply
  permanent,  // do not retry: a 5xx reply (recipient refused, message rejected, auth failed)
};

struct SendResult {
  SendOutcome outcome = SendOutcome::transient;
  int smtp_code = 0;   // the server's last reply code; 0 when there was none
  std::string detail;  // for a person: the server's reply line or the connection problem
};

// Whether the connection must be encrypted: always for `required` and `implicit`; and with
// `opportunistic`, whenever there is a password to send and the server is not on this machine
// (localhost, 127.0.0.0/8, [::1], judged by the host libcurl's parser finds in the URL; a URL
// it cannot parse counts as remote), so that credentials never cross a network in clear text.
bool tls_required(const SmtpSettings& settings);

// Sends one message (RFC 5322 text with CRLF line ends) to `recipients` over SMTP with libcurl.
// Blocks until done or the total timeout passes.
SendResult send_mail(const SmtpSettings& settings, const std::vector<std::string>& recipients,
                     std::string_view message);

}  // namespace tracker::alert
