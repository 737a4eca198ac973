#pragma once

#include <filesystem>
#include <string>

#include <toml++/toml.h>
#include <tl/expected.hpp>

#include "tracker/alert/rules.h"
#include "tracker/alert/smtp.h"

namespace tracker::config {

// The [smtp] table. Credentials are not in it: they are read when mail is sent.
struct SmtpConfig {
  alert::SmtpSettings server;       // url, from, tls, verify_tls, timeouts; no credentials
  std::string username;             // the `username` key; TRACKER_SMTP_USER overrides it
  std::filesystem::path password_file;  // a file only its owner can read; may be empty
  std::string origin;               // "tracker.toml:12"
};

// Reads an [smtp] table: url (smtp:// or smtps://), from, starttls ("opportunistic" or
// "required"), verify_tls, timeout, username, password_file (relative to `folder`).
tl::expected<SmtpConfig, std::string> read_smtp_table(const std::string& file, const toml::node& node,
                                                      const std::filesystem::path& folder);

// Reads one [[alert]] table: to, topics, min_significance, sources, story, digest; for a figure-ledger
// rule, events, measures and search.
tl::expected<alert::AlertRule, std::string> read_alert_table(const std::string& file,
                                                             const toml::node& node);

// The server settings with credentials: the user from TRACKER_SMTP_USER or `username`, the
// password from TRACKER_SMTP_PASSWORD or the first line of password_file, which must not be
// readable by group or others. Errors never show a credential.
tl::expected<alert::SmtpSettings, std::string> smtp_with_credentials(const SmtpConfig& config);

}  // namespace tracker::config
