#include <nlohmann/json.hpp>

#include "tracker/report/claim_json.h"
#include "tracker/report/diff_report.h"

#include <algorithm>
#include <cmath>

#include "tracker/diff/significance.h"

namespace tracker::report {
namespace {

double rounded(double value) { return std::round(value * 1000.0) / 1000.0; }

// Why the change was graded as it was: what changed (modified) or what the claim holds.
nlohmann::ordered_json evidence_to_json(const diff::ClaimChange& change) {
  const diff::ChangeEvidence& evidence = change.evidence;
  nlohmann::ordered_json object;
  if (change.kind == diff::ChangeKind::modified) {
    object["changed_words"] = evidence.changed_words;
    object["changed_names"] = evidence.changed_names;
    object["typo_fixes"] = evidence.typo_fixes;
    object["negation"] = evidence.negation;
  } else {
    object["content_words"] = evidence.content_words;
    object["names"] = evidence.names;
    object["has_number"] = evidence.has_number;
    object["novel_figure"] = evidence.novel_figure;
    object["has_attribution"] = evidence.has_attribution;
    object["novel_speaker"] = evidence.novel_speaker;
  }
  return object;
}

// "hedged" -> "asserted" is firmer, "asserted" -> "denied" weaker; between two hedged
// versions, the one with fewer hedges is firmer.
nlohmann::ordered_json certainty_change(const claims::Claim& before, const claims::Claim& after) {
  int from = claims::certainty_strength(before.certainty);
  int to = claims::certainty_strength(after.certainty);
  if (from == to && before.certainty == claims::Certainty::hedged) {
    from = -static_cast<int>(before.certainty_cues.size());
    to = -static_cast<int>(after.certainty_cues.size());
  }
  return {{"from", claims::to_string(before.certainty)},
          {"to", claims::to_string(after.certainty)},
          {"direction", to > from ? "firmer" : to < from ? "weaker" : "same"}};
}

}  // namespace

nlohmann::ordered_json change_to_json(const diff::ClaimChange& change, bool explain) {
  nlohmann::ordered_json object;
  object["kind"] = diff::kind_name(change);
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
  object["correction_note"] = change.correction_note;
  if (change.story_event != diff::StoryEvent::none) {  // absent otherwise: claim changes keep their shape
    object["story"] = {{"event", diff::kind_name(change)}, {"reason", change.story_reason}};
  }
  object["score"] = rounded(change.meaning_score);
  object["evidence"] = evidence_to_json(change);
  if (change.kind == diff::ChangeKind::modified &&
      change.has_aspect(diff::Aspect::certainty)) {
    object["certainty_change"] = certainty_change(*change.old_claim, *change.new_claim);
  }
  if (explain) {
    const auto features = diff::meaning_features(change.kind, change.evidence);
    nlohmann::ordered_json named;
    for (std::size_t i = 0; i < features.size(); ++i) {
      named[std::string(diff::k_feature_names[i])] = features[i];
    }
    object["features"] = std::move(named);
    object["graded_by"] = diff::to_string(diff::grading_rule(change));
  }
  return object;
}

std::string diff_json(const diff::ClaimDiff& diff, bool explain) {
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const diff::ClaimChange& change : diff.changes) {
    changes.push_back(change_to_json(change, explain));
  }
  nlohmann::ordered_json root;
  root["changes"] = std::move(changes);
  root["moved"] = diff.moved;
  root["unchanged"] = diff.unchanged;
  root["languages_not_analysed"] = diff.languages_not_analysed;
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace tracker::report
