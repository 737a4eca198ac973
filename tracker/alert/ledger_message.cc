#include "tracker/alert/ledger_message.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "tracker/alert/message_format.h"
#include "tracker/alert/mime.h"
#include "tracker/report/html_escape.h"
#include "tracker/report/join.h"
#include "tracker/report/stored_changes.h"

namespace tracker::alert {
namespace {

using report::html_escape;
using report::LedgerEvent;

// How telling an event is, for the subject: a dispute first, a repeat last.
int rank(LedgerEvent event) {
  switch (event) {
    case LedgerEvent::contradicted:
      return 5;
    case LedgerEvent::revised:
      return 4;
    case LedgerEvent::new_figure:
      return 3;
    case LedgerEvent::corroborated:
      return 2;
    case LedgerEvent::repeated:
      return 1;
  }
  return 0;
}

std::string colour(LedgerEvent event) {
  return event == LedgerEvent::contradicted ? "#c0392b"
         : event == LedgerEvent::revised    ? "#e67e22"
         : event == LedgerEvent::new_figure ? "#1a4f8a"
                                            : "#95a5a6";
}

// One figure with every piece of text from outside made a safe single line, once.
struct ShownFigure {
  std::string measure;
  std::string text;
  std::string who;  // the attribution, or "unattributed"
  std::string certainty;
  std::string claim;
  std::string source;
  std::string title;
  std::string url;
  store::UnixSeconds first_seen = 0;
};

ShownFigure shown(const report::Figure& figure) {
  ShownFigure out;
  out.measure = mime::one_line(figure.measure);
  out.text = mime::one_line(figure.text);
  out.who = figure.attribution.empty() ? "unattributed" : mime::one_line(figure.attribution);
  out.certainty = mime::one_line(figure.certainty);
  out.claim = mime::one_line(figure.claim);
  out.source = mime::one_line(figure.source);
  out.title = mime::one_line(figure.title);
  out.title = out.title.empty() ? "(untitled)" : out.title;
  out.url = mime::one_line(figure.url);
  out.first_seen = figure.first_seen;
  return out;
}

struct ShownEvent {
  const report::LedgerEntry* entry = nullptr;
  std::string name;  // report::event_label
  ShownFigure figure;
  std::optional<ShownFigure>
      answers;  // the figure it corroborates, repeats, revises or contradicts
  std::vector<std::string> carried_by;
};

ShownEvent shown(const report::LedgerEntry& entry) {
  ShownEvent out;
  out.entry = &entry;
  out.name = report::event_label(entry);
  out.figure = shown(entry.figure);
  if (entry.relates_to) {
    out.answers = shown(*entry.relates_to);
  }
  std::transform(entry.carried_by.begin(), entry.carried_by.end(),
                 std::back_inserter(out.carried_by),
                 [](const std::string& outlet) { return mime::one_line(outlet); });
  return out;
}

std::string quoted(std::string_view text) {
  return "\"" + clip_middle(text, 30) + "\"";
}

// `soldiers killed revised up "300" → "more than 400" (lawmakers)`.
std::string event_phrase(const ShownEvent& item) {
  const ShownFigure& now = item.figure;
  std::string phrase = clip_end(now.measure, 30) + " " + item.name + " ";
  if (item.entry->event == LedgerEvent::revised && item.answers) {
    phrase += quoted(item.answers->text) + " \u2192 ";
  }
  phrase += quoted(now.text) + " (" + clip_end(now.who, 30) + ")";
  if (item.entry->event == LedgerEvent::contradicted && item.answers) {
    phrase += " vs " + quoted(item.answers->text) + " (" + clip_end(item.answers->who, 30) + ")";
  }
  return phrase;
}

// "more than 400 — lawmakers (asserted), afp-asia, 2026-12-03T10:00:00Z".
std::string figure_line(const ShownFigure& figure) {
  return figure.text + " \u2014 " + figure.who +
         (figure.certainty.empty() ? "" : " (" + figure.certainty + ")") + ", " + figure.source +
         ", " + report::utc_time(figure.first_seen);
}

std::string count_line(std::size_t events, std::size_t documents) {
  return std::to_string(events) + (events == 1 ? " figure event" : " figure events") + " in " +
         std::to_string(documents) + (documents == 1 ? " document." : " documents.");
}

// Events of one document, in the order given.
std::vector<std::vector<const ShownEvent*>> by_document(const std::vector<ShownEvent>& events) {
  std::vector<std::vector<const ShownEvent*>> groups;
  for (const ShownEvent& item : events) {
    auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& group) {
      return group.front()->entry->figure.document_id == item.entry->figure.document_id;
    });
    if (same == groups.end()) {
      groups.emplace_back();
      same = groups.end() - 1;
    }
    same->push_back(&item);
  }
  return groups;
}

std::string event_text(const ShownEvent& item) {
  std::string out = ascii_upper(item.name) + " \u00b7 " + item.figure.measure + "\n";
  out += "  now: " + figure_line(item.figure) + "\n";
  if (item.answers) {
    out += "  " + std::string(report::relation_label(item.entry->event)) + ": " +
           figure_line(*item.answers) + "\n";
  }
  out += "  claim: " + item.figure.claim + "\n";
  if (item.carried_by.size() > 1) {
    out += "  carried by: " + report::join_list(item.carried_by) + "\n";
  }
  return out;
}

std::string text_part(const std::vector<std::vector<const ShownEvent*>>& groups,
                      std::size_t count) {
  std::string out = "tracker: " + count_line(count, groups.size()) + "\n";
  for (const auto& group : groups) {
    const ShownFigure& document = group.front()->figure;
    out += text_document_heading(document.title, document.source, document.url);
    for (const ShownEvent* item : group) {
      out += "\n" + event_text(*item);
    }
  }
  out +=
      "\n-- \nSent by tracker: the figure ledger's events, as 'tracker figures --ledger' lists "
      "them.\n";
  return out;
}

std::string html_line(const std::string& label, const std::string& words) {
  return element("p", "margin:4px 0",
                 element("span", "color:#555", html_escape(label) + ":") + " " + words) +
         "\n";
}

std::string event_html(const ShownEvent& item) {
  const std::string line_colour = colour(item.entry->event);
  std::string inner =
      element(
          "p", "margin:0;font-size:12px;font-weight:bold;letter-spacing:.03em;color:" + line_colour,
          html_escape(ascii_upper(item.name)) + " &middot; " + html_escape(item.figure.measure)) +
      "\n";
  inner += html_line("now", html_escape(figure_line(item.figure)));
  if (item.answers) {
    inner += html_line(std::string(report::relation_label(item.entry->event)),
                       html_escape(figure_line(*item.answers)));
  }
  inner += html_line("claim", html_escape(item.figure.claim));
  if (item.carried_by.size() > 1) {
    inner += html_line("carried by", html_escape(report::join_list(item.carried_by)));
  }
  return element("div", "border-left:4px solid " + line_colour + ";padding:4px 12px;margin:12px 0",
                 "\n" + inner) +
         "\n";
}

std::string html_part(const std::vector<std::vector<const ShownEvent*>>& groups, std::size_t count,
                      const std::string& subject) {
  std::string body = "\n" + element("p", k_meta_style, count_line(count, groups.size())) + "\n";
  for (const auto& group : groups) {
    const auto& document = group.front()->figure;
    body += html_document_heading(document.title, document.source, document.url);
    for (const ShownEvent* item : group) {
      body += event_html(*item);
    }
  }
  return html_page(subject, body, "Sent by tracker: the figure ledger.");
}

std::vector<ShownEvent> shown_all(const std::vector<report::LedgerEntry>& events) {
  std::vector<ShownEvent> out;
  for (const report::LedgerEntry& entry : events) {
    out.push_back(shown(entry));
  }
  return out;
}

}  // namespace

std::string ledger_alert_subject(const std::vector<report::LedgerEntry>& events,
                                 std::string_view tag) {
  std::string lead = std::string(tag) + " ";
  if (events.empty()) {
    return lead + "no figure events";
  }
  const std::vector<ShownEvent> all = shown_all(events);
  const ShownEvent& top =
      *std::max_element(all.begin(), all.end(), [](const ShownEvent& a, const ShownEvent& b) {
        return rank(a.entry->event) < rank(b.entry->event);
      });
  lead += event_phrase(top) + " \u2014 ";
  std::string tail = top.figure.source.empty() ? "" : " (" + clip_end(top.figure.source, 30) + ")";
  if (events.size() > 1) {
    tail += " +" + std::to_string(events.size() - 1) + " more";
  }
  // The title gets what is left, so the source and the count are never cut off.
  const std::size_t used = code_points(lead) + code_points(tail);
  const std::size_t title_room =
      std::clamp<std::size_t>(k_subject_limit - std::min(used, k_subject_limit), 20, 60);
  return clip_end(lead + clip_end(top.figure.title, title_room) + tail, k_subject_limit);
}

std::string compose_ledger_alert(const Envelope& envelope,
                                 const std::vector<report::LedgerEntry>& events) {
  if (events.empty()) {
    throw std::invalid_argument("compose_ledger_alert: no events to send");
  }
  const std::string subject = ledger_alert_subject(events, envelope.subject_tag);
  const std::vector<ShownEvent> all = shown_all(events);
  const auto groups = by_document(all);
  return compose_message(envelope, subject, text_part(groups, all.size()),
                         html_part(groups, all.size(), subject));
}

}  // namespace tracker::alert
