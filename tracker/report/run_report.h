#pragma once

#include <string>
#include <string_view>

#include "tracker/pipeline/run.h"

namespace tracker::report {

// `tracker run` for people: one block per document whose claims changed, each change as in
// `tracker diff`; nothing at all when nothing changed (cron mails any output).
std::string run_text(const pipeline::RunSummary& summary, bool color);

// "== SOURCE: TITLE\n   URL\n": how `run` and `changes` head a document's changes (no
// "SOURCE: " when the source is unknown).
std::string document_heading(std::string_view source, std::string_view title, std::string_view url);

// `tracker run --format json`: {"sources": [...], "documents": [...], "page_errors": [...]}.
std::string run_json(const pipeline::RunSummary& summary);

}  // namespace tracker::report
