#include "tracker/alert/message.h"

#include <algorithm>
#include <stdexcept>

#include "tracker/alert/message_format.h"
#include "tracker/alert/mime.h"
#include "tracker/diff/word_diff.h"
#include "tracker/report/html_escape.h"
#include "tracker/report/join.h"
#include "tracker/report/marked_words.h"
#include "tracker/report/stored_changes.h"

namespace tracker::alert {
namespace {

using report::html_escape;

int rank(std::string_view significance) {
  return significance == "high" ? 3 : significance == "medium" ? 2 : significance == "low" ? 1 : 0;
}

std::string border_colour(std::string_view significance) {
  return significance == "high" ? "#c0392b" : significance == "medium" ? "#e67e22" : "#95a5a6";
}

// One change with every piece of text from outside made a safe single line, once.
struct ShownChange {
  std::string source;
  std::string title;
  std::string url;
  const store::Change* change = nullptr;
  std::string old_text;
  std::string new_text;
  std::vector<std::string> topics;
  std::vector<std::string> aspects;
  std::vector<std::string> notes;  // report::correction_notes: what the report says too
};

ShownChange shown(const AlertedChange& alerted) {
  ShownChange out;
  out.source = mime::one_line(alerted.source_name);
  out.title = mime::one_line(alerted.document_title);
  out.title = out.title.empty() ? "(untitled)" : out.title;
  out.url = mime::one_line(alerted.document_url);
  out.change = &alerted.change;
  out.old_text = mime::one_line(alerted.change.old_text.value_or(""));
  out.new_text = mime::one_line(alerted.change.new_text.value_or(""));
  std::transform(alerted.change.topics.begin(), alerted.change.topics.end(),
                 std::back_inserter(out.topics), mime::one_line);
  std::transform(alerted.change.aspects.begin(), alerted.change.aspects.end(),
                 std::back_inserter(out.aspects), mime::one_line);
  out.notes = report::correction_notes(report::correction_flags(alerted.change.detail_json));
  return out;
}

// Most significant first; equal ones keep the caller's order.
std::vector<ShownChange> by_significance(const std::vector<AlertedChange>& changes) {
  std::vector<ShownChange> out;
  for (const AlertedChange& alerted : changes) {
    out.push_back(shown(alerted));
  }
  std::stable_sort(out.begin(), out.end(), [](const ShownChange& a, const ShownChange& b) {
    return rank(a.change->significance) > rank(b.change->significance);
  });
  return out;
}

// Changes of one document, in the order of their documents' most significant change.
std::vector<std::vector<const ShownChange*>> by_document(const std::vector<ShownChange>& sorted) {
  std::vector<std::vector<const ShownChange*>> groups;
  for (const ShownChange& item : sorted) {
    auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& group) {
      const ShownChange& first = *group.front();
      return first.change->document_id == item.change->document_id && first.url == item.url &&
             first.source == item.source;
    });
    if (same == groups.end()) {
      groups.emplace_back();
      same = groups.end() - 1;
    }
    same->push_back(&item);
  }
  return groups;
}

std::string quoted(std::string_view text, std::size_t limit) {
  return "\"" + clip_middle(text, limit) + "\"";
}

// What happened, in a few words: `new claim "..."`, `number changed "a" → "b"`.
std::string change_phrase(const ShownChange& item) {
  const std::string& kind = item.change->kind;
  if (kind == "added") {
    return "new claim " + quoted(item.new_text, 60);
  }
  if (kind == "removed") {
    return "removed claim " + quoted(item.old_text, 60);
  }
  if (kind == "taken_down") {
    return "story taken down " + quoted(item.old_text, 60);
  }
  if (kind == "restored") {
    return "story back " + quoted(item.new_text, 60);
  }
  // "headline number changed", "standfirst changed", "byline attribution changed".
  const bool page_field = kind == "headline" || kind == "standfirst" || kind == "byline";
  const std::string what = (page_field ? std::string(kind) + " " : std::string()) +
                           (item.aspects.empty() ? std::string(page_field ? "" : "claim ") : item.aspects.front() + " ") +
                           "changed ";
  // The first run of changed words, with the word after it for context: "10,000 troops".
  const std::vector<diff::WordEdit> edits = diff::word_diff(item.old_text, item.new_text);
  std::string removed;
  std::string added;
  std::size_t i = 0;
  while (i < edits.size() && edits[i].op == diff::WordEdit::Op::equal) {
    ++i;
  }
  for (; i < edits.size() && edits[i].op != diff::WordEdit::Op::equal; ++i) {
    (edits[i].op == diff::WordEdit::Op::removed ? removed : added) = edits[i].text;
  }
  if (i < edits.size()) {
    const std::string next = edits[i].text.substr(0, edits[i].text.find(' '));
    removed += removed.empty() ? "" : " " + next;
    added += added.empty() ? "" : " " + next;
  }
  if (!removed.empty() && !added.empty()) {
    return what + quoted(removed, 30) + " \u2192 " + quoted(added, 30);
  }
  if (!added.empty()) {
    return what + "+" + quoted(added, 60);
  }
  if (!removed.empty()) {
    return what + "-" + quoted(removed, 60);
  }
  return what + quoted(item.new_text, 60);
}

// The edits of one side only: the old claim with its removed words, or the new with its added.
std::vector<diff::WordEdit> one_side(const std::vector<diff::WordEdit>& edits,
                                     diff::WordEdit::Op keep) {
  std::vector<diff::WordEdit> out;
  std::copy_if(edits.begin(), edits.end(), std::back_inserter(out),
               [&](const diff::WordEdit& edit) {
                 return edit.op == diff::WordEdit::Op::equal || edit.op == keep;
               });
  return out;
}

std::string summary_line(std::size_t changes, std::size_t documents) {
  return std::to_string(changes) + (changes == 1 ? " changed claim" : " changed claims") + " in " +
         std::to_string(documents) + (documents == 1 ? " document" : " documents") +
         (changes > 1 ? ", most significant first." : ".");
}

// Like `tracker diff --format text`: a heading "HIGH modified [topics] aspects", then the
// claims, the changed words marked [-removed-] and {+added+}.
std::string change_text(const ShownChange& item) {
  std::string out = ascii_upper(item.change->significance) + " " + item.change->kind;
  if (!item.topics.empty()) {
    out += " [" + report::join_list(item.topics) + "]";
  }
  if (!item.aspects.empty()) {
    out += " " + report::join_list(item.aspects);
  }
  out += "\n";
  for (const std::string& note : item.notes) {
    out += "  ! " + note + "\n";
  }
  if (item.change->kind == "added" || item.change->kind == "restored") {
    out += "  new: " + item.new_text + "\n";
  } else if (item.change->kind == "removed" || item.change->kind == "taken_down") {
    out += "  removed: " + item.old_text + "\n";
  } else {
    const std::vector<diff::WordEdit> edits = diff::word_diff(item.old_text, item.new_text);
    out += "  was: " + report::marked_words(one_side(edits, diff::WordEdit::Op::removed), false) +
           "\n";
    out +=
        "  now: " + report::marked_words(one_side(edits, diff::WordEdit::Op::added), false) + "\n";
  }
  return out;
}

std::string text_part(const std::vector<std::vector<const ShownChange*>>& groups,
                      std::size_t count) {
  std::string out = "tracker: " + summary_line(count, groups.size()) + "\n";
  for (const auto& group : groups) {
    const ShownChange& document = *group.front();
    out += text_document_heading(document.title, document.source, document.url);
    for (const ShownChange* item : group) {
      out += "\n" + change_text(*item);
    }
  }
  out += "\n-- \nSent by tracker. Changed words are marked [-removed-] and {+added+}.\n";
  return out;
}

std::string html_claim(const std::string& label, const std::string& words) {
  return element("p", "margin:4px 0", element("span", "color:#555", label + ":") + " " + words) +
         "\n";
}

std::string html_marked(const std::vector<diff::WordEdit>& edits) {
  std::string out;
  for (const diff::WordEdit& edit : edits) {
    out += out.empty() ? "" : " ";
    const std::string words = html_escape(edit.text);
    out += edit.op == diff::WordEdit::Op::equal     ? words
           : edit.op == diff::WordEdit::Op::removed ? element("del", k_del_style, words)
                                                    : element("ins", k_ins_style, words);
  }
  return out;
}

std::string change_html(const ShownChange& item) {
  const std::string colour = border_colour(item.change->significance);
  std::string inner =
      element("p", "margin:0;font-size:12px;font-weight:bold;letter-spacing:.03em;color:" + colour,
              html_escape(ascii_upper(item.change->significance)) + " &middot; " +
                  html_escape(item.change->kind));
  std::vector<std::string> tags = item.topics;
  tags.insert(tags.end(), item.aspects.begin(), item.aspects.end());
  if (!tags.empty()) {
    inner += "\n" + element("p", k_meta_style, html_escape(report::join_list(tags)));
  }
  for (const std::string& note : item.notes) {
    inner += "\n" + element("p", k_note_style, html_escape(note));
  }
  inner += "\n";
  if (item.change->kind == "added" || item.change->kind == "restored") {
    inner += html_claim("new", element("ins", k_ins_style, html_escape(item.new_text)));
  } else if (item.change->kind == "removed" || item.change->kind == "taken_down") {
    inner += html_claim("removed", element("del", k_del_style, html_escape(item.old_text)));
  } else {
    const std::vector<diff::WordEdit> edits = diff::word_diff(item.old_text, item.new_text);
    inner += html_claim("was", html_marked(one_side(edits, diff::WordEdit::Op::removed)));
    inner += html_claim("now", html_marked(one_side(edits, diff::WordEdit::Op::added)));
  }
  return element("div", "border-left:4px solid " + colour + ";padding:4px 12px;margin:12px 0",
                 "\n" + inner) +
         "\n";
}

std::string html_part(const std::vector<std::vector<const ShownChange*>>& groups, std::size_t count,
                      const std::string& subject) {
  std::string body = "\n" + element("p", k_meta_style, summary_line(count, groups.size())) + "\n";
  for (const auto& group : groups) {
    const auto& document = *group.front();
    body += html_document_heading(document.title, document.source, document.url);
    for (const ShownChange* item : group) {
      body += change_html(*item);
    }
  }
  return html_page(subject, body, "Sent by tracker.");
}

}  // namespace

std::string alert_subject(const std::vector<AlertedChange>& changes, std::string_view tag) {
  std::string lead = std::string(tag) + " ";
  if (changes.empty()) {
    return lead + "no changed claims";
  }
  const std::vector<ShownChange> sorted = by_significance(changes);
  const ShownChange& top = sorted.front();
  if (!top.topics.empty()) {
    lead += clip_end(report::join_list(top.topics), 30) + ": ";
  }
  lead += change_phrase(top) + " \u2014 ";
  std::string tail;
  if (!top.source.empty()) {
    tail += " (" + clip_end(top.source, 30) + ")";
  }
  if (changes.size() > 1) {
    tail += " +" + std::to_string(changes.size() - 1) + " more";
  }
  // The title gets what is left, so the source and the count are never cut off.
  const std::size_t used = code_points(lead) + code_points(tail);
  const std::size_t title_room =
      std::clamp<std::size_t>(k_subject_limit - std::min(used, k_subject_limit), 20, 60);
  const std::string subject = lead + clip_end(top.title, title_room) + tail;
  return clip_end(subject, k_subject_limit);
}

std::string compose_alert(const Envelope& envelope, const std::vector<AlertedChange>& changes) {
  if (changes.empty()) {
    throw std::invalid_argument("compose_alert: no changes to send");
  }
  const std::string subject = alert_subject(changes, envelope.subject_tag);
  const std::vector<ShownChange> sorted = by_significance(changes);
  const auto groups = by_document(sorted);
  return compose_message(envelope, subject, text_part(groups, sorted.size()),
                         html_part(groups, sorted.size(), subject));
}

std::string compose_message(const Envelope& envelope, std::string_view subject,
                            const std::string& text, const std::string& html) {
  // Addresses come from the settings, which should have refused bad ones; any left are dropped
  // from the header here (the SMTP envelope lists recipients separately) so none can inject one.
  std::vector<std::string> to;
  std::copy_if(envelope.to.begin(), envelope.to.end(), std::back_inserter(to),
               mime::is_plain_address);
  if (!mime::is_plain_address(envelope.from) || to.empty()) {
    throw std::invalid_argument("compose_message: a message needs a plain From and To address");
  }
  std::vector<std::string> references;
  std::copy_if(envelope.references.begin(), envelope.references.end(),
               std::back_inserter(references), mime::is_message_id);
  const mime::Multipart body = mime::multipart_alternative({{"plain", text}, {"html", html}});

  std::string out = mime::token_list_field("From", {envelope.from}, ", ");
  out += mime::token_list_field("To", to, ", ");
  out += mime::unstructured_field("Subject", subject);
  out += "Date: " + mime::date_time(envelope.date) + "\r\n";
  if (mime::is_message_id(envelope.message_id)) {
    out += "Message-ID: " + envelope.message_id + "\r\n";
  }
  if (!references.empty()) {
    out += "In-Reply-To: " + references.back() + "\r\n";
    out += mime::token_list_field("References", references, " ");
  }
  // RFC 3834: an automatic message, so vacation responders stay quiet.
  out += "Auto-Submitted: auto-generated\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: " + body.content_type + "\r\n\r\n";
  out += body.body;
  return out;
}

}  // namespace tracker::alert
