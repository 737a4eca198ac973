#include "tracker/store/json_columns.h"

#include <nlohmann/json.hpp>

namespace tracker::store {
namespace {

template <typename Value>
std::optional<std::vector<Value>> parse_list(const std::string& json, bool (nlohmann::json::*is_kind)() const noexcept) {
  if (!json_depth_within(json, 1)) {
    return std::nullopt;  // a list of words or ids holds no arrays
  }
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_array()) {
    return std::nullopt;
  }
  std::vector<Value> values;
  values.reserve(parsed.size());
  for (const nlohmann::json& element : parsed) {
    if (!(element.*is_kind)()) {
      return std::nullopt;
    }
    values.push_back(element.get<Value>());
  }
  return values;
}

}  // namespace

bool json_depth_within(std::string_view json, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        return false;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

std::string string_list_json(const std::vector<std::string>& words) {
  return nlohmann::json(words).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string id_list_json(const std::vector<std::int64_t>& ids) {
  return nlohmann::json(ids).dump();
}

std::string page_fields_json(const PageFields& fields) {
  nlohmann::ordered_json object;
  object["standfirst"] = fields.standfirst;
  object["byline"] = fields.byline;
  object["published"] = fields.published;
  object["modified"] = fields.modified;
  return object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::optional<PageFields> parse_page_fields(const std::string& json) {
  if (json.empty() || !json_depth_within(json, 1)) {
    return std::nullopt;
  }
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_object()) {
    return std::nullopt;
  }
  const auto field = [&](const char* name) {
    const auto found = parsed.find(name);
    return found != parsed.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  return PageFields{field("standfirst"), field("byline"), field("published"), field("modified")};
}

std::optional<std::vector<std::string>> parse_string_list(const std::string& json) {
  return parse_list<std::string>(json, &nlohmann::json::is_string);
}

std::optional<std::vector<std::int64_t>> parse_id_list(const std::string& json) {
  return parse_list<std::int64_t>(json, &nlohmann::json::is_number_integer);
}

std::optional<std::string> deep_json_damage(std::string_view row, std::int64_t id,
                                            std::string_view column, const std::string& json) {
  if (json_depth_within(json)) {
    return std::nullopt;
  }
  return "store is damaged: " + std::string(row) + " " + std::to_string(id) + "'s " +
         std::string(column) + " nests deeper than " + std::to_string(k_max_json_depth) + " levels";
}

}  // namespace tracker::store
