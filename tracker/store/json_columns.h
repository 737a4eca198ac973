#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tracker::store {

// Lists kept in one column as a JSON array (SQLite's json1 checks and queries them).
// Invalid UTF-8 becomes U+FFFD rather than an exception: the list must be stored whole.
std::string string_list_json(const std::vector<std::string>& words);
std::string id_list_json(const std::vector<std::int64_t>& ids);

// nullopt when the column does not hold an array of that kind: a damaged row.
std::optional<std::vector<std::string>> parse_string_list(const std::string& json);
std::optional<std::vector<std::int64_t>> parse_id_list(const std::string& json);

}  // namespace tracker::store
