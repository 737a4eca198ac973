#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <tuple>

#include "support/process.h"

namespace tracker::test {

// Every change of `store` as `tracker changes --format json` lists them, in the order the runs
// stored them (by id). The listing itself is checked on the way: newest first, by time and
// then by version, with one version's changes together in the order they were stored.
inline nlohmann::json changes_as_stored(const std::filesystem::path& store) {
  const ProcessResult listed = run_tracker({"changes", "--store", store.string(), "--format", "json"});
  REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
  nlohmann::json changes = nlohmann::json::parse(listed.out);
  REQUIRE(changes.is_array());
  for (std::size_t i = 1; i < changes.size(); ++i) {
    const nlohmann::json& newer = changes[i - 1];
    const nlohmann::json& older = changes[i];
    const auto order = [](const nlohmann::json& change) {
      return std::make_tuple(change["created_at"].get<std::string>(), change["snapshot_id"].get<long long>());
    };
    CHECK(order(newer) >= order(older));
    if (newer["snapshot_id"] == older["snapshot_id"]) {
      CHECK(newer["id"].get<long long>() < older["id"].get<long long>());
    }
  }
  std::sort(changes.begin(), changes.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    return a["id"].get<long long>() < b["id"].get<long long>();
  });
  return changes;
}

}  // namespace tracker::test
