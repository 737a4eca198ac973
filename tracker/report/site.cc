#include "tracker/report/site.h"

#include <map>

#include "tracker/report/html_escape.h"
#include "tracker/report/html_report.h"
#include "tracker/report/join.h"
#include "tracker/report/ledger_page.h"

namespace tracker::report {
namespace {

std::string plural(std::int64_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string name_of(const store::Document& document) {
  return !document.title.empty() ? document.title : !document.url.empty() ? document.url : document.key;
}

// The document's URL, a link only when it is http or https.
std::string url_html(const store::Document& document) {
  const std::string_view link = web_link(document.url);
  if (link.empty()) {
    return html_escape(document.url.empty() ? document.key : document.url);
  }
  return "<a href=\"" + html_escape(link) + "\" rel=\"noopener noreferrer\">" + html_escape(document.url) + "</a>";
}

// "Version 3 · 2025-02-13 08:40 UTC · headline · by Jane Roe · modified 2025-02-13T08:35:00Z
// (the page says)", or the takedown's reason.
std::string version_line(std::size_t number, const store::Snapshot& version) {
  std::string out = "<strong>Version " + std::to_string(number) + "</strong> &middot; <time>" +
                    html_escape(utc_time(version.fetched_at)) + "</time>";
  if (!version.gone.empty()) {
    return out + " &middot; <span class=\"correction\">taken down: " + html_escape(version.gone) + "</span>";
  }
  if (!version.headline.empty()) {
    out += " &middot; " + html_escape(version.headline);
  }
  if (version.fields && !version.fields->byline.empty()) {
    out += " &middot; by " + html_escape(version.fields->byline);
  }
  if (version.fields && !version.fields->modified.empty()) {
    out += " &middot; modified <time>" + html_escape(version.fields->modified) + "</time> (the page says)";
  }
  return out;
}

// A story's name: its pin's, else its first document's.
std::string story_name(const SiteStory& story) {
  return !story.story->pin.empty() ? story.story->pin
         : story.documents.empty() ? "story " + std::to_string(story.story->id)
                                   : name_of(story.documents.front()->document);
}

// "3 documents · afp, kyiv-wire · Kursk, NIS · 2025-02-04 06:12 UTC to 2025-02-13 08:40 UTC", escaped.
std::string story_facts(const SiteStory& story) {
  std::string facts = plural(static_cast<std::int64_t>(story.documents.size()), "document", "documents") +
                      " &middot; " + html_escape(join_list(story.story->sources));
  if (!story.story->names.empty()) {
    facts += " &middot; " + html_escape(join_list(story.story->names));
  }
  return facts + " &middot; <time>" + html_escape(utc_time(story.story->first_seen)) + "</time> to <time>" +
         html_escape(utc_time(story.story->last_activity)) + "</time>";
}

}  // namespace

std::string document_page_name(store::DocumentId id) {
  return "document-" + std::to_string(id) + ".html";
}

std::string story_page_name(store::DocumentId id) { return "story-" + std::to_string(id) + ".html"; }

std::string site_index_html(const std::vector<store::DocumentSummary>& documents,
                            const std::vector<SiteStory>& stories, store::UnixSeconds generated_at) {
  std::string body = "<header><h1>Tracked documents</h1>\n<p class=\"meta\">" +
                     plural(static_cast<std::int64_t>(documents.size()), "document", "documents") +
                     " &middot; generated <time>" + html_escape(utc_time(generated_at)) +
                     "</time> &middot; <a href=\"changes.html\">every claim change</a> &middot; <a "
                     "href=\"figures.html\">every figure</a></p></header>\n";
  if (documents.empty()) {
    return html_page("tracker: documents", body + "<p>No documents stored.</p>\n");
  }
  if (!stories.empty()) {
    body += "<h2>Stories</h2>\n<ul class=\"documents\">\n";
    for (const SiteStory& story : stories) {
      body += "<li><a href=\"" + story_page_name(story.story->id) + "\"><strong>" +
              html_escape(story_name(story)) + "</strong></a><br><span class=\"where\">" +
              story_facts(story) + "</span></li>\n";
    }
    body += "</ul>\n<h2>Documents</h2>\n";
  }
  body += "<ul class=\"documents\">\n";
  for (const store::DocumentSummary& summary : documents) {
    body += "<li><a href=\"" + document_page_name(summary.document.id) + "\"><strong>" +
            html_escape(name_of(summary.document)) + "</strong></a><br><span class=\"where\">" +
            html_escape(summary.source_name) + " &middot; " +
            plural(summary.snapshots, "version", "versions") + " &middot; " +
            plural(summary.changes, "change", "changes") + " &middot; last version <time>" +
            html_escape(utc_time(summary.last_activity())) + "</time></span></li>\n";
  }
  return html_page("tracker: documents", body + "</ul>\n");
}

std::string document_page_html(const store::DocumentSummary& document, const std::vector<store::Snapshot>& versions,
                               const std::vector<StoredChange>& changes) {
  const store::Document& doc = document.document;
  std::string body = "<p class=\"meta\"><a href=\"index.html\">All documents</a></p>\n<header><h1>" +
                     html_escape(name_of(doc)) + "</h1>\n<p class=\"meta\">" +
                     html_escape(document.source_name) + " &middot; " + url_html(doc) + "</p></header>\n";
  std::map<store::SnapshotId, std::size_t> number_of;
  body += "<h2>Versions</h2>\n<ol class=\"versions\">\n";
  for (std::size_t i = 0; i < versions.size(); ++i) {
    number_of[versions[i].id] = i + 1;
    body += "<li>" + version_line(i + 1, versions[i]) + "</li>\n";
  }
  body += "</ol>\n<h2>Changes</h2>\n";
  std::map<store::SnapshotId, std::vector<const StoredChange*>, std::greater<>> by_version;
  for (const StoredChange& item : changes) {
    by_version[item.change.snapshot_id].push_back(&item);
  }
  if (by_version.empty()) {
    body += "<p>No claim changes: only a first version is stored.</p>\n";
  }
  for (const auto& [snapshot, items] : by_version) {
    const auto number = number_of.find(snapshot);
    const auto previous = items.front()->change.previous_snapshot_id;
    const auto previous_number = previous ? number_of.find(*previous) : number_of.end();
    body += "<h3>" + (number != number_of.end() ? "Version " + std::to_string(number->second) : std::string("A pruned version"));
    if (previous_number != number_of.end()) {
      body += " against version " + std::to_string(previous_number->second);
    }
    body += " &middot; " + plural(static_cast<std::int64_t>(items.size()), "change", "changes") + "</h3>\n";
    for (const StoredChange* item : items) {
      body += stored_change_html(*item);
    }
  }
  return html_page("tracker: " + name_of(doc), body);
}

std::string story_page_html(const SiteStory& story, const std::vector<MeasureLedger>& ledgers,
                            store::UnixSeconds generated_at) {
  std::string body = "<p class=\"meta\"><a href=\"index.html\">All documents</a></p>\n<header><h1>" +
                     html_escape(story_name(story)) + "</h1>\n<p class=\"meta\">" +
                     (story.story->pin.empty() ? std::string("story") : std::string("pinned story")) +
                     " &middot; " + story_facts(story) + "</p></header>\n<h2>Documents</h2>\n<ul class=\"documents\">\n";
  for (const store::DocumentSummary* summary : story.documents) {
    body += "<li><a href=\"" + document_page_name(summary->document.id) + "\"><strong>" +
            html_escape(name_of(summary->document)) + "</strong></a><br><span class=\"where\">" +
            html_escape(summary->source_name) + " &middot; first seen <time>" +
            html_escape(utc_time(summary->document.first_seen)) + "</time></span></li>\n";
  }
  body += "</ul>\n<h2>Figures</h2>\n" + measure_sections_html(ledgers, generated_at);
  return html_page("tracker: " + story_name(story), body);
}

}  // namespace tracker::report
