#include "tracker/config/toml_values.h"

#include <algorithm>

#include "tracker/config/settings.h"
#include "tracker/text/did_you_mean.h"

namespace tracker::config {

std::string where(const std::string& file, const toml::source_region& region) {
  return file + ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
}

tl::expected<void, std::string> check_keys(const std::string& file, const toml::table& table,
                                           std::span<const std::string_view> known) {
  for (const auto& [key, value] : table) {
    if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
      const std::string suggestion = text::did_you_mean(key.str(), known);
      // "[smpt]" is a table: name it as the user wrote it.
      const bool table_name = value.is_table() || value.is_array_of_tables();
      const std::string shown = table_name ? "table [" + std::string(key.str()) + "]" : "key '" + std::string(key.str()) + "'";
      const std::string suggested = table_name ? "[" + suggestion + "]" : "'" + suggestion + "'";
      return tl::make_unexpected(where(file, key.source()) + ": unknown " + shown +
                                 (suggestion.empty() ? "" : " (did you mean " + suggested + "?)"));
    }
  }
  return {};
}

tl::expected<std::string, std::string> string_at(const std::string& file, const toml::node& node,
                                                 std::string_view key) {
  if (const auto value = node.value<std::string>()) {
    return *value;
  }
  return tl::make_unexpected(where(file, node.source()) + ": '" + std::string(key) +
                             "' must be a string");
}

tl::expected<bool, std::string> bool_at(const std::string& file, const toml::node& node,
                                        std::string_view key) {
  if (const auto value = node.value<bool>()) {
    return *value;
  }
  return tl::make_unexpected(where(file, node.source()) + ": '" + std::string(key) +
                             "' must be true or false");
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
  if (const auto number = node.value<std::int64_t>(); number && !node.is_string()) {
    // `interval = 300`: say what to write instead, reading the number as seconds.
    const std::int64_t seconds = *number;
    const std::string written = seconds > 0 && seconds % 3600 == 0 ? std::to_string(seconds / 3600) + "h"
                                : seconds > 0 && seconds % 60 == 0 ? std::to_string(seconds / 60) + "m"
                                                                   : std::to_string(seconds) + "s";
    return tl::make_unexpected(where(file, node.source()) + ": '" + std::string(key) +
                               "' must be a string with a unit: write \"" + written + "\" for " +
                               std::to_string(seconds) + " seconds");
  }
  auto text = string_at(file, node, key);
  if (!text) {
    return tl::make_unexpected(text.error());
  }
  auto duration = parse_duration_ms(*text);
  if (!duration) {
    return tl::make_unexpected(where(file, node.source()) + ": '" + std::string(key) + "': " +
                               duration.error());
  }
  return *duration;
}

tl::expected<std::vector<std::string>, std::string> string_list_at(const std::string& file,
                                                                   const toml::node& node,
                                                                   std::string_view key,
                                                                   bool allow_single) {
  if (allow_single && node.is_string()) {
    return std::vector<std::string>{*node.value<std::string>()};
  }
  const toml::array* list = node.as_array();
  if (list == nullptr) {
    return tl::make_unexpected(where(file, node.source()) + ": '" + std::string(key) +
                               "' must be an array of strings");
  }
  std::vector<std::string> values;
  for (const toml::node& element : *list) {
    auto value = string_at(file, element, key);
    if (!value) {
      return tl::make_unexpected(value.error());
    }
    values.push_back(std::move(*value));
  }
  return values;
}

}  // namespace tracker::config
