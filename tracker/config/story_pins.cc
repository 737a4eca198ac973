#include "tracker/config/story_pins.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "tracker/config/toml_values.h"

namespace tracker::config {
namespace {

constexpr std::array<std::string_view, 2> k_story_keys = {"name", "search"};

bool has_a_word(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
  });
}

tl::expected<StoryPin, std::string> read_story_table(const std::string& file, const toml::node& node) {
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    return tl::make_unexpected(where(file, node.source()) + ": 'story' must be [[story]] tables");
  }
  StoryPin pin;
  pin.origin = where(file, node.source());
  if (auto known = check_keys(file, *table, k_story_keys); !known) {
    return tl::make_unexpected(known.error());
  }
  if (!table->contains("name") || !table->contains("search")) {
    return tl::make_unexpected(pin.origin + ": a [[story]] needs 'name' and 'search' (the words its documents' "
                                            "titles or URLs all hold)");
  }
  auto name = string_at(file, *table->get("name"), "name");
  if (!name) {
    return tl::make_unexpected(name.error());
  }
  auto search = string_at(file, *table->get("search"), "search");
  if (!search) {
    return tl::make_unexpected(search.error());
  }
  if (!has_a_word(*name)) {
    return tl::make_unexpected(where(file, table->get("name")->source()) + ": a story's 'name' must not be empty");
  }
  if (!has_a_word(*search)) {
    return tl::make_unexpected(where(file, table->get("search")->source()) +
                               ": 'search' needs at least one word to pick the story's documents by");
  }
  pin.name = std::move(*name);
  pin.search = std::move(*search);
  return pin;
}

}  // namespace

tl::expected<void, std::string> read_story_tables(const std::string& file, const toml::table& root,
                                                  std::vector<StoryPin>& pins) {
  const toml::node* stories = root.get("story");
  if (stories == nullptr) {
    return {};
  }
  const toml::array* list = stories->as_array();
  if (list == nullptr) {
    return tl::make_unexpected(where(file, stories->source()) + ": 'story' must be [[story]] tables");
  }
  for (const toml::node& node : *list) {
    auto pin = read_story_table(file, node);
    if (!pin) {
      return tl::make_unexpected(pin.error());
    }
    for (const StoryPin& existing : pins) {
      if (existing.name == pin->name) {
        return tl::make_unexpected(pin->origin + ": story name '" + pin->name + "' is already used at " +
                                   existing.origin);
      }
    }
    pins.push_back(std::move(*pin));
  }
  return {};
}

}  // namespace tracker::config
