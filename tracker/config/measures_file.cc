#include "tracker/config/measures_file.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <map>

#include "tracker/config/config_file.h"
#include "tracker/config/default_measures.h"
#include "tracker/config/toml_values.h"

namespace tracker::config {
namespace {

constexpr std::int64_t k_measures_format_version = 1;

// The strings of `node`, which must be a non-empty array of non-empty strings.
tl::expected<std::vector<std::string>, std::string> strings_of(const toml::node& node, const std::string& what,
                                                               const std::string& source) {
  const toml::array* array = node.as_array();
  if (array == nullptr || array->empty()) {
    return tl::make_unexpected(where(source, node.source()) + ": " + what + " must be a non-empty array of strings");
  }
  std::vector<std::string> strings;
  for (const toml::node& item : *array) {
    const std::optional<std::string> text = item.value<std::string>();
    if (!text || text->empty()) {
      return tl::make_unexpected(where(source, item.source()) + ": " + what + " must hold non-empty strings");
    }
    strings.push_back(*text);
  }
  return strings;
}

}  // namespace

tl::expected<report::MeasureTerms, std::string> parse_measures(std::string_view toml_text,
                                                               const std::string& source_name) {
  auto parsed = parse_toml(toml_text, source_name);
  if (!parsed) {
    return tl::make_unexpected(parsed.error());
  }
  const toml::table& root = *parsed;
  static constexpr std::array<std::string_view, 4> k_root_keys = {"version", "generic", "ignore", "events"};
  if (auto known = check_keys(source_name, root, k_root_keys); !known) {
    return tl::make_unexpected(known.error());
  }
  if (const toml::node* version = root.get("version")) {
    const std::optional<std::int64_t> number = version->value<std::int64_t>();
    if (!number || *number > k_measures_format_version) {
      return tl::make_unexpected(where(source_name, version->source()) +
                                 ": unsupported measures file version (this tracker reads version " +
                                 std::to_string(k_measures_format_version) + ")");
    }
  }
  report::MeasureTerms terms;
  for (const auto& [key, list] : {std::pair{"generic", &terms.generic}, std::pair{"ignore", &terms.ignore}}) {
    if (const toml::node* node = root.get(key)) {
      auto nouns = strings_of(*node, "'" + std::string(key) + "'", source_name);
      if (!nouns) {
        return tl::make_unexpected(nouns.error());
      }
      *list = std::move(*nouns);
    }
  }
  const toml::table* events = root["events"].as_table();
  if (events == nullptr || events->empty()) {
    return tl::make_unexpected(source_name + ": no [events] table: no event to tell 'killed' from 'wounded'");
  }
  std::map<std::string, std::string> event_of_term;  // to refuse a term under two events
  for (const auto& [name, node] : *events) {
    auto event_terms = strings_of(node, "event '" + std::string(name.str()) + "'", source_name);
    if (!event_terms) {
      return tl::make_unexpected(event_terms.error());
    }
    for (const std::string& term : *event_terms) {
      auto [it, inserted] = event_of_term.try_emplace(term, std::string(name.str()));
      if (!inserted) {
        return tl::make_unexpected(where(source_name, node.source()) + ": term '" + term + "' is " +
                                   (it->second == name.str() ? "listed twice under event '" + it->second + "'"
                                                             : "under event '" + it->second + "' and event '" +
                                                                   std::string(name.str()) + "'"));
      }
    }
    terms.events.push_back({std::string(name.str()), std::move(*event_terms)});
  }
  return terms;
}

tl::expected<report::MeasureTerms, std::string> load_measures(const std::filesystem::path& path) {
  auto text = read_config_file(path);
  if (!text) {
    return tl::make_unexpected(text.error().message);
  }
  return parse_measures(*text, path.string());
}

tl::expected<report::MeasureTerms, std::string> default_measures() {
  return parse_measures(default_measures_toml(), "feeds/measures.toml (built in)");
}

}  // namespace tracker::config
