#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/temp_dir.h"

namespace tracker::test {

// The faults tests/servers/smtp_server.py can play; the defaults accept every message.
struct SmtpServerOptions {
  int reject_rcpt = 0;                     // answer RCPT TO with this code (e.g. 550, 450)
  std::vector<std::string> reject_only{};  // with reject_rcpt: only these recipients
  int reject_data = 0;                     // answer the end of DATA with this code (451, 554)
  int fail_first = 0;                      // answer the first N messages with 451
  double slow_seconds = 0;                 // wait this long before answering the end of DATA
  bool drop_data = false;                  // hang up instead of answering the end of DATA
  std::string auth{};                      // "user:pass": AUTH required (PLAIN, LOGIN)
  bool echo_auth = false;                  // with auth: quote the credentials got in the 535
  bool starttls = false;                   // offer STARTTLS with a fresh self-signed certificate
  bool implicit_tls = false;               // TLS from the first byte (smtps://)
  double lifetime_seconds = 0;             // exit after this long; 0: the server's default (120 s)
};

// One accepted message as the server stored it.
struct ReceivedMail {
  std::string mail_from;              // MAIL FROM, without angle brackets
  std::vector<std::string> rcpt_tos;  // RCPT TO, in order
  std::string login;                  // the AUTH user name; empty without AUTH
  std::string ehlo;                   // the name the client gave in EHLO or HELO
  std::string data;                   // the DATA bytes after dot-unstuffing, CRLF line ends
  double received_at = 0;             // when the end of DATA arrived: Unix seconds, wall clock
};

// tests/servers/smtp_server.py on a free loopback port, for as long as this object lives.
class TestSmtpServer {
 public:
  explicit TestSmtpServer(const SmtpServerOptions& options = {});

  // "smtp://127.0.0.1:PORT", or smtps:// when the server was started with implicit TLS.
  std::string url() const;

  // The messages accepted so far, oldest first.
  std::vector<ReceivedMail> received() const;

  // Waits until at least `count` messages have arrived or `timeout` passes; what arrived.
  std::vector<ReceivedMail> wait_for(
      std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

 private:
  TempDir m_dir;
  bool m_implicit_tls = false;
  BackgroundProcess m_process;
  int m_port = 0;
};

}  // namespace tracker::test
