#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace tracker::report {

// What identifies an element of a list across two versions: a claim's text, say.
using DriftKey = std::function<std::string(const nlohmann::ordered_json& element)>;

// How the list `now` differs from the list `before`, for people, one indented line per
// difference: "- KEY" for an element gone, "+ KEY" for a new one, "~ KEY" followed by
// "    field: BEFORE -> NOW" lines for an element whose other fields changed. Empty when the
// two lists are equal. Elements are aligned by `key`, in order (an LCS, as dtl computes it).
std::string json_list_drift(const nlohmann::ordered_json& before, const nlohmann::ordered_json& now,
                            const DriftKey& key);

}  // namespace tracker::report
