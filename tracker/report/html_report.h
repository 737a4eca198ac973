#pragma once

#include <string>

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

}  // namespace tracker::report
