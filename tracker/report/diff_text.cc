#include <algorithm>

#include "tracker/report/diff_report.h"
#include "tracker/report/join.h"
#include "tracker/report/marked_words.h"
#include "tracker/report/stored_changes.h"

namespace tracker::report {
namespace {

constexpr const char* k_bold = "\x1b[1m";

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; });
  return out;
}

}  // namespace

std::string not_analysed_note(const std::vector<std::string>& languages, std::string_view done) {
  if (languages.empty()) {
    return {};
  }
  return "note: text in " + join_list(languages) +
         " was not analysed (the claim rules are English): only its numbers were " + std::string(done) + "\n";
}

std::string change_text(const diff::ClaimChange& change, bool color) {
  std::string out;
  std::string heading = upper(diff::to_string(change.significance)) + " " +
                        std::string(diff::kind_name(change));
  if (!change.topics.empty()) {
    heading += " [" + join_list(change.topics) + "]";
  }
  if (!change.aspects.empty()) {
    std::vector<std::string> aspects;
    for (diff::Aspect aspect : change.aspects) {
      aspects.emplace_back(diff::to_string(aspect));
    }
    heading += " " + join_list(aspects);
  }
  out += (color ? std::string(k_bold) + heading + k_reset : heading) + "\n";
  for (const std::string& note : correction_notes(correction_flags(change))) {
    out += "  ! " + note + "\n";
  }
  switch (change.kind) {
    case diff::ChangeKind::added:
      out += (color ? std::string(k_green) + "+ " + change.new_claim->text + k_reset
                    : "+ " + change.new_claim->text) + "\n";
      break;
    case diff::ChangeKind::removed:
      out += (color ? std::string(k_red) + "- " + change.old_claim->text + k_reset
                    : "- " + change.old_claim->text) + "\n";
      break;
    case diff::ChangeKind::modified:
      out += "~ " + marked_words(change.words, color) + "\n";
      if (change.old_claim->attribution != change.new_claim->attribution) {
        out += "  attribution: " +
               (change.old_claim->attribution.empty() ? "(none)" : change.old_claim->attribution) +
               " -> " +
               (change.new_claim->attribution.empty() ? "(none)" : change.new_claim->attribution) + "\n";
      }
      if (change.old_claim->certainty != change.new_claim->certainty) {
        out += "  certainty: " + std::string(claims::to_string(change.old_claim->certainty)) + " -> " +
               std::string(claims::to_string(change.new_claim->certainty)) + "\n";
      }
      break;
  }
  return out;
}

std::string diff_text(const diff::ClaimDiff& diff, const DiffLabels& labels, bool color) {
  std::string out;
  out += "--- " + labels.old_name + "\n+++ " + labels.new_name + "\n";
  for (const diff::ClaimChange& change : diff.changes) {
    out += "\n" + change_text(change, color);
  }
  out += "\n" + std::to_string(diff.changes.size()) + " changed, " + std::to_string(diff.moved) +
         " moved, " + std::to_string(diff.unchanged) + " unchanged\n";
  out += not_analysed_note(diff.languages_not_analysed);
  return out;
}

}  // namespace tracker::report
