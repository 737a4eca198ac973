#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/store/records.h"

namespace tracker::store {

// Lists kept in one column as a JSON array (SQLite's json1 checks and queries them).
// Invalid UTF-8 becomes U+FFFD rather than an exception: the list must be stored whole.
std::string string_list_json(const std::vector<std::string>& words);
std::string id_list_json(const std::vector<std::int64_t>& ids);

// How deep a stored JSON value may nest arrays and objects. What tracker writes nests at most
// five levels (claims, a claim, its quantities, one quantity); a deeper value is damage, and
// reading it whole would exhaust the stack: nlohmann::json's dump and destructor recurse, and
// 60,000 '[' crashed `changes --format json`.
constexpr std::size_t k_max_json_depth = 64;

// Whether `json` nests arrays and objects no deeper than `max_depth`, in one pass that skips
// strings and needs no valid JSON: asked before a stored value is parsed.
bool json_depth_within(std::string_view json, std::size_t max_depth = k_max_json_depth);

// "store is damaged: snapshot 12's claims_json nests deeper than 64 levels", for a stored JSON
// value nested deeper than tracker ever writes (its readers would exhaust the stack); nullopt
// for one within k_max_json_depth. `row` names the table's row ("snapshot", "change").
std::optional<std::string> deep_json_damage(std::string_view row, std::int64_t id,
                                            std::string_view column, const std::string& json);

// A snapshot's page fields as one JSON object ({"standfirst": ..., "byline": ..., "published":
// ..., "modified": ...}), and back. Reading gives nullopt for an empty column (a version stored
// before page fields were kept) and for one that is not such an object (a damaged row, read as
// if it predated them: its next version is then compared on text and headline only).
std::string page_fields_json(const PageFields& fields);
std::optional<PageFields> parse_page_fields(const std::string& json);

// nullopt when the column does not hold an array of that kind: a damaged row.
std::optional<std::vector<std::string>> parse_string_list(const std::string& json);
std::optional<std::vector<std::int64_t>> parse_id_list(const std::string& json);

}  // namespace tracker::store
