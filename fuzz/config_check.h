#pragma once

// The config-loader fuzz target's body, shared by fuzz/config_fuzz.cc and the regression
// replay in tests/fuzz_regressions_test.cc. The loaders take paths, so the input is written as
// a file into a small project folder (ConfigSandbox) and read as a tracker.toml, as a watch
// file added to settings that already hold sources, and as a topics file. Beyond not crashing:
// whatever loads is valid (non-empty unique source names, intervals of at least 1s, http(s)
// URLs, counts and timeouts above zero, alert rules that name real sources and have a
// server), and every error names a file of the project.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

#include <toml++/toml.h>

#include "tracker/alert/rules.h"
#include "tracker/claims/claim_extractor.h"
#include "tracker/config/settings.h"
#include "tracker/config/topics_file.h"
#include "tracker/text/utf8.h"

namespace tracker::fuzz {

inline void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::abort();  // the sandbox itself is broken: no input can be judged
  }
}

// A per-process folder under /dev/shm (memory: the loaders reread it on every input) laid out
// like a project: feeds/world.toml (two sources, so that a fuzzed watch file can clash with
// them), feeds/topics.toml (which a `watch = ["feeds/*.toml"]` glob must skip) and the input,
// written to tracker.toml. Removed with its contents.
class ConfigSandbox {
 public:
  ConfigSandbox() {
    std::error_code ignored;
    const std::filesystem::path base =
        std::filesystem::is_directory("/dev/shm", ignored) ? "/dev/shm" : std::filesystem::temp_directory_path();
    m_folder = base / ("tracker-config-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(m_folder, ignored);
    std::filesystem::create_directories(m_folder / "feeds");
    write_bytes(m_folder / "feeds" / "world.toml",
                "[[source]]\nname = \"world\"\nurl = \"https://example.org/world/feed.xml\"\n"
                "kind = \"feed\"\ninterval = \"15m\"\n\n"
                "[[source]]\nname = \"story\"\nurl = \"https://example.org/story\"\n");
    write_bytes(m_folder / "feeds" / "topics.toml",
                "version = 1\n[topics.casualties]\nterms = [\"killed\", \"wounded\"]\n");
  }
  ~ConfigSandbox() {
    std::error_code ignored;
    std::filesystem::remove_all(m_folder, ignored);
  }
  ConfigSandbox(const ConfigSandbox&) = delete;
  ConfigSandbox& operator=(const ConfigSandbox&) = delete;

  const std::filesystem::path& folder() const { return m_folder; }
  std::filesystem::path input() const { return m_folder / "tracker.toml"; }

 private:
  std::filesystem::path m_folder;
};

namespace config_detail {

// A `watch` glob may only reach the sandbox: a relative pattern of plain names and wildcards,
// no component starting with '.' (which would let "..", or ".*" matching "..", climb out).
// Otherwise a mutated `watch = ["/dev/*"]` would have the loader read /dev/zero forever.
inline bool glob_stays_inside(std::string_view pattern) {
  if (pattern.empty() || pattern.front() == '/') {
    return false;
  }
  char previous = '/';
  for (const char c : pattern) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '_' || c == '-' || c == '*' || c == '?' || c == '/' || c == '.';
    if (!plain || (c == '.' && previous == '/')) {
      return false;
    }
    previous = c;
  }
  return true;
}

// True unless the input, parsed as TOML, has a `watch` list with a pattern that could leave
// the sandbox (such an input is still read as a watch file and as a topics file).
inline bool watch_globs_stay_inside(std::string_view text) {
  try {
    const toml::table root = toml::parse(text);
    const toml::array* watch = root["watch"].as_array();
    if (watch == nullptr) {
      return true;
    }
    for (const toml::node& node : *watch) {
      const std::optional<std::string> pattern = node.value<std::string>();
      if (pattern && !glob_stays_inside(*pattern)) {
        return false;
      }
    }
    return true;
  } catch (const toml::parse_error&) {
    return true;  // the loader refuses it before any glob
  }
}

inline std::string check_error(const std::string& error, const std::filesystem::path& folder,
                               std::string_view loader) {
  if (!error.starts_with(folder.string() + "/")) {
    return std::string(loader) + ": the error does not start with the file it is about: " + error;
  }
  return {};
}

inline bool is_http_url(const std::string& url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

// The invariants of a Settings that loaded; "" when they hold. `complete`: load_settings made
// it, which also checks that alert rules have a server and name real sources (a watch file
// alone is not checked for that: its rules may name sources of other files).
inline std::string check_settings(const config::Settings& settings, const std::filesystem::path& folder,
                                  bool complete) {
  const std::string prefix = folder.string() + "/";
  std::set<std::string> names;
  for (const config::SourceConfig& source : settings.sources) {
    if (source.name.empty() || !names.insert(source.name).second) {
      return "source name empty or used twice: '" + source.name + "'";
    }
    if (source.interval < std::chrono::seconds(1)) {
      return "source '" + source.name + "' has an interval under 1s";
    }
    if (!is_http_url(source.url) && !(source.allow_file && source.url.starts_with("file://"))) {
      return "source '" + source.name + "' has a URL that is neither http(s) nor an allowed file: " + source.url;
    }
    if (!source.origin.starts_with(prefix)) {
      return "source '" + source.name + "' has an origin outside the project: " + source.origin;
    }
  }
  if (settings.concurrency < 1 || settings.concurrency > 256 || settings.per_host < 1 || settings.per_host > 256) {
    return "concurrency or per_host outside 1..256";
  }
  if (settings.host_delay.count() <= 0 || settings.connect_timeout.count() <= 0 ||
      settings.total_timeout.count() <= 0 || settings.max_body_bytes < 1 || settings.max_items_per_feed < 1) {
    return "a limit is zero or negative";
  }
  if (settings.smtp) {
    const alert::SmtpSettings& server = settings.smtp->server;
    if (!server.url.starts_with("smtp://") && !server.url.starts_with("smtps://")) {
      return "[smtp] url is not smtp:// or smtps://: " + server.url;
    }
    if (server.from.find('@') == std::string::npos || !server.password.empty()) {
      return "[smtp] from is not an address, or a password was read from the config";
    }
    if (server.total_timeout.count() <= 0 || server.connect_timeout.count() <= 0 ||
        server.connect_timeout > server.total_timeout) {
      return "[smtp] timeouts out of order";
    }
    if (!settings.smtp->origin.starts_with(prefix)) {
      return "[smtp] origin outside the project: " + settings.smtp->origin;
    }
  }
  for (const alert::AlertRule& rule : settings.alerts) {
    if (complete && !settings.smtp) {
      return "an [[alert]] loaded without an [smtp] table";
    }
    if (rule.to.empty() || !rule.origin.starts_with(prefix)) {
      return "an [[alert]] with no recipient or an origin outside the project: " + rule.origin;
    }
    for (const std::string& address : rule.to) {
      if (address.find('@') == std::string::npos) {
        return "an [[alert]] recipient is not an address: " + address;
      }
    }
    for (const std::string& source : rule.sources) {
      if (complete && names.count(source) == 0) {
        return "an [[alert]] names a source that does not exist: " + source;
      }
    }
    if (alert::rule_key(rule).empty()) {
      return "an [[alert]] has an empty rule key";
    }
  }
  return {};
}

inline std::string check_lexicon(const claims::TopicLexicon& lexicon) {
  if (lexicon.topics.empty()) {
    return "a topics file loaded with no topics";
  }
  for (const claims::Topic& topic : lexicon.topics) {
    if (topic.terms.empty() ||
        std::any_of(topic.terms.begin(), topic.terms.end(), [](const std::string& term) { return term.empty(); })) {
      return "topic '" + topic.name + "' loaded with no terms or an empty term";
    }
  }
  // What a loaded lexicon is for: matching claims. Its terms are any text at all.
  claims::ClaimExtractor extractor(lexicon);
  for (const claims::Claim& claim :
       extractor.extract({"Officials said 12 soldiers were killed and 40 wounded on Monday.",
                          lexicon.topics.front().terms.front() + " rose to 300, the ministry said."})) {
    if (!text::is_valid_utf8(claim.text)) {
      return "a claim matched with the loaded lexicon is not valid UTF-8";
    }
  }
  return {};
}

}  // namespace config_detail

// Runs the loaders on `bytes`; "" when every invariant holds, else the one that broke.
inline std::string check_config_input(std::string_view bytes, const ConfigSandbox& sandbox) {
  using namespace config_detail;
  const std::filesystem::path file = sandbox.input();
  write_bytes(file, bytes);
  const std::filesystem::path& folder = sandbox.folder();

  if (watch_globs_stay_inside(bytes)) {
    auto settings = config::load_settings(file);
    std::string broken = settings ? check_settings(*settings, folder, true) : check_error(settings.error(), folder, "load_settings");
    if (!broken.empty()) {
      return broken;
    }
  }

  // As one more watch file of a project whose feeds/world.toml is read already.
  config::Settings settings;
  if (!config::load_watch_file(folder / "feeds" / "world.toml", settings)) {
    return "the sandbox's own watch file does not load";
  }
  const std::size_t before = settings.sources.size();
  auto added = config::load_watch_file(file, settings);
  if (added) {
    if (settings.sources.size() <= before) {
      return "load_watch_file succeeded without adding a source";
    }
    if (std::string broken = check_settings(settings, folder, false); !broken.empty()) {
      return "load_watch_file: " + broken;
    }
  } else if (std::string broken = check_error(added.error(), folder, "load_watch_file"); !broken.empty()) {
    return broken;
  }

  auto lexicon = config::load_topics(file);
  auto parsed = config::parse_topics(bytes, file.string());
  if (lexicon.has_value() != parsed.has_value() || (!lexicon && lexicon.error() != parsed.error())) {
    return "load_topics and parse_topics disagree";
  }
  if (!lexicon) {
    return check_error(lexicon.error(), folder, "load_topics");
  }
  return check_lexicon(*lexicon);
}

}  // namespace tracker::fuzz
