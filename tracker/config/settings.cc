#include "tracker/config/settings.h"

#include <glob.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <sstream>

#include "tracker/text/did_you_mean.h"

namespace tracker::config {
namespace {

constexpr std::array<std::string_view, 8> k_settings_keys = {
    "watch", "store", "topics", "user_agent", "concurrency", "per_host", "limits", "version"};
constexpr std::array<std::string_view, 5> k_limit_keys = {
    "max_body_bytes", "timeout", "connect_timeout", "host_delay", "max_items_per_feed"};
constexpr std::array<std::string_view, 3> k_watch_keys = {"source", "allow_file_urls", "version"};
constexpr std::array<std::string_view, 5> k_source_keys = {"name", "url", "kind", "interval",
                                                           "topics"};

std::string where(const std::string& file, const toml::source_region& region) {
  return file + ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
}

template <std::size_t N>
tl::expected<void, std::string> check_keys(const std::string& file, const toml::table& table,
                                           const std::array<std::string_view, N>& known) {
  for (const auto& [key, value] : table) {
    if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
      const std::string suggestion = text::did_you_mean(key.str(), known);
      return tl::make_unexpected(where(file, key.source()) + ": unknown key '" +
                                 std::string(key.str()) + "'" +
                                 (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"));
    }
  }
  return {};
}

tl::expected<toml::table, std::string> parse_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return tl::make_unexpected(path.string() + ": cannot read the file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return toml::parse(text.str(), path.string());
  } catch (const toml::parse_error& error) {
    return tl::make_unexpected(where(path.string(), error.source()) + ": " +
                               std::string(error.description()));
  }
}

// A string, an integer in range, or a duration at `key`, with an error naming its place.
tl::expected<std::string, std::string> string_at(const std::string& file, const toml::node& node,
                                                 std::string_view key) {
  if (const auto value = node.value<std::string>()) {
    return *value;
  }
  return tl::make_unexpected(where(file, node.source()) + ": '" + std::string(key) +
                             "' must be a string");
}

tl::expected<std::size_t, std::string> count_at(const std::string& file, const toml::node& node,
                                                std::string_view key, std::int64_t max) {
  const auto value = node.value<std::int64_t>();
  if (!value || *value < 1 || *value > max) {
    return tl::make_unexpected(where(file, node.source()) + ": '" + std::string(key) +
                               "' must be a whole number from 1 to " + std::to_string(max));
  }
  return static_cast<std::size_t>(*value);
}

tl::expected<std::chrono::milliseconds, std::string> duration_at(const std::string& file,
                                                                 const toml::node& node,
                                                                 std::string_view key) {
  auto text = string_at(file, node, key);
  if (!text) {
    return tl::make_unexpected(text.error());
  }
  auto seconds = parse_duration(*text);
  if (!seconds) {
    return tl::make_unexpected(where(file, node.source()) + ": '" + std::string(key) + "': " +
                               seconds.error());
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(*seconds);
}

bool url_scheme_allowed(std::string_view url, bool allow_file) {
  return url.starts_with("http://") || url.starts_with("https://") ||
         (allow_file && url.starts_with("file://"));
}

tl::expected<SourceConfig, std::string> read_source(const std::string& file, const toml::table& table,
                                                    bool allow_file) {
  if (auto known = check_keys(file, table, k_source_keys); !known) {
    return tl::make_unexpected(known.error());
  }
  SourceConfig source;
  source.allow_file = allow_file;
  source.origin = file + ":" + std::to_string(table.source().begin.line);
  const toml::node* name = table.get("name");
  const toml::node* url = table.get("url");
  if (name == nullptr || url == nullptr) {
    return tl::make_unexpected(source.origin + ": a [[source]] needs 'name' and 'url'");
  }
  auto name_text = string_at(file, *name, "name");
  auto url_text = string_at(file, *url, "url");
  if (!name_text || !url_text) {
    return tl::make_unexpected(!name_text ? name_text.error() : url_text.error());
  }
  source.name = *name_text;
  source.url = *url_text;
  if (source.name.empty()) {
    return tl::make_unexpected(where(file, name->source()) + ": 'name' must not be empty");
  }
  if (!url_scheme_allowed(source.url, allow_file)) {
    return tl::make_unexpected(
        where(file, url->source()) + ": 'url' must be http:// or https://" +
        (source.url.starts_with("file://") ? " (set allow_file_urls = true to watch local files)" : ""));
  }
  if (const toml::node* kind = table.get("kind")) {
    auto kind_text = string_at(file, *kind, "kind");
    if (!kind_text || (*kind_text != "feed" && *kind_text != "page")) {
      return tl::make_unexpected(where(file, kind->source()) + ": 'kind' must be \"feed\" or \"page\"");
    }
    source.kind = *kind_text == "feed" ? SourceKind::feed : SourceKind::page;
  }
  if (const toml::node* interval = table.get("interval")) {
    auto value = duration_at(file, *interval, "interval");
    if (!value) {
      return tl::make_unexpected(value.error());
    }
    source.interval = std::chrono::duration_cast<std::chrono::seconds>(*value);
  }
  if (const toml::node* topics = table.get("topics")) {
    const toml::array* list = topics->as_array();
    if (list == nullptr) {
      return tl::make_unexpected(where(file, topics->source()) + ": 'topics' must be an array of names");
    }
    for (const toml::node& topic : *list) {
      auto topic_name = string_at(file, topic, "topics");
      if (!topic_name) {
        return tl::make_unexpected(topic_name.error());
      }
      source.topics.push_back(*topic_name);
    }
  }
  return source;
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

tl::expected<std::chrono::seconds, std::string> parse_duration(std::string_view text) {
  if (text.empty()) {
    return tl::make_unexpected("empty duration; write e.g. \"15m\", \"1h30m\" or \"90s\"");
  }
  std::int64_t total = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::int64_t number = 0;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && number < 1'000'000) {
      number = number * 10 + (text[pos] - '0');
      ++pos;
    }
    if (pos == start || pos >= text.size()) {
      return tl::make_unexpected("cannot read duration \"" + std::string(text) +
                                 "\"; write e.g. \"15m\", \"1h30m\" or \"90s\"");
    }
    const char unit = text[pos++];
    const std::int64_t scale = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
    if (scale == 0) {
      return tl::make_unexpected("unknown unit '" + std::string(1, unit) + "' in \"" + std::string(text) +
                                 "\"; use s, m, h or d");
    }
    total += number * scale;
  }
  if (total == 0) {
    return tl::make_unexpected("a duration must be longer than zero");
  }
  return std::chrono::seconds(total);
}

tl::expected<void, std::string> load_watch_file(const std::filesystem::path& file, Settings& settings) {
  auto parsed = parse_file(file);
  if (!parsed) {
    return tl::make_unexpected(parsed.error());
  }
  const std::string name = file.string();
  if (auto known = check_keys(name, *parsed, k_watch_keys); !known) {
    return known;
  }
  bool allow_file = false;
  if (const toml::node* flag = parsed->get("allow_file_urls")) {
    const auto value = flag->value<bool>();
    if (!value) {
      return tl::make_unexpected(where(name, flag->source()) + ": 'allow_file_urls' must be true or false");
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
  }
  return {};
}

tl::expected<Settings, std::string> load_settings(const std::filesystem::path& file) {
  auto parsed = parse_file(file);
  if (!parsed) {
    return tl::make_unexpected(parsed.error());
  }
  Settings settings;
  if (parsed->contains("source")) {  // a watch file on its own
    if (auto loaded = load_watch_file(file, settings); !loaded) {
      return tl::make_unexpected(loaded.error());
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
        settings.store_path = relative(*value);
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
        if (l == "max_body_bytes" || l == "max_items_per_feed") {
          auto count = count_at(name, value, l, std::int64_t{1} << 40);
          if (!count) {
            return tl::make_unexpected(count.error());
          }
          (l == "max_body_bytes" ? settings.max_body_bytes : settings.max_items_per_feed) = *count;
        } else {
          auto duration = duration_at(name, value, l);
          if (!duration) {
            return tl::make_unexpected(duration.error());
          }
          (l == "timeout" ? settings.total_timeout
                          : l == "connect_timeout" ? settings.connect_timeout : settings.host_delay) = *duration;
        }
      }
    }
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
      if (watch_file.filename() == "topics.toml") {
        continue;  // the lexicon lives beside the watch files
      }
      if (auto loaded = load_watch_file(watch_file, settings); !loaded) {
        return tl::make_unexpected(loaded.error());
      }
    }
  }
  return settings;
}

}  // namespace tracker::config
