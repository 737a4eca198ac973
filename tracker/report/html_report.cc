#include "tracker/report/html_report.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "tracker/report/html_escape.h"
#include "tracker/report/join.h"

namespace tracker::report {
namespace {

// Scripts, plugins, frames, forms and every fetch are forbidden: the page needs only its own
// inline style sheet. A second line of defence behind the escaping.
constexpr const char* k_content_security_policy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; "
    "form-action 'none'";

constexpr const char* k_style = R"(
:root{color-scheme:light}
body{font:16px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.5rem;margin-bottom:.2rem} h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}
h3{font-size:1.1rem;margin:1.6rem 0 .3rem} h4{font-size:.95rem;margin:1rem 0 .3rem;color:#333}
a{color:#1f5fa8} .meta{color:#555;font-size:.9rem;margin-top:0}
table.summary{border-collapse:collapse;font-size:.9rem} .summary th,.summary td{padding:.2rem .7rem;border-bottom:1px solid #eee;text-align:right}
.summary th:first-child,.summary td:first-child{text-align:left}
.badge{display:inline-block;font-size:.72rem;font-weight:700;letter-spacing:.04em;text-transform:uppercase;padding:0 .4rem;border-radius:3px;color:#fff;background:#95a5a6}
.badge.high{background:#c0392b} .badge.medium{background:#d35400} .badge.low{background:#7f8c8d}
ul.changes{list-style:none;padding:0;margin:.2rem 0} ul.changes li{margin:.45rem 0;padding-left:.6rem;border-left:3px solid #ddd}
ul.changes li.high{border-color:#c0392b} ul.changes li.medium{border-color:#d35400}
.where{color:#555;font-size:.85rem}
ol.timeline{list-style:none;padding-left:1rem;border-left:2px solid #ccd} ol.timeline>li{margin:0 0 1.2rem}
.change{border:1px solid #e3e3e3;border-left:4px solid #bbb;border-radius:4px;padding:.5rem .8rem;margin:.6rem 0}
.change.high{border-left-color:#c0392b} .change.medium{border-left-color:#d35400} .change.low{border-left-color:#95a5a6}
.tags{color:#555;font-size:.85rem} .correction{color:#c0392b;font-weight:600;font-size:.85rem}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin-top:.3rem}
.side p{margin:.2rem 0} .side-label{font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:#666}
.none{color:#888;font-style:italic}
del{background:#fdd;color:#900} ins{background:#dfd;color:#060;text-decoration:none}
ol.versions{padding-left:1.4rem} ol.versions li{margin:.2rem 0} ul.documents{list-style:none;padding:0} ul.documents li{margin:.7rem 0}
@media (max-width:40rem){.sides{grid-template-columns:1fr}}
)";

constexpr std::array<std::string_view, 3> k_significances = {"high", "medium", "low"};

int significance_rank(std::string_view significance) {
  for (std::size_t i = 0; i < k_significances.size(); ++i) {
    if (significance == k_significances[i]) {
      return static_cast<int>(i);
    }
  }
  return static_cast<int>(k_significances.size());
}

// "high", "medium", "low" as a CSS class; anything else a stored value might hold, "other".
std::string significance_class(std::string_view significance) {
  return significance_rank(significance) < static_cast<int>(k_significances.size())
             ? std::string(significance)
             : "other";
}

std::string marked_html(const std::vector<diff::WordEdit>& words) {
  std::string out;
  for (const diff::WordEdit& edit : words) {
    if (!out.empty()) {
      out += ' ';
    }
    const std::string text = html_escape(edit.text);
    out += edit.op == diff::WordEdit::Op::equal     ? text
           : edit.op == diff::WordEdit::Op::removed ? "<del>" + text + "</del>"
                                                    : "<ins>" + text + "</ins>";
  }
  return out;
}

// The change on one line: the word diff of a modified claim, else the claim added or removed.
std::string inline_claim(const StoredChange& item) {
  const store::Change& change = item.change;
  if (!item.words.empty()) {
    return marked_html(item.words);
  }
  if (change.new_text && !change.old_text) {
    return "<ins>" + html_escape(*change.new_text) + "</ins>";
  }
  if (change.old_text && !change.new_text) {
    return "<del>" + html_escape(*change.old_text) + "</del>";
  }
  return html_escape(change.new_text.value_or(change.old_text.value_or("")));
}

std::string badge(std::string_view significance) {
  return "<span class=\"badge " + significance_class(significance) + "\">" +
         html_escape(significance) + "</span>";
}

std::string document_name(const ChangedDocument& document) {
  const store::Document& doc = document.document;
  return !doc.title.empty() ? doc.title : !doc.url.empty() ? doc.url : doc.key;
}

std::string change_anchor(const store::Change& change) {
  return "change-" + std::to_string(change.id);
}

std::string document_anchor(store::DocumentId id) {
  return "doc-" + std::to_string(id);
}

// One side of the side-by-side view.
std::string side(std::string_view label, const std::string& body_html) {
  return "<div class=\"side\"><div class=\"side-label\">" + std::string(label) + "</div><p>" +
         body_html + "</p></div>";
}

std::string side_by_side(const StoredChange& item) {
  const store::Change& change = item.change;
  std::string old_html = "<span class=\"none\">not in the earlier version</span>";
  std::string new_html = "<span class=\"none\">no longer in the report</span>";
  if (change.old_text && change.new_text) {
    old_html = marked_html(one_side(item.words, diff::WordEdit::Op::removed));
    new_html = marked_html(one_side(item.words, diff::WordEdit::Op::added));
  } else if (change.new_text) {
    new_html = "<ins>" + html_escape(*change.new_text) + "</ins>";
  } else if (change.old_text) {
    old_html = "<del>" + html_escape(*change.old_text) + "</del>";
  }
  return "<div class=\"sides\">" + side("Before", old_html) + side("After", new_html) + "</div>";
}

std::string change_block(const StoredChange& item) {
  const store::Change& change = item.change;
  std::string out = "<div class=\"change " + significance_class(change.significance) + "\" id=\"" +
                    change_anchor(change) + "\"><div>" + badge(change.significance) + " <strong>" +
                    html_escape(kind_label(change.kind)) + "</strong> <span class=\"tags\">";
  out += html_escape(join_list(change.topics));
  if (!change.aspects.empty()) {
    out += (change.topics.empty() ? "" : " &middot; ") + html_escape(join_list(change.aspects));
  }
  out += "</span></div>\n";
  for (const std::string& note : correction_notes(item.flags)) {
    out += "<div class=\"correction\">" + html_escape(note) + "</div>\n";
  }
  out += side_by_side(item) + "</div>\n";
  return out;
}

const ChangedDocument& document_of(const ChangeSet& set, store::DocumentId id) {
  static const ChangedDocument k_unknown;
  const auto found = set.documents.find(id);
  return found != set.documents.end() ? found->second : k_unknown;
}

std::string header(const ChangeSet& set, const HtmlReportContext& context) {
  std::string out = "<header><h1>Claim changes</h1>\n<p class=\"meta\">" +
                    std::to_string(set.changes.size()) +
                    (set.changes.size() == 1 ? " change" : " changes") + " in " +
                    std::to_string(set.documents.size()) +
                    (set.documents.size() == 1 ? " document" : " documents");
  if (!context.scope.empty()) {
    out += " &middot; " + html_escape(context.scope);
  }
  out += " &middot; generated <time>" + utc_time(context.generated_at) + "</time></p></header>\n";
  return out;
}

// Topic name → the changes touching it, most significant first, newest first within that.
// Changes without a topic come last, under "no topic".
using TopicGroups = std::vector<std::pair<std::string, std::vector<const StoredChange*>>>;

TopicGroups group_by_topic(const ChangeSet& set) {
  std::map<std::string, std::vector<const StoredChange*>> by_topic;
  std::vector<const StoredChange*> without_topic;
  for (const StoredChange& item : set.changes) {
    const std::set<std::string> topics(item.change.topics.begin(), item.change.topics.end());
    for (const std::string& topic : topics) {
      by_topic[topic].push_back(&item);
    }
    if (topics.empty()) {
      without_topic.push_back(&item);
    }
  }
  TopicGroups groups(by_topic.begin(), by_topic.end());
  if (!without_topic.empty()) {
    groups.emplace_back("no topic", std::move(without_topic));
  }
  for (auto& [topic, items] : groups) {
    std::stable_sort(items.begin(), items.end(), [](const StoredChange* a, const StoredChange* b) {
      const int rank_a = significance_rank(a->change.significance);
      const int rank_b = significance_rank(b->change.significance);
      return rank_a != rank_b ? rank_a < rank_b : a->change.id > b->change.id;
    });
  }
  return groups;
}

std::string topic_summary(const TopicGroups& groups) {
  std::string out =
      "<table class=\"summary\"><thead><tr><th>topic</th><th>high</th><th>medium</th><th>low</th>"
      "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < groups.size(); ++i) {
    std::array<int, 4> counts{};
    for (const StoredChange* item : groups[i].second) {
      ++counts[static_cast<std::size_t>(significance_rank(item->change.significance))];
    }
    out += "<tr><td><a href=\"#topic-" + std::to_string(i) + "\">" + html_escape(groups[i].first) +
           "</a></td>";
    for (std::size_t rank = 0; rank < k_significances.size(); ++rank) {
      out += "<td>" + std::to_string(counts[rank]) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string topic_sections(const ChangeSet& set, const TopicGroups& groups) {
  std::string out = "<section id=\"by-topic\"><h2>By topic</h2>\n" + topic_summary(groups);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    out += "<h3 id=\"topic-" + std::to_string(i) + "\">" + html_escape(groups[i].first) + "</h3>\n";
    std::string_view open_significance;
    bool open = false;
    for (const StoredChange* item : groups[i].second) {
      const store::Change& change = item->change;
      if (!open || change.significance != open_significance) {
        if (open) {
          out += "</ul>\n";
        }
        out += "<h4>" + badge(change.significance) + "</h4>\n<ul class=\"changes\">\n";
        open_significance = change.significance;
        open = true;
      }
      const ChangedDocument& document = document_of(set, change.document_id);
      out += "<li class=\"" + significance_class(change.significance) + "\"><a href=\"#" +
             change_anchor(change) + "\">" + html_escape(kind_label(change.kind)) +
             "</a>: " + inline_claim(*item) + "<br><span class=\"where\">" +
             html_escape(document_name(document));
      if (!document.source_name.empty()) {
        out += " (" + html_escape(document.source_name) + ")";
      }
      out += " &middot; <time>" + utc_time(change.created_at) + "</time></span></li>\n";
    }
    if (open) {
      out += "</ul>\n";
    }
  }
  return out + "</section>\n";
}

// One document: its name and link, then its versions, newest first, each with its changes.
std::string document_timeline(const ChangedDocument& document,
                              const std::vector<const StoredChange*>& changes) {
  const store::Document& doc = document.document;
  std::string out = "<article id=\"" + document_anchor(doc.id) + "\"><h3>" +
                    html_escape(document_name(document)) + "</h3>\n<p class=\"meta\">";
  if (!document.source_name.empty()) {
    out += html_escape(document.source_name) + " &middot; ";
  }
  const std::string_view link = web_link(doc.url);
  if (!link.empty()) {
    out += "<a href=\"" + html_escape(link) + "\" rel=\"noopener noreferrer\">" +
           html_escape(doc.url) + "</a>";
  } else {
    out += html_escape(doc.url.empty() ? doc.key : doc.url);
  }
  out += "</p>\n<ol class=\"timeline\">\n";
  std::map<store::SnapshotId, std::vector<const StoredChange*>, std::greater<>> versions;
  for (const StoredChange* item : changes) {
    versions[item->change.snapshot_id].push_back(item);
  }
  for (const auto& [snapshot, items] : versions) {
    const store::Change& first = items.front()->change;
    out += "<li><h4><time>" + utc_time(first.created_at) + "</time> &middot; snapshot " +
           std::to_string(snapshot);
    if (first.previous_snapshot_id) {
      out += " against " + std::to_string(*first.previous_snapshot_id);
    }
    out += " &middot; " + std::to_string(items.size()) +
           (items.size() == 1 ? " change" : " changes") + "</h4>\n";
    for (const StoredChange* item : items) {
      out += change_block(*item);
    }
    out += "</li>\n";
  }
  return out + "</ol></article>\n";
}

std::string document_sections(const ChangeSet& set) {
  std::map<store::DocumentId, std::vector<const StoredChange*>> by_document;
  for (const StoredChange& item : set.changes) {
    by_document[item.change.document_id].push_back(&item);
  }
  // The most recently changed document first.
  std::vector<store::DocumentId> order;
  for (const auto& [id, items] : by_document) {
    order.push_back(id);
  }
  const auto newest = [&](store::DocumentId id) {
    store::ChangeId latest = 0;
    for (const StoredChange* item : by_document[id]) {
      latest = std::max(latest, item->change.id);
    }
    return latest;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](store::DocumentId a, store::DocumentId b) { return newest(a) > newest(b); });
  std::string out = "<section id=\"documents\"><h2>Documents</h2>\n";
  for (store::DocumentId id : order) {
    out += document_timeline(document_of(set, id), by_document[id]);
  }
  return out + "</section>\n";
}

}  // namespace

std::string html_page(std::string_view title, const std::string& body) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"";
  out += k_content_security_policy;
  out +=
      "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
      "<meta name=\"viewport\" content=\"width=device-width\">\n"
      "<title>" + html_escape(title) + "</title><style>";
  out += k_style;
  out += "</style></head><body>\n" + body + "</body></html>\n";
  return out;
}

std::string stored_change_html(const StoredChange& item) {
  return change_block(item);
}

std::string html_report(const ChangeSet& set, const HtmlReportContext& context) {
  std::string body = header(set, context);
  if (set.changes.empty()) {
    body += "<p>No claim changes.</p>\n";
  } else {
    body += topic_sections(set, group_by_topic(set));
    body += document_sections(set);
  }
  return html_page("tracker: claim changes", body);
}

}  // namespace tracker::report
