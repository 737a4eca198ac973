#pragma once

#include <string>
#include <string_view>

#include "tracker/report/stored_changes.h"
#include "tracker/store/records.h"

namespace tracker::report {

// What an HTML report says about itself in its header.
struct HtmlReportContext {
  // Which changes it holds, for people: "since 2025-02-11T00:00:00Z, topic casualties"; "" for all.
  std::string scope;
  store::UnixSeconds generated_at = 0;
};

// `tracker report --html`: one self-contained page (inline CSS, no scripts, a
// Content-Security-Policy that forbids them) with the changes grouped by topic and
// significance, then a timeline per document, newest version first, with the old and new
// claims side by side and the changed words marked. Every piece of stored text is escaped,
// and only http and https URLs become links.
std::string html_report(const ChangeSet& set, const HtmlReportContext& context);

// The pieces the report is made of, for the other pages of `report --site`:
// a whole page (the same head, Content-Security-Policy and style) around `body`, which the
// caller has escaped, with `title` escaped here;
std::string html_page(std::string_view title, const std::string& body);
// and one stored change as the report shows it: kind, topics, notes, before and after.
std::string stored_change_html(const StoredChange& item);

}  // namespace tracker::report
