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

// The optional table `key` ([nouns], [amounts]): each entry's name and its words (`item`s), as
// written; a word belongs to one entry (`entry`: "kind", "amount") only.
tl::expected<std::vector<std::pair<std::string, std::vector<std::string>>>, std::string>
parse_named_lists(const toml::table& root, const std::string& key, const std::string& item,
                  const std::string& entry, const std::string& source) {
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;
  const toml::node* node = root.get(key);
  if (node == nullptr) {
    return lists;
  }
  const toml::table* table = node->as_table();
  if (table == nullptr) {
    return tl::make_unexpected(where(source, node->source()) + ": '" + key +
                               "' must be a table of arrays of " + item + "s");
  }
  std::map<std::string, std::string> entry_of_word;
  for (const auto& [name, list] : *table) {
    auto words = strings_of(list, entry + " '" + std::string(name.str()) + "'", source);
    if (!words) {
      return tl::make_unexpected(words.error());
    }
    for (const std::string& word : *words) {
      auto [it, inserted] = entry_of_word.try_emplace(word, std::string(name.str()));
      if (!inserted) {
        return tl::make_unexpected(where(source, list.source()) + ": " + item + " '" + word +
                                   "' is under " + entry + " '" + it->second + "' and " + entry +
                                   " '" + std::string(name.str()) + "'");
      }
    }
    lists.emplace_back(std::string(name.str()), std::move(*words));
  }
  return lists;
}

}  // namespace

tl::expected<report::MeasureTerms, std::string> parse_measures(std::string_view toml_text,
                                                               const std::string& source_name) {
  auto parsed = parse_toml(toml_text, source_name);
  if (!parsed) {
    return tl::make_unexpected(parsed.error());
  }
  const toml::table& root = *parsed;
  static constexpr std::array<std::string_view, 7> k_root_keys = {
      "version", "generic", "ignore", "events", "nouns", "units", "amounts"};
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
  for (const auto& [key, list] :
       {std::pair{"generic", &terms.generic}, std::pair{"ignore", &terms.ignore},
        std::pair{"units", &terms.units}}) {
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
  if (auto kinds = parse_named_lists(root, "nouns", "noun", "kind", source_name); kinds) {
    terms.kinds = std::move(*kinds);
  } else {
    return tl::make_unexpected(kinds.error());
  }
  if (auto amounts = parse_named_lists(root, "amounts", "term", "amount", source_name); amounts) {
    terms.amounts = std::move(*amounts);
  } else {
    return tl::make_unexpected(amounts.error());
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
