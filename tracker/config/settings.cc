#include "tracker/config/settings.h"

#include <glob.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <memory>

#include "tracker/config/config_file.h"
#include "tracker/config/source_table.h"
#include "tracker/config/toml_values.h"
#include "tracker/text/did_you_mean.h"

namespace tracker::config {
namespace {

constexpr std::array<std::string_view, 16> k_settings_keys = {
    "watch",   "store",  "topics",   "user_agent",      "concurrency", "per_host",
    "workers", "limits", "security", "recheck",         "version",     "smtp",
    "alert",   "log",    "story",    "story_similarity"};
constexpr std::array<std::string_view, 2> k_recheck_keys = {"younger_than", "every"};
constexpr std::array<std::string_view, 2> k_security_keys = {"refuse_private_links", "allow_addresses"};
constexpr std::array<std::string_view, 14> k_limit_keys = {
    "max_body_bytes",   "timeout",          "connect_timeout",        "host_delay",
    "max_items_per_feed", "max_dom_elements", "max_dom_depth",        "max_sentences_per_page",
    "max_claims_per_run", "source_timeout",   "run_timeout",          "max_attributes_per_element",
    "max_stored_bytes_per_source_run", "max_stored_bytes_per_run"};
// libxml2 builds deeper trees (HTML_PARSE_HUGE) but nothing real nests this deep.
constexpr std::int64_t k_max_dom_depth = 10'000;
constexpr std::array<std::string_view, 6> k_watch_keys = {"source", "allow_file_urls", "version",
                                                          "smtp", "alert", "story"};

// [[recheck]] tables: steps of younger_than and every, younger_than growing from step to step.
tl::expected<RecheckSchedule, std::string> read_recheck(const std::string& file, const toml::node& node) {
  const toml::array* list = node.as_array();
  if (list == nullptr) {
    return tl::make_unexpected(where(file, node.source()) +
                               ": 'recheck' must be [[recheck]] tables with younger_than and every");
  }
  RecheckSchedule schedule;
  for (const toml::node& element : *list) {
    const toml::table* table = element.as_table();
    if (table == nullptr) {
      return tl::make_unexpected(where(file, element.source()) + ": 'recheck' must be [[recheck]] tables");
    }
    if (auto known = check_keys(file, *table, k_recheck_keys); !known) {
      return tl::make_unexpected(known.error());
    }
    RecheckStep step;
    for (const char* key : {"younger_than", "every"}) {
      const toml::node* value = table->get(key);
      if (value == nullptr) {
        return tl::make_unexpected(where(file, table->source()) + ": a [[recheck]] needs 'younger_than' and 'every'");
      }
      auto duration = duration_at(file, *value, key);
      if (!duration) {
        return tl::make_unexpected(duration.error());
      }
      if (*duration < std::chrono::seconds(1)) {
        return tl::make_unexpected(where(file, value->source()) + ": '" + key + "' must be at least 1s");
      }
      (std::string_view(key) == "every" ? step.every : step.younger_than) =
          std::chrono::duration_cast<std::chrono::seconds>(*duration);
    }
    if (!schedule.steps.empty() && step.younger_than <= schedule.steps.back().younger_than) {
      return tl::make_unexpected(where(file, table->source()) +
                                 ": each [[recheck]] must have a larger 'younger_than' than the one before");
    }
    schedule.steps.push_back(step);
  }
  return schedule;
}

// Notes where each name of the `topics` of a [[source]] or [[alert]] table is written, for
// check_topic_names; the table has been read, so `topics` is a string or strings.
void note_topic_mentions(const std::string& file, const toml::node& table, bool in_alert,
                         Settings& settings) {
  const toml::table* keys = table.as_table();
  const toml::node* topics = keys != nullptr ? keys->get("topics") : nullptr;
  if (topics == nullptr) {
    return;
  }
  auto note = [&](const toml::node& node) {
    if (const std::optional<std::string> name = node.value<std::string>()) {
      settings.topic_mentions.push_back({*name, where(file, node.source()), in_alert});
    }
  };
  if (const toml::array* list = topics->as_array()) {
    for (const toml::node& element : *list) {
      note(element);
    }
  } else {
    note(*topics);
  }
}

// The [smtp] and [[alert]] tables of one file, which may be tracker.toml or a watch file.
tl::expected<void, std::string> read_alert_tables(const std::filesystem::path& file,
                                                  const toml::table& root, Settings& settings) {
  const std::string name = file.string();
  if (const toml::node* smtp = root.get("smtp")) {
    if (settings.smtp) {
      return tl::make_unexpected(where(name, smtp->source()) + ": [smtp] is already set at " +
                                 settings.smtp->origin);
    }
    auto read = read_smtp_table(name, *smtp, file.parent_path());
    if (!read) {
      return tl::make_unexpected(read.error());
    }
    settings.smtp = std::move(*read);
  }
  if (const toml::node* alerts = root.get("alert")) {
    const toml::array* list = alerts->as_array();
    if (list == nullptr) {
      return tl::make_unexpected(where(name, alerts->source()) + ": 'alert' must be [[alert]] tables");
    }
    for (const toml::node& node : *list) {
      auto rule = read_alert_table(name, node);
      if (!rule) {
        return tl::make_unexpected(rule.error());
      }
      settings.alerts.push_back(std::move(*rule));
      note_topic_mentions(name, node, true, settings);
    }
  }
  return {};
}

// What can only be checked once every file is read: rules need a server, and their `sources`
// name real sources or tags, which resolve to the sources that carry them.
tl::expected<void, std::string> resolve_alert_rules(Settings& settings) {
  std::vector<std::string_view> names;  // source names and tags, for "did you mean"
  for (const SourceConfig& source : settings.sources) {
    names.push_back(source.name);
    names.insert(names.end(), source.tags.begin(), source.tags.end());
  }
  for (alert::AlertRule& rule : settings.alerts) {
    if (!settings.smtp) {
      return tl::make_unexpected(rule.origin +
                                 ": [[alert]] needs an [smtp] table (url and from) to send from");
    }
    if (!rule.story.empty() && !store::parse_row_id(rule.story) &&
        std::ranges::none_of(settings.story_pins, [&](const StoryPin& pin) { return pin.name == rule.story; })) {
      std::vector<std::string_view> pins;
      for (const StoryPin& pin : settings.story_pins) {
        pins.push_back(pin.name);
      }
      const std::string suggestion = text::did_you_mean(rule.story, pins);
      return tl::make_unexpected(rule.origin + ": 'story': no [[story]] is named '" + rule.story + "'" +
                                 (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"));
    }
    rule.matched_sources.clear();
    for (const std::string& wanted : rule.sources) {
      bool found = false;
      for (const SourceConfig& source : settings.sources) {
        if (source.name == wanted || std::ranges::binary_search(source.tags, wanted)) {
          if (std::ranges::find(rule.matched_sources, source.name) == rule.matched_sources.end()) {
            rule.matched_sources.push_back(source.name);
          }
          found = true;
        }
      }
      if (!found) {
        const std::string suggestion = text::did_you_mean(wanted, names);
        return tl::make_unexpected(rule.origin + ": 'sources': no source is named or tagged '" + wanted + "'" +
                                   (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"));
      }
    }
  }
  return {};
}

std::vector<std::filesystem::path> expand_glob(const std::filesystem::path& pattern) {
  std::vector<std::filesystem::path> paths;
  glob_t matches{};
  if (::glob(pattern.c_str(), 0, nullptr, &matches) == 0) {
    for (std::size_t i = 0; i < matches.gl_pathc; ++i) {
      paths.emplace_back(matches.gl_pathv[i]);
    }
  }
  ::globfree(&matches);
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

tl::expected<std::chrono::milliseconds, std::string> parse_duration_ms(std::string_view text) {
  // No one means more; the bound keeps every sum of durations far from overflowing.
  constexpr std::int64_t k_longest_ms = std::int64_t{10000} * 365 * 86'400'000;
  const auto unreadable = [&text] {
    return tl::make_unexpected("cannot read duration \"" + std::string(text) +
                               "\"; write e.g. \"15m\", \"1h30m\", \"90s\" or \"250ms\"");
  };
  if (text.empty()) {
    return tl::make_unexpected(
        "empty duration; write e.g. \"15m\", \"1h30m\", \"90s\" or \"250ms\"");
  }
  std::int64_t total = 0;  // milliseconds
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::int64_t number = 0;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      number = std::min<std::int64_t>(number * 10 + (text[pos] - '0'), k_longest_ms);
      ++pos;
    }
    if (pos == start || pos >= text.size()) {
      return unreadable();
    }
    std::int64_t scale = 0;
    if (text.substr(pos).starts_with("ms")) {
      scale = 1;
      pos += 2;
    } else {
      const char unit = text[pos++];
      scale = unit == 's' ? 1000 : unit == 'm' ? 60'000 : unit == 'h' ? 3'600'000 : unit == 'd' ? 86'400'000 : 0;
      if (scale == 0) {
        return tl::make_unexpected("unknown unit '" + std::string(1, unit) + "' in \"" + std::string(text) +
                                   "\"; use ms, s, m, h or d");
      }
    }
    if (number > k_longest_ms / scale || (total += number * scale) > k_longest_ms) {
      return tl::make_unexpected("duration \"" + std::string(text) +
                                 "\" is out of range: the longest is 10000 years");
    }
  }
  if (total == 0) {
    return tl::make_unexpected("a duration must be longer than zero");
  }
  return std::chrono::milliseconds(total);
}

tl::expected<std::chrono::seconds, std::string> parse_duration(std::string_view text) {
  auto precise = parse_duration_ms(text);
  if (!precise) {
    return tl::make_unexpected(precise.error());
  }
  if (*precise < std::chrono::seconds(1)) {
    return tl::make_unexpected("\"" + std::string(text) + "\" is too short; this duration must be at least 1s");
  }
  return std::chrono::duration_cast<std::chrono::seconds>(*precise);
}

tl::expected<void, std::string> load_watch_file(const std::filesystem::path& file, Settings& settings) {
  auto parsed = parse_toml_file(file);
  if (!parsed) {
    return tl::make_unexpected(parsed.error());
  }
  const std::string name = file.string();
  if (auto known = check_keys(name, *parsed, k_watch_keys); !known) {
    return known;
  }
  bool allow_file = false;
  if (const toml::node* flag = parsed->get("allow_file_urls")) {
    auto value = bool_at(name, *flag, "allow_file_urls");
    if (!value) {
      return tl::make_unexpected(value.error());
    }
    allow_file = *value;
  }
  const toml::array* sources = (*parsed)["source"].as_array();
  if (sources == nullptr || sources->empty()) {
    return tl::make_unexpected(name + ": no [[source]] tables: nothing to watch");
  }
  for (const toml::node& node : *sources) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      return tl::make_unexpected(where(name, node.source()) + ": 'source' must be [[source]] tables");
    }
    auto source = read_source(name, *table, allow_file);
    if (!source) {
      return tl::make_unexpected(source.error());
    }
    for (const SourceConfig& existing : settings.sources) {
      if (existing.name == source->name) {
        return tl::make_unexpected(source->origin + ": source name '" + source->name +
                                   "' is already used at " + existing.origin);
      }
    }
    settings.sources.push_back(std::move(*source));
    note_topic_mentions(name, node, false, settings);
  }
  if (auto pins = read_story_tables(name, *parsed, settings.story_pins); !pins) {
    return pins;
  }
  return read_alert_tables(file, *parsed, settings);
}

tl::expected<Settings, std::string> load_settings(const std::filesystem::path& file) {
  auto parsed = parse_toml_file(file);
  if (!parsed) {
    return tl::make_unexpected(parsed.error());
  }
  Settings settings;
  if (parsed->contains("source")) {  // a watch file on its own
    if (auto loaded = load_watch_file(file, settings); !loaded) {
      return tl::make_unexpected(loaded.error());
    }
    if (auto checked = resolve_alert_rules(settings); !checked) {
      return tl::make_unexpected(checked.error());
    }
    return settings;
  }
  const std::string name = file.string();
  if (auto known = check_keys(name, *parsed, k_settings_keys); !known) {
    return tl::make_unexpected(known.error());
  }
  const std::filesystem::path folder = file.parent_path();
  const auto relative = [&](const std::string& path) {
    return std::filesystem::path(path).is_absolute() ? std::filesystem::path(path) : folder / path;
  };
  const toml::table& root = *parsed;
  for (const auto& [key, node] : root) {
    const std::string_view k = key.str();
    if (k == "store" || k == "topics" || k == "user_agent") {
      auto value = string_at(name, node, k);
      if (!value) {
        return tl::make_unexpected(value.error());
      }
      if (k == "store") {
        // A PostgreSQL store is a libpq URI, not a path beside the configuration.
        const bool postgresql =
            value->starts_with("postgresql://") || value->starts_with("postgres://");
        settings.store_path = postgresql ? std::filesystem::path(*value) : relative(*value);
      } else if (k == "topics") {
        settings.topics_path = relative(*value);
      } else {
        settings.user_agent = *value;
      }
    } else if (k == "concurrency" || k == "per_host") {
      auto value = count_at(name, node, k, 256);
      if (!value) {
        return tl::make_unexpected(value.error());
      }
      (k == "concurrency" ? settings.concurrency : settings.per_host) = *value;
    } else if (k == "workers") {
      const auto value = node.value<std::int64_t>();
      if (!value || *value < 0 || *value > static_cast<std::int64_t>(k_max_workers)) {
        return tl::make_unexpected(where(name, node.source()) + ": 'workers' must be a whole number from 0 (one per core) to " +
                                   std::to_string(k_max_workers));
      }
      settings.workers = static_cast<std::size_t>(*value);
    } else if (k == "story_similarity") {
      const auto value = node.value<double>();
      if (!value || !(*value > 0.0 && *value <= 1.0)) {
        return tl::make_unexpected(
            where(name, node.source()) +
            ": 'story_similarity' must be a number above 0 and at most 1 (the built-in is 0.2)");
      }
      settings.story_similarity = *value;
    } else if (k == "log") {
      auto log = read_log_table(name, node, folder);
      if (!log) {
        return tl::make_unexpected(log.error());
      }
      settings.log = std::move(*log);
    } else if (k == "recheck") {
      auto schedule = read_recheck(name, node);
      if (!schedule) {
        return tl::make_unexpected(schedule.error());
      }
      settings.recheck = std::move(*schedule);
    } else if (k == "security") {
      const toml::table* security = node.as_table();
      if (security == nullptr) {
        return tl::make_unexpected(where(name, node.source()) + ": 'security' must be a table");
      }
      if (auto known = check_keys(name, *security, k_security_keys); !known) {
        return tl::make_unexpected(known.error());
      }
      if (const toml::node* refuse = security->get("refuse_private_links")) {
        auto value = bool_at(name, *refuse, "refuse_private_links");
        if (!value) {
          return tl::make_unexpected(value.error());
        }
        settings.refuse_private_links = *value;
      }
      if (const toml::node* addresses = security->get("allow_addresses")) {
        auto ranges = address_list_at(name, *addresses, "allow_addresses");
        if (!ranges) {
          return tl::make_unexpected(ranges.error());
        }
        settings.allow_addresses = std::move(*ranges);
      }
    } else if (k == "limits") {
      const toml::table* limits = node.as_table();
      if (limits == nullptr) {
        return tl::make_unexpected(where(name, node.source()) + ": 'limits' must be a table");
      }
      if (auto known = check_keys(name, *limits, k_limit_keys); !known) {
        return tl::make_unexpected(known.error());
      }
      for (const auto& [limit, value] : *limits) {
        const std::string_view l = limit.str();
        if (l.starts_with("max_")) {
          auto count = count_at(name, value, l, l == "max_dom_depth" ? k_max_dom_depth : std::int64_t{1} << 40);
          if (!count) {
            return tl::make_unexpected(count.error());
          }
          (l == "max_body_bytes"           ? settings.max_body_bytes
           : l == "max_items_per_feed"     ? settings.max_items_per_feed
           : l == "max_dom_elements"       ? settings.max_dom_elements
           : l == "max_dom_depth"          ? settings.max_dom_depth
           : l == "max_attributes_per_element" ? settings.max_attributes_per_element
           : l == "max_sentences_per_page" ? settings.max_sentences_per_page
           : l == "max_stored_bytes_per_source_run" ? settings.max_stored_bytes_per_source_run
           : l == "max_stored_bytes_per_run"        ? settings.max_stored_bytes_per_run
                                           : settings.max_claims_per_run) = *count;
        } else {
          auto duration = duration_at(name, value, l);
          if (!duration) {
            return tl::make_unexpected(duration.error());
          }
          (l == "timeout"           ? settings.total_timeout
           : l == "connect_timeout" ? settings.connect_timeout
           : l == "source_timeout"  ? settings.source_timeout
           : l == "run_timeout"     ? settings.run_timeout
                                    : settings.host_delay) = *duration;
        }
      }
    }
  }
  if (auto read = read_alert_tables(file, root, settings); !read) {
    return tl::make_unexpected(read.error());
  }
  if (auto pins = read_story_tables(name, root, settings.story_pins); !pins) {
    return tl::make_unexpected(pins.error());
  }
  const toml::array* watch = root["watch"].as_array();
  if (watch == nullptr || watch->empty()) {
    return tl::make_unexpected(name + ": 'watch' must list watch files or globs, e.g. watch = [\"feeds/*.toml\"]");
  }
  for (const toml::node& node : *watch) {
    auto pattern = string_at(name, node, "watch");
    if (!pattern) {
      return tl::make_unexpected(pattern.error());
    }
    const std::vector<std::filesystem::path> files = expand_glob(relative(*pattern));
    if (files.empty()) {
      return tl::make_unexpected(where(name, node.source()) + ": no watch file matches \"" + *pattern + "\"");
    }
    for (const std::filesystem::path& watch_file : files) {
      if (watch_file.filename() == "topics.toml" || watch_file.filename() == "measures.toml") {
        continue;  // the lexicons live beside the watch files
      }
      if (auto loaded = load_watch_file(watch_file, settings); !loaded) {
        return tl::make_unexpected(loaded.error());
      }
    }
  }
  if (settings.sources.empty()) {  // the globs matched only the lexicons
    return tl::make_unexpected(name + ": the watch files hold no [[source]] tables: nothing to watch");
  }
  if (auto checked = resolve_alert_rules(settings); !checked) {
    return tl::make_unexpected(checked.error());
  }
  return settings;
}

}  // namespace tracker::config
