#pragma once

// A loopback news site with [smtp] and [[alert]] tables, and what a test reads in the mail it
// sends: shared by the alert tests that run tracker end to end.

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"

namespace tracker::test {

// The demo site with alerts.toml: the site's feed and an empty one (no failing source, so the
// exit status speaks of alerts) and `more_sources`, [smtp] at `smtp_url` and the given
// [[alert]] tables.
struct AlertSite {
  DemoSite site;
  std::filesystem::path config = site.config().parent_path() / "alerts.toml";

  void configure(const std::string& smtp_url, const std::string& rules,
                 const std::string& more_sources = "") {
    // "quiet" is a second source whose feed has no items: rules can name a source without changes.
    write_file(config.parent_path() / "site/quiet.xml",
               "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Quiet</title>"
               "<link>" +
                   site.base() + "/</link><description>d</description></channel></rss>");
    write_file(config.parent_path() / "demo-only.toml",
               "[[source]]\nname = \"demo\"\nurl = \"" + site.base() +
                   "/feed.xml\"\n"
                   "[[source]]\nname = \"quiet\"\nurl = \"" +
                   site.base() + "/quiet.xml\"\n" + more_sources);
    write_file(config, "watch = [\"demo-only.toml\"]\nstore = \"store/tracker.db\"\ntopics = \"" +
                           (tracker::test::source_dir() / "feeds/topics.toml").string() + "\"\n" +
                           "[smtp]\nurl = \"" + smtp_url + "\"\nfrom = \"tracker@example.org\"\n" +
                           rules);
  }

  // The store holds the report's first version (v3) and the site serves its update (v4), whose
  // changes the next run finds.
  void stored_then_updated() {
    site.publish("v3-full.txt");
    REQUIRE(run().exit_code == 0);
    site.publish("v4-rotation.txt");
  }

  tracker::test::ProcessResult run(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run",   "--config", config.string(),
                                     "--all", "--color",  "never"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_tracker(args);
  }

  nlohmann::json alerts(const std::string& filter = "") {
    std::vector<std::string> args = {"alerts", "--store", site.store().string(), "--format",
                                     "json"};
    if (!filter.empty()) {
      args.push_back(filter);
    }
    auto listed = run_tracker(args);
    REQUIRE(listed.exit_code == 0);
    return nlohmann::json::parse(listed.out);
  }
};

// What Python's email package reads in a message (tests/tools/parse_mail.py).
inline nlohmann::json parse_mail(const std::string& data) {
  auto parsed = run_process(
      {"/usr/bin/python3", (tracker::test::source_dir() / "tests/tools/parse_mail.py").string()},
      data);
  REQUIRE_MESSAGE(parsed.exit_code == 0, parsed.err);
  return nlohmann::json::parse(parsed.out);
}

inline std::string header(const nlohmann::json& mail, const std::string& name) {
  const auto& headers = mail["headers"];
  return headers.contains(name) ? headers[name][0].get<std::string>() : std::string();
}

inline std::string all_text(const nlohmann::json& mail) {
  std::string text;
  for (const auto& part : mail["parts"]) {
    text += part["text"].get<std::string>();
  }
  return text;
}

}  // namespace tracker::test
