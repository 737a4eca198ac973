#include <nlohmann/json.hpp>

#include "tracker/report/claim_json.h"
#include "tracker/report/diff_report.h"

namespace tracker::report {

nlohmann::ordered_json change_to_json(const diff::ClaimChange& change) {
  nlohmann::ordered_json object;
  object["kind"] = diff::to_string(change.kind);
  object["significance"] = diff::to_string(change.significance);
  object["topics"] = change.topics;
  nlohmann::ordered_json aspects = nlohmann::ordered_json::array();
  for (diff::Aspect aspect : change.aspects) {
    aspects.push_back(diff::to_string(aspect));
  }
  object["aspects"] = std::move(aspects);
  object["old"] = change.old_claim != nullptr ? claim_to_json(*change.old_claim)
                                              : nlohmann::ordered_json(nullptr);
  object["new"] = change.new_claim != nullptr ? claim_to_json(*change.new_claim)
                                              : nlohmann::ordered_json(nullptr);
  if (change.kind == diff::ChangeKind::modified) {
    nlohmann::ordered_json words = nlohmann::ordered_json::array();
    for (const diff::WordEdit& edit : change.words) {
      const char* op = edit.op == diff::WordEdit::Op::equal     ? "equal"
                       : edit.op == diff::WordEdit::Op::removed ? "removed"
                                                                : "added";
      words.push_back({{"op", op}, {"text", edit.text}});
    }
    object["words"] = std::move(words);
  }
  object["possible_correction"] = change.possible_correction;
  return object;
}

std::string diff_json(const diff::ClaimDiff& diff) {
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const diff::ClaimChange& change : diff.changes) {
    changes.push_back(change_to_json(change));
  }
  nlohmann::ordered_json root;
  root["changes"] = std::move(changes);
  root["moved"] = diff.moved;
  root["unchanged"] = diff.unchanged;
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace tracker::report
