// No secret in logs, reports, error messages or the store: the SMTP password, wrong on
// purpose so that every failure path that could quote it runs.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/smtp_server.h"

using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::SmtpServerOptions;
using tracker::test::TestSmtpServer;
using tracker::test::write_file;

namespace {

const std::string k_secret = "wrong-S3cret-Xyz";
// The secret as AUTH PLAIN and AUTH LOGIN put it on the wire: base64 of "\0desk\0SECRET" and
// of "SECRET" alone.
const std::string k_plain_base64 = "AGRlc2sAd3JvbmctUzNjcmV0LVh5eg==";
const std::string k_login_base64 = "d3JvbmctUzNjcmV0LVh5eg==";

void check_no_secret(const std::string& where, const std::string& text) {
  CAPTURE(where);
  CHECK(text.find(k_secret) == std::string::npos);
  CHECK(text.find(k_plain_base64) == std::string::npos);
  CHECK(text.find(k_login_base64) == std::string::npos);
}

// A run whose alert the SMTP server refuses for the wrong password, with debug logging to a
// file, then every command that could show the failure: none may show the secret.
void check_refused_password_stays_secret(const SmtpServerOptions& options) {
  TestSmtpServer smtp(options);
  DemoSite site;
  write_file(site.dir() / "secret", k_secret + "\n");
  REQUIRE(::chmod((site.dir() / "secret").c_str(), 0600) == 0);
  write_file(site.dir() / "watch.toml", "[[source]]\nname = \"demo\"\nurl = \"" + site.base() + "/feed.xml\"\n");
  write_file(site.config(), read_file(site.config()) + "[smtp]\nurl = \"" + smtp.url() +
                                "\"\nfrom = \"tracker@example.org\"\nusername = \"desk\"\npassword_file = \"secret\"\n"
                                "[[alert]]\nto = [\"desk@example.org\"]\nmin_significance = \"low\"\n");
  const std::filesystem::path log = site.dir() / "tracker.log";

  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 0);
  site.publish("v4-rotation.txt");
  const auto run = run_tracker({"-vv", "--log-file", log.string(), "run", "--config", site.config().string(), "--all",
                                "--color", "never"});
  CHECK(run.exit_code == 7);  // the alert could not be sent
  CHECK(smtp.received().empty());

  const auto failed = run_tracker({"alerts", "--failed", "--store", site.store().string()});
  const auto listed = run_tracker({"alerts", "--store", site.store().string(), "--format", "json"});
  const auto status = run_tracker({"status", "--config", site.config().string(), "--format", "json"});
  const auto test_mail = run_tracker({"-vv", "alert-test", "--config", site.config().string()});
  CHECK(test_mail.exit_code != 0);

  // The failure is reported, with the server's reason: the checks below look at real output.
  CHECK(failed.out.find("535") != std::string::npos);
  CHECK(read_file(log).find("535") != std::string::npos);
  if (options.echo_auth) {  // the server did quote what it got, redacted
    CHECK(failed.out.find("Bad credentials in AUTH") != std::string::npos);
  }

  for (const auto& [where, text] : std::vector<std::pair<std::string, std::string>>{
           {"run stdout", run.out}, {"run stderr", run.err}, {"log file", read_file(log)},
           {"alerts --failed", failed.out + failed.err}, {"alerts json", listed.out + listed.err},
           {"status", status.out + status.err}, {"alert-test", test_mail.out + test_mail.err}}) {
    check_no_secret(where, text);
  }
  // Nor anywhere in the store's files, the outbox's last_error included.
  for (const auto& entry : std::filesystem::directory_iterator(site.store().parent_path())) {
    check_no_secret(entry.path().string(), read_file(entry.path()));
  }
}

}  // namespace

TEST_CASE("a refused SMTP password appears in no output, log, listing or stored error") {
  check_refused_password_stays_secret(SmtpServerOptions{.auth = "desk:right-Pa55"});
}

TEST_CASE("an SMTP reply that echoes the AUTH string leaves no encoding of the password anywhere") {
  check_refused_password_stays_secret(SmtpServerOptions{.auth = "desk:right-Pa55", .echo_auth = true});
}
