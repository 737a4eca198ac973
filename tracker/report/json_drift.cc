#include "tracker/report/json_drift.h"

#include <dtl/dtl.hpp>

#include <set>
#include <vector>

namespace tracker::report {
namespace {

using json = nlohmann::ordered_json;

// A value on one line, cut short: a drift report names the change, it does not dump data.
std::string compact(const json& value) {
  constexpr std::size_t k_max_chars = 160;
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > k_max_chars) {
    text.resize(k_max_chars);
    text += "...";
  }
  return text;
}

std::string element_drift(const json& before, const json& now) {
  if (!before.is_object() || !now.is_object()) {
    return "    " + compact(before) + " -> " + compact(now) + "\n";
  }
  std::string out;
  std::set<std::string> seen;
  for (const json* side : {&before, &now}) {
    for (const auto& [field, value] : side->items()) {
      if (!seen.insert(field).second) {
        continue;
      }
      const json missing;
      const json& old_value = before.contains(field) ? before.at(field) : missing;
      const json& new_value = now.contains(field) ? now.at(field) : missing;
      if (old_value != new_value) {
        out += "    " + field + ": " + compact(old_value) + " -> " + compact(new_value) + "\n";
      }
    }
  }
  return out;
}

}  // namespace

std::string json_list_drift(const json& before, const json& now, const DriftKey& key) {
  const json empty = json::array();
  const json& old_list = before.is_array() ? before : empty;
  const json& new_list = now.is_array() ? now : empty;
  std::vector<std::string> old_keys;
  std::vector<std::string> new_keys;
  for (const json& element : old_list) {
    old_keys.push_back(key(element));
  }
  for (const json& element : new_list) {
    new_keys.push_back(key(element));
  }
  dtl::Diff<std::string> alignment(old_keys, new_keys);
  alignment.compose();
  std::string out;
  for (const auto& [element_key, info] : alignment.getSes().getSequence()) {
    if (info.type == dtl::SES_DELETE) {
      out += "  - " + element_key + "\n";
    } else if (info.type == dtl::SES_ADD) {
      out += "  + " + element_key + "\n";
    } else {
      const auto old_index = static_cast<std::size_t>(info.beforeIdx - 1);
      const auto new_index = static_cast<std::size_t>(info.afterIdx - 1);
      if (old_list[old_index] != new_list[new_index]) {
        out += "  ~ " + element_key + "\n" + element_drift(old_list[old_index], new_list[new_index]);
      }
    }
  }
  if (out.empty() && before != now) {
    // Equal elements, yet the documents differ (a field beside the list, say).
    out = "  " + compact(before) + " -> " + compact(now) + "\n";
  }
  return out;
}

}  // namespace tracker::report
