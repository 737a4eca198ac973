#include "tracker/config/log_settings.h"

#include <toml++/toml.h>

#include <algorithm>

#include "tracker/config/toml_values.h"
#include "tracker/text/did_you_mean.h"

namespace tracker::config {
namespace {

constexpr std::array<std::string_view, 2> k_log_keys = {"file", "level"};

}  // namespace

tl::expected<LogSettings, std::string> read_log_table(const std::string& name, const toml::node& node,
                                                      const std::filesystem::path& folder) {
  LogSettings settings;
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    return tl::make_unexpected(where(name, node.source()) + ": 'log' must be a table ([log])");
  }
  if (auto known = check_keys(name, *table, k_log_keys); !known) {
    return tl::make_unexpected(known.error());
  }
  if (const toml::node* path = table->get("file")) {
    auto value = string_at(name, *path, "file");
    if (!value) {
      return tl::make_unexpected(value.error());
    }
    if (value->empty()) {
      return tl::make_unexpected(where(name, path->source()) + ": 'file' must name a file");
    }
    const std::filesystem::path relative(*value);
    settings.file = relative.is_absolute() ? relative : folder / relative;
  }
  if (const toml::node* level = table->get("level")) {
    auto value = string_at(name, *level, "level");
    if (!value) {
      return tl::make_unexpected(value.error());
    }
    if (std::find(k_log_levels.begin(), k_log_levels.end(), *value) == k_log_levels.end()) {
      const std::string suggestion = text::did_you_mean(*value, k_log_levels);
      return tl::make_unexpected(
          where(name, level->source()) +
          ": 'level' must be trace, debug, info, warn, error or off" +
          (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"));
    }
    settings.level = *value;
  }
  return settings;
}

}  // namespace tracker::config
