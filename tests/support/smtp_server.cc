#include "support/smtp_server.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "support/certificate.h"
#include "support/paths.h"

namespace tracker::test {
namespace {

std::vector<std::string> server_argv(const TempDir& dir, const SmtpServerOptions& options) {
  std::filesystem::create_directory(dir / "mail");
  std::vector<std::string> argv = {
      "/usr/bin/python3", (source_dir() / "tests/servers/smtp_server.py").string(),
      "--port-file",      (dir / "port").string(),
      "--maildir",        (dir / "mail").string()};
  const auto add = [&argv](const std::string& flag, const std::string& value) {
    argv.push_back(flag);
    argv.push_back(value);
  };
  if (options.reject_rcpt != 0) {
    add("--reject-rcpt", std::to_string(options.reject_rcpt));
  }
  for (const std::string& address : options.reject_only) {
    add("--reject-only", address);
  }
  if (options.reject_data != 0) {
    add("--reject-data", std::to_string(options.reject_data));
  }
  if (options.fail_first != 0) {
    add("--fail-first", std::to_string(options.fail_first));
  }
  if (options.slow_seconds > 0) {
    add("--slow", std::to_string(options.slow_seconds));
  }
  if (options.lifetime_seconds > 0) {
    add("--lifetime", std::to_string(options.lifetime_seconds));
  }
  if (options.drop_data) {
    argv.push_back("--drop-data");
  }
  if (!options.auth.empty()) {
    add("--auth", options.auth);
  }
  if (options.echo_auth) {
    argv.push_back("--echo-auth");
  }
  if (options.starttls || options.implicit_tls) {
    make_self_signed_certificate(dir.path());
    argv.insert(argv.end(), {options.starttls ? "--starttls" : "--smtps",
                             (dir / "cert.pem").string(), (dir / "key.pem").string()});
  }
  return argv;
}

}  // namespace

TestSmtpServer::TestSmtpServer(const SmtpServerOptions& options)
    : m_implicit_tls(options.implicit_tls), m_process(server_argv(m_dir, options)) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!std::filesystem::exists(m_dir / "port")) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("the test SMTP server did not start");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  m_port = std::stoi(read_file(m_dir / "port"));
}

std::string TestSmtpServer::url() const {
  return (m_implicit_tls ? "smtps://127.0.0.1:" : "smtp://127.0.0.1:") + std::to_string(m_port);
}

std::vector<ReceivedMail> TestSmtpServer::received() const {
  // The server renames each .json into place before its .eml, so every .eml seen here is
  // complete and has its envelope.
  std::vector<std::filesystem::path> messages;
  for (const auto& entry : std::filesystem::directory_iterator(m_dir / "mail")) {
    if (entry.path().extension() == ".eml") {
      messages.push_back(entry.path());
    }
  }
  std::sort(messages.begin(), messages.end());
  std::vector<ReceivedMail> out;
  for (const auto& path : messages) {
    std::filesystem::path envelope_path = path;
    envelope_path.replace_extension(".json");
    const auto envelope = nlohmann::json::parse(read_file(envelope_path));
    ReceivedMail mail;
    mail.mail_from = envelope.at("mail_from").get<std::string>();
    mail.rcpt_tos = envelope.at("rcpt_tos").get<std::vector<std::string>>();
    if (!envelope.at("login").is_null()) {
      mail.login = envelope.at("login").get<std::string>();
    }
    mail.ehlo = envelope.at("ehlo").get<std::string>();
    mail.data = read_file(path);
    mail.received_at = envelope.value("received_at", 0.0);
    out.push_back(std::move(mail));
  }
  return out;
}

std::vector<ReceivedMail> TestSmtpServer::wait_for(std::size_t count,
                                                   std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<ReceivedMail> mails = received();
  while (mails.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    mails = received();
  }
  return mails;
}

}  // namespace tracker::test
