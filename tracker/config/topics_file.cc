#include "tracker/config/topics_file.h"

#include <toml++/toml.h>

#include <array>

#include "tracker/config/config_file.h"
#include "tracker/config/default_topics.h"
#include "tracker/config/toml_values.h"
#include "tracker/text/did_you_mean.h"

namespace tracker::config {
namespace {

constexpr std::int64_t k_topics_format_version = 1;

template <std::size_t N>
std::string unknown_key(const std::string& source, const toml::key& key,
                        const std::array<std::string_view, N>& known) {
  const std::string suggestion = text::did_you_mean(key.str(), known);
  return where(source, key.source()) + ": unknown key '" + std::string(key.str()) + "'" +
         (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)");
}

}  // namespace

tl::expected<claims::TopicLexicon, std::string> parse_topics(std::string_view toml_text,
                                                             const std::string& source_name) {
  auto parsed = parse_toml(toml_text, source_name);
  if (!parsed) {
    return tl::make_unexpected(parsed.error());
  }
  const toml::table& root = *parsed;
  static constexpr std::array<std::string_view, 2> k_root_keys = {"version", "topics"};
  static constexpr std::array<std::string_view, 3> k_topic_keys = {"terms", "exclude", "description"};
  for (const auto& [key, value] : root) {
    if (std::find(k_root_keys.begin(), k_root_keys.end(), key.str()) == k_root_keys.end()) {
      return tl::make_unexpected(unknown_key(source_name, key, k_root_keys));
    }
  }
  if (const toml::node* version = root.get("version")) {
    const std::optional<std::int64_t> number = version->value<std::int64_t>();
    if (!number || *number > k_topics_format_version) {
      return tl::make_unexpected(where(source_name, version->source()) +
                                 ": unsupported topics file version (this tracker reads version " +
                                 std::to_string(k_topics_format_version) + ")");
    }
  }
  const toml::table* topics = root["topics"].as_table();
  if (topics == nullptr || topics->empty()) {
    return tl::make_unexpected(source_name + ": no [topics.NAME] tables: nothing to match claims against");
  }
  claims::TopicLexicon lexicon;
  for (const auto& [name, node] : *topics) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      return tl::make_unexpected(where(source_name, node.source()) + ": topic '" +
                                 std::string(name.str()) + "' must be a table with 'terms'");
    }
    for (const auto& [key, value] : *table) {
      if (std::find(k_topic_keys.begin(), k_topic_keys.end(), key.str()) == k_topic_keys.end()) {
        return tl::make_unexpected(unknown_key(source_name, key, k_topic_keys));
      }
    }
    const toml::array* terms = (*table)["terms"].as_array();
    if (terms == nullptr || terms->empty()) {
      return tl::make_unexpected(where(source_name, node.source()) + ": topic '" +
                                 std::string(name.str()) + "' needs a non-empty 'terms' array");
    }
    claims::Topic topic{std::string(name.str()), {}, {}};
    for (const toml::node& term : *terms) {
      const std::optional<std::string> word = term.value<std::string>();
      if (!word || word->empty()) {
        return tl::make_unexpected(where(source_name, term.source()) + ": terms of topic '" +
                                   topic.name + "' must be non-empty strings");
      }
      topic.terms.push_back(*word);
    }
    if (const toml::node* exclude = table->get("exclude")) {
      const toml::array* phrases = exclude->as_array();
      if (phrases == nullptr) {
        return tl::make_unexpected(where(source_name, exclude->source()) + ": 'exclude' of topic '" +
                                   topic.name + "' must be an array of strings");
      }
      for (const toml::node& phrase : *phrases) {
        const std::optional<std::string> words = phrase.value<std::string>();
        if (!words || words->empty()) {
          return tl::make_unexpected(where(source_name, phrase.source()) + ": 'exclude' of topic '" +
                                     topic.name + "' must hold non-empty strings");
        }
        topic.exclude.push_back(*words);
      }
    }
    lexicon.topics.push_back(std::move(topic));
  }
  return lexicon;
}

tl::expected<claims::TopicLexicon, std::string> load_topics(const std::filesystem::path& path) {
  auto text = read_config_file(path);
  if (!text) {
    return tl::make_unexpected(text.error().message);
  }
  return parse_topics(*text, path.string());
}

tl::expected<claims::TopicLexicon, std::string> default_topics() {
  return parse_topics(default_topics_toml(), "feeds/topics.toml (built in)");
}

}  // namespace tracker::config
