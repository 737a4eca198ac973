#include "tracker/report/diff_report.h"
#include "tracker/report/html_escape.h"
#include "tracker/report/stored_changes.h"

namespace tracker::report {
namespace {

constexpr const char* k_style = R"(
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.3rem} .meta{color:#555} .change{border-left:4px solid #bbb;padding:.4rem .8rem;margin:1rem 0}
.high{border-color:#c0392b} .medium{border-color:#e67e22} .low{border-color:#95a5a6}
.label{font-weight:600;text-transform:uppercase;font-size:.8rem;letter-spacing:.03em}
.tags{color:#555;font-size:.85rem} del{background:#fdd;color:#900} ins{background:#dfd;color:#060;text-decoration:none}
.correction{color:#c0392b;font-weight:600;font-size:.85rem}
)";

}  // namespace

std::string diff_html(const diff::ClaimDiff& diff, const DiffLabels& labels) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width\">"
      "<title>tracker: claim changes</title><style>";
  out += k_style;
  out += "</style></head><body>\n<h1>Claim changes</h1>\n<p class=\"meta\">";
  out += html_escape(labels.old_name) + " &rarr; " + html_escape(labels.new_name) + "<br>" +
         std::to_string(diff.changes.size()) + " changed, " + std::to_string(diff.moved) +
         " moved, " + std::to_string(diff.unchanged) + " unchanged</p>\n";
  if (const std::string note = not_analysed_note(diff.languages_not_analysed); !note.empty()) {
    out += "<p class=\"meta\">" + html_escape(note) + "</p>\n";
  }
  for (const diff::ClaimChange& change : diff.changes) {
    const std::string significance(diff::to_string(change.significance));
    out += "<div class=\"change " + significance + "\"><div><span class=\"label\">" +
           html_escape(significance) + " &middot; " + html_escape(diff::kind_name(change)) +
           "</span> <span class=\"tags\">";
    for (const std::string& topic : change.topics) {
      out += html_escape(topic) + " ";
    }
    for (diff::Aspect aspect : change.aspects) {
      out += "&middot; " + html_escape(diff::to_string(aspect)) + " ";
    }
    out += "</span></div>\n";
    for (const std::string& note : correction_notes(correction_flags(change))) {
      out += "<div class=\"correction\">" + html_escape(note) + "</div>\n";
    }
    out += "<p>";
    if (change.kind == diff::ChangeKind::added) {
      out += "<ins>" + html_escape(change.new_claim->text) + "</ins>";
    } else if (change.kind == diff::ChangeKind::removed) {
      out += "<del>" + html_escape(change.old_claim->text) + "</del>";
    } else {
      for (const diff::WordEdit& edit : change.words) {
        const std::string words = html_escape(edit.text);
        out += edit.op == diff::WordEdit::Op::equal     ? words
               : edit.op == diff::WordEdit::Op::removed ? "<del>" + words + "</del>"
                                                        : "<ins>" + words + "</ins>";
        out += ' ';
      }
    }
    out += "</p></div>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace tracker::report
