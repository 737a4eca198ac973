#include "tracker/config/source_table.h"

#include <algorithm>
#include <array>

#include "tracker/config/toml_values.h"

namespace tracker::config {
namespace {

constexpr std::array<std::string_view, 7> k_source_keys = {"name", "url", "kind", "interval",
                                                           "topics", "tags", "allow_addresses"};
constexpr std::size_t k_max_tag_bytes = 200;

tl::expected<std::vector<std::string>, std::string> tags_at(const std::string& file, const toml::node& node) {
  auto tags = string_list_at(file, node, "tags", /*allow_single=*/true);
  if (!tags) {
    return tags;
  }
  if (!std::all_of(tags->begin(), tags->end(), [](const std::string& tag) { return is_valid_tag(tag); })) {
    return tl::make_unexpected(where(file, node.source()) + ": 'tags': each tag must be 1 to " +
                               std::to_string(k_max_tag_bytes) + " bytes on one line");
  }
  std::sort(tags->begin(), tags->end());
  tags->erase(std::unique(tags->begin(), tags->end()), tags->end());
  return tags;
}

bool url_scheme_allowed(std::string_view url, bool allow_file) {
  return url.starts_with("http://") || url.starts_with("https://") ||
         (allow_file && url.starts_with("file://"));
}

}  // namespace

bool is_valid_tag(std::string_view tag) {
  return !tag.empty() && tag.size() <= k_max_tag_bytes &&
         std::none_of(tag.begin(), tag.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
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
    if (*value < std::chrono::seconds(1)) {
      return tl::make_unexpected(where(file, interval->source()) + ": 'interval' must be at least 1s");
    }
    source.interval = std::chrono::duration_cast<std::chrono::seconds>(*value);
  }
  if (const toml::node* topics = table.get("topics")) {
    auto names = string_list_at(file, *topics, "topics");
    if (!names) {
      return tl::make_unexpected(names.error());
    }
    source.topics = std::move(*names);
  }
  if (const toml::node* tags = table.get("tags")) {
    auto names = tags_at(file, *tags);
    if (!names) {
      return tl::make_unexpected(names.error());
    }
    source.tags = std::move(*names);
  }
  if (const toml::node* addresses = table.get("allow_addresses")) {
    auto ranges = address_list_at(file, *addresses, "allow_addresses");
    if (!ranges) {
      return tl::make_unexpected(ranges.error());
    }
    source.allow_addresses = std::move(*ranges);
  }
  return source;
}


tl::expected<std::vector<net::AddressRange>, std::string> address_list_at(const std::string& file,
                                                                          const toml::node& node,
                                                                          std::string_view key) {
  auto texts = string_list_at(file, node, key);
  if (!texts) {
    return tl::make_unexpected(texts.error());
  }
  std::vector<net::AddressRange> ranges;
  for (const std::string& text : *texts) {
    auto range = net::parse_address_range(text);
    if (!range) {
      return tl::make_unexpected(where(file, node.source()) + ": '" + std::string(key) + "': " + range.error());
    }
    ranges.push_back(*range);
  }
  return ranges;
}

}  // namespace tracker::config
