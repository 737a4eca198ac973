#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace tracker::test {

// Waits (up to 20 s) for feeds/demo/serve.py to write the port it bound to `port_file`;
// "http://127.0.0.1:PORT".
inline std::string loopback_base_from(const std::filesystem::path& port_file) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!std::filesystem::exists(port_file)) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "http://127.0.0.1:" + read_file(port_file);
}

// A news site on loopback (feeds/demo/serve.py over a temp folder) and a tracker.toml
// watching its feed, with the store in the same temp folder.
class DemoSite {
 public:
  DemoSite()
      : m_server({"/usr/bin/python3", (source_dir() / "feeds/demo/serve.py").string(),
                  (prepare() / "site").string(), (m_dir / "port").string()}) {
    m_base = loopback_base_from(m_dir / "port");
    write_file(m_dir / "site/feed.xml",
               "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Demo</title>"
               "<link>" + m_base + "/</link><description>d</description>"
               "<item><title>Kursk</title><link>" + m_base + "/kursk.html</link>"
               "<guid isPermaLink=\"false\">kursk-1</guid></item></channel></rss>");
    write_file(m_dir / "watch.toml", "[[source]]\nname = \"demo\"\nurl = \"" + m_base +
                                         "/feed.xml\"\ninterval = \"5m\"\n[[source]]\nname = \"broken\"\n"
                                         "url = \"http://127.0.0.1:1/feed.xml\"\n");
    write_file(m_dir / "tracker.toml", "watch = [\"watch.toml\"]\nstore = \"store/tracker.db\"\ntopics = \"" +
                                           (source_dir() / "feeds/topics.toml").string() + "\"\n");
  }

  // Puts version `name` (a snapshots/kursk text) on the site as the article page.
  void publish(const std::string& name) {
    auto result = run_process({"/usr/bin/python3", (source_dir() / "feeds/demo/render_version.py").string(),
                               (source_dir() / "snapshots/kursk" / name).string(),
                               (m_dir / "site/kursk.html").string()});
    REQUIRE(result.exit_code == 0);
    // HTTP dates have whole seconds: move the page's time on, so that a version published
    // within the second of the last fetch still differs for If-Modified-Since.
    m_clock += std::chrono::seconds(10);
    std::filesystem::last_write_time(m_dir / "site/kursk.html", m_clock);
  }

  tracker::test::ProcessResult run(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run", "--config", (m_dir / "tracker.toml").string(), "--all",
                                     "--color", "never"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_tracker(args);
  }

  std::filesystem::path store() const { return m_dir / "store/tracker.db"; }
  std::filesystem::path config() const { return m_dir / "tracker.toml"; }
  const std::string& base() const { return m_base; }  // "http://127.0.0.1:PORT"
  std::filesystem::path site_dir() const { return m_dir / "site"; }  // what the server serves
  std::filesystem::path dir() const { return m_dir.path(); }           // config, watch file, store

 private:
  const std::filesystem::path& prepare() {
    std::filesystem::create_directories(m_dir / "site");
    return m_dir.path();
  }

  TempDir m_dir;
  std::filesystem::file_time_type m_clock = std::filesystem::file_time_type::clock::now();
  BackgroundProcess m_server;
  std::string m_base;
};

}  // namespace tracker::test
