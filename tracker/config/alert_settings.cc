#include "tracker/config/alert_settings.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>

#include "tracker/config/toml_values.h"
#include "tracker/text/did_you_mean.h"

namespace tracker::config {
namespace {

constexpr std::array<std::string_view, 8> k_smtp_keys = {
    "url", "from", "starttls", "verify_tls", "timeout", "username", "password_file", "password"};
constexpr std::array<std::string_view, 9> k_alert_keys = {
    "to", "topics", "min_significance", "sources", "story", "digest", "events", "measures", "search"};
constexpr std::array<std::string_view, 3> k_significances = {"high", "medium", "low"};

// A plain addr-spec: something@domain, nothing that could end a header or start another.
bool plausible_address(std::string_view address) {
  const std::size_t at = address.rfind('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size()) {
    return false;
  }
  return std::none_of(address.begin(), address.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == ',' || c == '"' ||
           c == '(' || c == ')' || c == ';' || c == '\\' || c == 0x7f;
  });
}

tl::expected<std::string, std::string> address_at(const std::string& file, const toml::node& node,
                                                  std::string_view key) {
  auto address = string_at(file, node, key);
  if (!address) {
    return address;
  }
  if (!plausible_address(*address)) {
    return tl::make_unexpected(where(file, node.source()) + ": '" + std::string(key) + "': \"" +
                               *address + "\" is not an email address (write name@example.org)");
  }
  return address;
}

// The keys of a figure-ledger rule: events (each a ledger event), measures and search. A rule
// with measures or search but no events, or with events and min_significance, is refused: the
// one would silently mail claim changes, the other a threshold that ledger events do not have.
tl::expected<void, std::string> read_ledger_keys(const std::string& file, const toml::table& table,
                                                 alert::AlertRule& rule) {
  if (const toml::node* events = table.get("events")) {
    auto names = string_list_at(file, *events, "events", true);
    if (!names) {
      return tl::make_unexpected(names.error());
    }
    if (names->empty()) {
      return tl::make_unexpected(where(file, events->source()) +
                                 ": 'events' must name at least one ledger event");
    }
    for (const std::string& name : *names) {
      if (std::find(alert::k_ledger_event_names.begin(), alert::k_ledger_event_names.end(), name) ==
          alert::k_ledger_event_names.end()) {
        const std::string suggestion = text::did_you_mean(name, alert::k_ledger_event_names);
        return tl::make_unexpected(
            where(file, events->source()) + ": 'events': \"" + name +
            "\" is not a ledger event (new-figure, corroborated, repeated, revised, contradicted)" +
            (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"));
      }
    }
    rule.events = std::move(*names);
  }
  if (const toml::node* measures = table.get("measures")) {
    auto names = string_list_at(file, *measures, "measures", true);
    if (!names) {
      return tl::make_unexpected(names.error());
    }
    rule.measures = std::move(*names);
  }
  if (const toml::node* search = table.get("search")) {
    auto words = string_at(file, *search, "search");
    if (!words) {
      return tl::make_unexpected(words.error());
    }
    rule.search = std::move(*words);
  }
  if (!rule.ledger() && (table.contains("measures") || table.contains("search"))) {
    return tl::make_unexpected(rule.origin +
                               ": 'measures' and 'search' choose figure-ledger events; add 'events' "
                               "(e.g. events = [\"new-figure\", \"revised\", \"contradicted\"])");
  }
  if (rule.ledger() && table.contains("min_significance")) {
    return tl::make_unexpected(rule.origin +
                               ": 'min_significance' grades claim changes, and a rule with 'events' "
                               "mails ledger events; use two [[alert]] tables");
  }
  return {};
}

}  // namespace

tl::expected<SmtpConfig, std::string> read_smtp_table(const std::string& file, const toml::node& node,
                                                      const std::filesystem::path& folder) {
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    return tl::make_unexpected(where(file, node.source()) + ": 'smtp' must be a table ([smtp])");
  }
  if (auto known = check_keys(file, *table, k_smtp_keys); !known) {
    return tl::make_unexpected(known.error());
  }
  SmtpConfig config;
  config.origin = file + ":" + std::to_string(node.source().begin.line);
  if (const toml::node* password = table->get("password")) {
    return tl::make_unexpected(where(file, password->source()) +
                               ": a password does not belong in a config file; set "
                               "TRACKER_SMTP_PASSWORD or name a password_file only you can read");
  }
  const toml::node* url = table->get("url");
  const toml::node* from = table->get("from");
  if (url == nullptr || from == nullptr) {
    return tl::make_unexpected(config.origin + ": [smtp] needs 'url' and 'from'");
  }
  auto url_text = string_at(file, *url, "url");
  if (!url_text) {
    return tl::make_unexpected(url_text.error());
  }
  if (!url_text->starts_with("smtp://") && !url_text->starts_with("smtps://")) {
    return tl::make_unexpected(where(file, url->source()) +
                               ": 'url' must be smtp://HOST[:PORT] or smtps://HOST[:PORT]");
  }
  config.server.url = *url_text;
  config.server.tls = url_text->starts_with("smtps://") ? alert::TlsMode::implicit
                                                         : alert::TlsMode::opportunistic;
  auto from_text = address_at(file, *from, "from");
  if (!from_text) {
    return tl::make_unexpected(from_text.error());
  }
  config.server.from = *from_text;
  if (const toml::node* starttls = table->get("starttls")) {
    auto mode = string_at(file, *starttls, "starttls");
    if (!mode || (*mode != "opportunistic" && *mode != "required")) {
      return tl::make_unexpected(where(file, starttls->source()) +
                                 ": 'starttls' must be \"opportunistic\" or \"required\"");
    }
    if (*mode == "required" && config.server.tls == alert::TlsMode::opportunistic) {
      config.server.tls = alert::TlsMode::required;
    }
  }
  if (const toml::node* verify = table->get("verify_tls")) {
    auto value = bool_at(file, *verify, "verify_tls");
    if (!value) {
      return tl::make_unexpected(value.error());
    }
    config.server.verify_tls = *value;
  }
  if (const toml::node* timeout = table->get("timeout")) {
    auto value = duration_at(file, *timeout, "timeout");
    if (!value) {
      return tl::make_unexpected(value.error());
    }
    config.server.total_timeout = *value;
    config.server.connect_timeout = std::min(config.server.connect_timeout, *value);
  }
  if (const toml::node* username = table->get("username")) {
    auto value = string_at(file, *username, "username");
    if (!value) {
      return tl::make_unexpected(value.error());
    }
    config.username = *value;
  }
  if (const toml::node* password_file = table->get("password_file")) {
    auto value = string_at(file, *password_file, "password_file");
    if (!value) {
      return tl::make_unexpected(value.error());
    }
    const std::filesystem::path path(*value);
    config.password_file = path.is_absolute() ? path : folder / path;
  }
  return config;
}

tl::expected<alert::AlertRule, std::string> read_alert_table(const std::string& file,
                                                             const toml::node& node) {
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    return tl::make_unexpected(where(file, node.source()) + ": 'alert' must be [[alert]] tables");
  }
  if (auto known = check_keys(file, *table, k_alert_keys); !known) {
    return tl::make_unexpected(known.error());
  }
  alert::AlertRule rule;
  rule.origin = file + ":" + std::to_string(node.source().begin.line);
  const toml::node* to = table->get("to");
  if (to == nullptr) {
    return tl::make_unexpected(rule.origin + ": an [[alert]] needs 'to', the addresses to alert");
  }
  auto addresses = string_list_at(file, *to, "to", true);
  if (!addresses) {
    return tl::make_unexpected(addresses.error());
  }
  if (addresses->empty()) {
    return tl::make_unexpected(where(file, to->source()) + ": 'to' must name at least one address");
  }
  const toml::array* to_list = to->as_array();
  for (std::size_t i = 0; i < addresses->size(); ++i) {
    const toml::node& element = to_list != nullptr ? *to_list->get(i) : *to;
    auto address = address_at(file, element, "to");
    if (!address) {
      return tl::make_unexpected(address.error());
    }
  }
  rule.to = std::move(*addresses);
  if (const toml::node* topics = table->get("topics")) {
    auto names = string_list_at(file, *topics, "topics", true);
    if (!names) {
      return tl::make_unexpected(names.error());
    }
    rule.topics = std::move(*names);
  }
  if (const toml::node* sources = table->get("sources")) {
    auto names = string_list_at(file, *sources, "sources", true);
    if (!names) {
      return tl::make_unexpected(names.error());
    }
    rule.sources = std::move(*names);
  }
  if (const toml::node* story = table->get("story")) {
    // A document's id, as `tracker stories` lists its stories, or a [[story]] pin's name
    // (checked against the pins once every file is read).
    if (const auto* id = story->as_integer(); id != nullptr && id->get() > 0) {
      rule.story = std::to_string(id->get());
    } else if (story->is_string() && !story->as_string()->get().empty()) {
      rule.story = story->as_string()->get();
    } else {
      return tl::make_unexpected(where(file, story->source()) +
                                 ": 'story' must be a story's document id (a positive number, as 'tracker stories' "
                                 "lists it) or the name of a [[story]]");
    }
  }
  if (const toml::node* significance = table->get("min_significance")) {
    auto name = string_at(file, *significance, "min_significance");
    if (!name) {
      return tl::make_unexpected(name.error());
    }
    const std::optional<diff::Significance> parsed = diff::parse_significance(*name);
    if (!parsed) {
      const std::string suggestion = text::did_you_mean(*name, k_significances);
      return tl::make_unexpected(where(file, significance->source()) +
                                 ": 'min_significance' must be \"high\", \"medium\" or \"low\"" +
                                 (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"));
    }
    rule.min_significance = *parsed;
  }
  if (const toml::node* digest = table->get("digest")) {
    auto value = bool_at(file, *digest, "digest");
    if (!value) {
      return tl::make_unexpected(value.error());
    }
    rule.digest = *value;
  }
  if (auto ledger = read_ledger_keys(file, *table, rule); !ledger) {
    return tl::make_unexpected(ledger.error());
  }
  return rule;
}

tl::expected<alert::SmtpSettings, std::string> smtp_with_credentials(const SmtpConfig& config) {
  alert::SmtpSettings settings = config.server;
  const char* user = std::getenv("TRACKER_SMTP_USER");
  settings.username = user != nullptr && *user != '\0' ? user : config.username;
  if (const char* password = std::getenv("TRACKER_SMTP_PASSWORD"); password != nullptr && *password != '\0') {
    settings.password = password;
  } else if (!config.password_file.empty()) {
    const std::string name = config.password_file.string();
    struct stat status {};
    if (::stat(name.c_str(), &status) != 0) {
      return tl::make_unexpected(config.origin + ": password_file " + name + " cannot be read");
    }
    if (!S_ISREG(status.st_mode)) {
      return tl::make_unexpected(config.origin + ": password_file " + name +
                                 (S_ISDIR(status.st_mode) ? " is a directory, not a file"
                                                          : " is not a regular file"));
    }
    if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
      return tl::make_unexpected(config.origin + ": password_file " + name +
                                 " can be read by others; make it private (chmod 600 " + name + ")");
    }
    std::ifstream in(config.password_file);
    if (!in || !std::getline(in, settings.password)) {
      return tl::make_unexpected(config.origin + ": password_file " + name + " cannot be read");
    }
    if (!settings.password.empty() && settings.password.back() == '\r') {
      settings.password.pop_back();
    }
  }
  if (!settings.password.empty() && settings.username.empty()) {
    return tl::make_unexpected(config.origin +
                               ": a password is set but no user: set TRACKER_SMTP_USER or 'username'");
  }
  return settings;
}

}  // namespace tracker::config
