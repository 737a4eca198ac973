#include "tracker/pipeline/source_problem.h"

#include <spdlog/spdlog.h>

#include "tracker/extract/html_document.h"
#include "tracker/extract/metadata.h"

namespace tracker::pipeline {

std::string feed_problem(std::string_view parse_error, const net::FetchResult& result) {
  std::string problem(parse_error);
  const std::string_view url = result.effective_url.empty() ? result.url : result.effective_url;
  auto page = extract::HtmlDocument::parse(result.body, {result.content_type, url, {}});
  if (!page) {
    return problem;
  }
  const extract::PageMetadata metadata = extract::read_metadata(page->doc(), url);
  if (!metadata.feeds.empty()) {
    problem += "; the page links to the feed " + metadata.feeds.front() + ": watch that URL instead";
  }
  return problem;
}

void record_source_problem(store::SnapshotStore& store, const std::string& url, const std::string& problem) {
  auto state = store.fetch_state(url);
  if (!state || !state->has_value() || (*state)->problem == problem) {
    return;  // never fetched (nothing to attach it to), or already recorded
  }
  store::FetchState updated = **state;
  updated.problem = problem;
  if (auto saved = store.put_fetch_state(updated); !saved) {
    spdlog::warn("{}", saved.error().message);
  }
}

}  // namespace tracker::pipeline
