#include "tracker/alert/smtp.h"

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "support/smtp_server.h"
#include "tracker/alert/redaction.h"

using namespace tracker::alert;
using namespace std::chrono_literals;
using tracker::test::SmtpServerOptions;
using tracker::test::TestSmtpServer;

namespace {

// Lines that dot-stuffing must protect: a leading ".", "..", and a lone "." that would end
// DATA early if sent as is.
const std::string k_message =
    "From: tracker@example.org\r\n"
    "To: desk@example.net, editor@example.com\r\n"
    "Subject: casualties: a number changed\r\n"
    "\r\n"
    "Before the dots.\r\n"
    ".a line that starts with a dot\r\n"
    "..two dots\r\n"
    ".\r\n"
    "After the lone dot.\r\n";

SmtpSettings settings_for(const TestSmtpServer& server) {
  SmtpSettings settings;
  settings.url = server.url();
  settings.from = "tracker@example.org";
  settings.connect_timeout = 5s;
  settings.total_timeout = 15s;
  return settings;
}

SendResult send_one(const SmtpSettings& settings) {
  return send_mail(settings, {"desk@example.net"}, k_message);
}

}  // namespace

TEST_CASE("SMTP: a message arrives byte for byte with its envelope sender and both recipients") {
  TestSmtpServer server;
  const SendResult result =
      send_mail(settings_for(server), {"desk@example.net", "editor@example.com"}, k_message);
  CHECK(result.outcome == SendOutcome::sent);
  CHECK(result.smtp_code == 250);
  CHECK(result.detail.starts_with("250 2.0.0 OK queued as"));
  const auto mails = server.wait_for(1);
  REQUIRE(mails.size() == 1);
  CHECK(mails[0].data == k_message);
  CHECK(mails[0].mail_from == "tracker@example.org");
  CHECK(mails[0].rcpt_tos == std::vector<std::string>{"desk@example.net", "editor@example.com"});
}

TEST_CASE("SMTP: the greeting names the sender's domain unless the URL names one") {
  TestSmtpServer server;
  SmtpSettings settings = settings_for(server);
  REQUIRE(send_one(settings).outcome == SendOutcome::sent);
  settings.url = server.url() + "/client.example.com";
  REQUIRE(send_one(settings).outcome == SendOutcome::sent);
  const auto mails = server.wait_for(2);
  REQUIRE(mails.size() == 2);
  CHECK(mails[0].ehlo == "example.org");
  CHECK(mails[1].ehlo == "client.example.com");
}

TEST_CASE("SMTP: bare line feeds are sent as CRLF and a missing final line end is added") {
  TestSmtpServer server;
  const SendResult result =
      send_mail(settings_for(server), {"desk@example.net"}, "Subject: x\n\nline\n.\nlast");
  REQUIRE(result.outcome == SendOutcome::sent);
  const auto mails = server.wait_for(1);
  REQUIRE(mails.size() == 1);
  CHECK(mails[0].data == "Subject: x\r\n\r\nline\r\n.\r\nlast\r\n");
}

TEST_CASE("SMTP: a recipient refused with 550 is permanent and the detail quotes the server") {
  TestSmtpServer server(SmtpServerOptions{.reject_rcpt = 550});
  const SendResult result = send_one(settings_for(server));
  CHECK(result.outcome == SendOutcome::permanent);
  CHECK(result.smtp_code == 550);
  CHECK(result.detail.find("550 5.1.1 <desk@example.net>: Recipient address rejected") !=
        std::string::npos);
  CHECK(server.received().empty());
}

TEST_CASE("SMTP: one refused recipient out of two fails the whole message") {
  TestSmtpServer server(SmtpServerOptions{.reject_rcpt = 550, .reject_only = {"gone@example.com"}});
  const SendResult result =
      send_mail(settings_for(server), {"desk@example.net", "gone@example.com"}, k_message);
  CHECK(result.outcome == SendOutcome::permanent);
  CHECK(result.detail.find("gone@example.com") != std::string::npos);
  CHECK(server.received().empty());
}

TEST_CASE("SMTP: a 451 after DATA is transient and a 554 is permanent") {
  {
    TestSmtpServer server(SmtpServerOptions{.reject_data = 451});
    const SendResult result = send_one(settings_for(server));
    CHECK(result.outcome == SendOutcome::transient);
    CHECK(result.smtp_code == 451);
    CHECK(result.detail.find("451 4.3.0") != std::string::npos);
  }
  {
    TestSmtpServer server(SmtpServerOptions{.reject_data = 554});
    const SendResult result = send_one(settings_for(server));
    CHECK(result.outcome == SendOutcome::permanent);
    CHECK(result.smtp_code == 554);
    CHECK(result.detail.find("554 5.6.0 Message rejected") != std::string::npos);
  }
}

TEST_CASE("SMTP: a server failing the first message with 451 accepts the retry") {
  TestSmtpServer server(SmtpServerOptions{.fail_first = 1});
  const SmtpSettings settings = settings_for(server);
  CHECK(send_one(settings).outcome == SendOutcome::transient);
  CHECK(send_one(settings).outcome == SendOutcome::sent);
  CHECK(server.wait_for(1).size() == 1);
}

TEST_CASE("SMTP: a server that is not listening is transient and the detail says so") {
  // A bound socket that never listens: connections are refused and no one else gets the port.
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(sock >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  SmtpSettings settings;
  settings.url = "smtp://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  settings.from = "tracker@example.org";
  const SendResult result = send_one(settings);
  ::close(sock);
  CHECK(result.outcome == SendOutcome::transient);
  CHECK(result.smtp_code == 0);
  CHECK(result.detail.starts_with("cannot connect to the SMTP server: "));
}

TEST_CASE("SMTP: a server that stalls past the total timeout is transient") {
  TestSmtpServer server(SmtpServerOptions{.slow_seconds = 5});
  SmtpSettings settings = settings_for(server);
  settings.total_timeout = 1s;
  const auto start = std::chrono::steady_clock::now();
  const SendResult result = send_one(settings);
  CHECK(std::chrono::steady_clock::now() - start < 4s);
  CHECK(result.outcome == SendOutcome::transient);
  CHECK(result.detail.starts_with("the SMTP server did not answer in time: "));
}

TEST_CASE("SMTP: a connection lost before the reply to DATA is transient") {
  TestSmtpServer server(SmtpServerOptions{.drop_data = true});
  const SendResult result = send_one(settings_for(server));
  CHECK(result.outcome == SendOutcome::transient);
  CHECK(result.detail.starts_with("the connection to the SMTP server was lost: "));
}

TEST_CASE("SMTP: AUTH with the right credentials is sent and accepted") {
  TestSmtpServer server(SmtpServerOptions{.auth = "alice:s3cret-Pa55"});
  SmtpSettings settings = settings_for(server);
  settings.username = "alice";
  settings.password = "s3cret-Pa55";
  const SendResult result = send_one(settings);
  CHECK(result.outcome == SendOutcome::sent);
  const auto mails = server.wait_for(1);
  REQUIRE(mails.size() == 1);
  CHECK(mails[0].login == "alice");
}

TEST_CASE("SMTP: wrong credentials are permanent and the detail holds neither user nor password") {
  TestSmtpServer server(SmtpServerOptions{.auth = "alice:s3cret-Pa55"});
  SmtpSettings settings = settings_for(server);
  settings.username = "alice";
  settings.password = "wrong-Pa55word";
  const SendResult result = send_one(settings);
  CHECK(result.outcome == SendOutcome::permanent);
  CHECK(result.smtp_code == 535);
  CHECK(result.detail.find("535") != std::string::npos);
  CHECK(result.detail.find("wrong-Pa55word") == std::string::npos);
  CHECK(result.detail.find("alice") == std::string::npos);
  CHECK(server.received().empty());
}

TEST_CASE("SMTP: no credentials for a server that requires AUTH is permanent") {
  TestSmtpServer server(SmtpServerOptions{.auth = "alice:s3cret-Pa55"});
  const SendResult result = send_one(settings_for(server));
  CHECK(result.outcome == SendOutcome::permanent);
  CHECK(result.smtp_code == 530);
}

TEST_CASE("SMTP: credentials are redacted even when the server echoes them") {
  // The 550 reply names the recipient; with the recipient as user name it must not show.
  TestSmtpServer server(SmtpServerOptions{.reject_rcpt = 550});
  SmtpSettings settings = settings_for(server);
  settings.username = "desk@example.net";
  settings.password = "whatever";
  const SendResult result = send_one(settings);
  CHECK(result.outcome == SendOutcome::permanent);
  CHECK(result.detail.find("desk@example.net") == std::string::npos);
  CHECK(result.detail.find("Recipient address rejected") != std::string::npos);
}

TEST_CASE("SMTP: a 535 reply that echoes the AUTH string keeps no encoding of the password") {
  TestSmtpServer server(SmtpServerOptions{.auth = "alice:s3cret-Pa55", .echo_auth = true});
  SmtpSettings settings = settings_for(server);
  settings.username = "alice";
  settings.password = "wrong-Pa55word";
  const SendResult result = send_one(settings);
  CHECK(result.smtp_code == 535);
  CAPTURE(result.detail);
  CHECK(result.detail.find("Bad credentials in AUTH") != std::string::npos);
  for (const char* form : {"wrong-Pa55word", "AGFsaWNlAHdyb25nLVBhNTV3b3Jk",  // "\0alice\0wrong-Pa55word"
                           "d3JvbmctUGE1NXdvcmQ=", "YWxpY2U="}) {       // "wrong-Pa55word", "alice"
    CAPTURE(form);
    CHECK(result.detail.find(form) == std::string::npos);
  }
}

TEST_CASE("SMTP: the password inside any base64 string is blanked, whatever its alignment") {
  using tracker::alert::redact_credentials;
  // base64 of "x\0u\0pw-Secret!" and of "xy:pw-Secret!" (other prefixes, other alignments).
  const std::string one = redact_credentials("535 eAB1AHB3LVNlY3JldCE= no", "u", "pw-Secret!");
  const std::string two = redact_credentials("535 eHk6cHctU2VjcmV0IQ== no", "u", "pw-Secret!");
  CHECK(one.find("LVNlY3Jl") == std::string::npos);
  CHECK(two.find("cHctU2VjcmV0") == std::string::npos);
  CHECK(one.starts_with("535 "));
  CHECK(one.ends_with(" no"));
  CHECK(redact_credentials("550 nobody@example.org unknown", "", "") == "550 nobody@example.org unknown");
}

TEST_CASE("SMTP: an http:// URL is refused as permanent with a clear detail") {
  SmtpSettings settings;
  settings.url = "http://127.0.0.1:1/";
  settings.from = "tracker@example.org";
  const SendResult result = send_one(settings);
  CHECK(result.outcome == SendOutcome::permanent);
  CHECK(result.detail == "the SMTP URL must start with smtp:// or smtps://, not \"http://\"");
}

TEST_CASE("SMTP: a URL holding credentials is refused without echoing them") {
  SmtpSettings settings;
  settings.url = "smtp://bob:hunter2@127.0.0.1:1";
  settings.from = "tracker@example.org";
  const SendResult result = send_one(settings);
  CHECK(result.outcome == SendOutcome::permanent);
  CHECK(result.detail.find("hunter2") == std::string::npos);
}

TEST_CASE("SMTP: an address carrying CR LF is refused before it can inject a command") {
  TestSmtpServer server;
  const SendResult result =
      send_mail(settings_for(server), {"desk@example.net>\r\nRCPT TO:<spy@example.com"}, k_message);
  CHECK(result.outcome == SendOutcome::permanent);
  CHECK(result.detail.find('\n') == std::string::npos);
  CHECK(server.received().empty());
}

TEST_CASE("SMTP: requiring STARTTLS from a server that does not offer it is transient") {
  TestSmtpServer server;
  SmtpSettings settings = settings_for(server);
  settings.tls = TlsMode::required;
  const SendResult result = send_one(settings);
  CHECK(result.outcome == SendOutcome::transient);
  CHECK(result.detail.starts_with("TLS is required but the SMTP server does not offer STARTTLS"));
  CHECK(server.received().empty());
}

TEST_CASE("SMTP: STARTTLS to a self-signed server works only without verification") {
  TestSmtpServer server(SmtpServerOptions{.auth = "alice:s3cret-Pa55", .starttls = true});
  SmtpSettings settings = settings_for(server);
  settings.tls = TlsMode::required;
  settings.username = "alice";
  settings.password = "s3cret-Pa55";
  const SendResult verified = send_one(settings);
  CHECK(verified.outcome == SendOutcome::transient);
  CHECK(verified.detail.starts_with("TLS with the SMTP server failed: "));
  CHECK(verified.detail.find("s3cret-Pa55") == std::string::npos);
  settings.verify_tls = false;
  const SendResult unverified = send_one(settings);
  CHECK(unverified.outcome == SendOutcome::sent);
  const auto mails = server.wait_for(1);
  REQUIRE(mails.size() == 1);
  CHECK(mails[0].data == k_message);
  CHECK(mails[0].login == "alice");
}

TEST_CASE("SMTP: implicit TLS over smtps:// delivers the message") {
  TestSmtpServer server(SmtpServerOptions{.implicit_tls = true});
  SmtpSettings settings = settings_for(server);
  settings.tls = TlsMode::implicit;
  settings.verify_tls = false;
  REQUIRE(settings.url.starts_with("smtps://"));
  CHECK(send_one(settings).outcome == SendOutcome::sent);
  CHECK(server.wait_for(1).size() == 1);
  settings.url.replace(0, 5, "smtp");  // implicit TLS with an smtp:// URL is a mistake
  CHECK(send_one(settings).outcome == SendOutcome::permanent);
}

TEST_CASE("a password is only sent over TLS unless the SMTP server is on this machine") {
  tracker::alert::SmtpSettings settings;
  settings.url = "smtp://mail.example.org:587";
  CHECK_FALSE(tracker::alert::tls_required(settings));  // nothing secret to protect
  settings.username = "alice";
  settings.password = "s3cret";
  CHECK(tracker::alert::tls_required(settings));
  for (const char* local : {"smtp://127.0.0.1:2525", "smtp://localhost", "smtp://[::1]:25",
                            "smtp://127.0.0.53/client.example"}) {
    CAPTURE(local);
    settings.url = local;
    CHECK_FALSE(tracker::alert::tls_required(settings));
  }
  settings.url = "smtp://127.0.0.1.example.org";  // a name that could resolve anywhere
  CHECK(tracker::alert::tls_required(settings));
  settings.url = "smtp://localhost.example.org";
  CHECK(tracker::alert::tls_required(settings));
  settings.url = "smtp://127.0.0.1:2525";
  settings.tls = tracker::alert::TlsMode::required;
  CHECK(tracker::alert::tls_required(settings));
}

TEST_CASE("the host that decides whether TLS is required is the one libcurl connects to") {
  tracker::alert::SmtpSettings settings;
  settings.username = "alice";
  settings.password = "s3cret";
  for (const char* remote : {"smtp://mail.example.org:25/@127.0.0.1", "smtp://mail.example.org/@localhost",
                             "smtp://mail.example.org:25/x@[::1]", "smtp://mail.example.org#@127.0.0.1",
                             "smtp://mail.example.org?@127.0.0.1", "not a URL @127.0.0.1"}) {
    CAPTURE(remote);
    settings.url = remote;
    CHECK(tracker::alert::tls_required(settings));
  }
  for (const char* local : {"smtp://127.0.0.1:25/@mail.example.org", "smtp://[::ffff:127.0.0.1]:25",
                            "smtp://127.1:25"}) {
    CAPTURE(local);
    settings.url = local;
    CHECK_FALSE(tracker::alert::tls_required(settings));
  }
}

TEST_CASE("SMTP: a URL that names a local address after its real host sends no password in clear") {
  // libcurl resolves any name under .localhost to this machine without DNS, so the server is
  // reached; the host is still a name, not the local address the URL's text ends with.
  TestSmtpServer server(SmtpServerOptions{.auth = "alice:s3cret-Pa55"});
  SmtpSettings settings = settings_for(server);
  const std::string port = settings.url.substr(settings.url.rfind(':') + 1);
  settings.url = "smtp://mail.localhost:" + port + "/@127.0.0.1";
  settings.username = "alice";
  settings.password = "s3cret-Pa55";
  const SendResult result = send_one(settings);
  CAPTURE(result.detail);
  CHECK(result.outcome == SendOutcome::transient);
  CHECK(result.detail.starts_with("TLS is required but the SMTP server does not offer STARTTLS"));
  CHECK(server.received().empty());
}
