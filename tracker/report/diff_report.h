#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "tracker/diff/claim_diff.h"

namespace tracker::report {

// Names of the two versions, shown in the text and HTML reports.
struct DiffLabels {
  std::string old_name;
  std::string new_name;
};

// One change as an element of diff_json's "changes". `explain` adds the meaning model's
// features ("features": {name: value}), for training and debugging the grading.
nlohmann::ordered_json change_to_json(const diff::ClaimChange& change, bool explain = false);

// `tracker diff --format json`: exactly DESIGN.md's object: {"changes": [{kind, significance,
// topics, aspects, old, new, ...}], "moved": N, "unchanged": N}, with a trailing newline.
std::string diff_json(const diff::ClaimDiff& diff, bool explain = false);

// One change as a block of `diff --format text`: a heading line and the claim(s).
std::string change_text(const diff::ClaimChange& change, bool color);

// "note: text in de was not analysed ...: only its numbers were <done>", for claims or a diff
// in such languages; empty when there are none.
std::string not_analysed_note(const std::vector<std::string>& languages, std::string_view done = "compared");

// `tracker diff --format text`: one block per change with the changed words marked, in
// colour when `color` (a terminal), as [-removed-]{+added+} otherwise.
std::string diff_text(const diff::ClaimDiff& diff, const DiffLabels& labels, bool color);

// `tracker diff --format html`: one self-contained page; every piece of text is escaped.
std::string diff_html(const diff::ClaimDiff& diff, const DiffLabels& labels);

}  // namespace tracker::report
