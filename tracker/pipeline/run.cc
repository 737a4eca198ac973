#include "tracker/pipeline/run.h"

#include <algorithm>

#include "tracker/pipeline/run_stages.h"
#include "tracker/pipeline/source_problem.h"
#include "tracker/text/server_text.h"

namespace tracker::pipeline {
namespace {

net::FetcherOptions fetcher_options(const config::Settings& settings, bool allow_file) {
  net::FetcherOptions options;
  options.concurrency = settings.concurrency;
  options.per_host = settings.per_host;
  options.host_delay = settings.host_delay;
  options.connect_timeout = settings.connect_timeout;
  options.total_timeout = settings.total_timeout;
  options.max_body_bytes = settings.max_body_bytes;
  options.user_agent = settings.user_agent;
  options.allow_file = allow_file;
  return options;
}

bool allows_file(const config::Settings& settings) {
  return std::any_of(settings.sources.begin(), settings.sources.end(),
                     [](const config::SourceConfig& s) { return s.allow_file; });
}

}  // namespace

RunState::RunState(const config::Settings& run_settings, const claims::TopicLexicon& run_lexicon,
                   store::SnapshotStore& run_store, const RunOptions& run_options)
    : settings(run_settings),
      lexicon(run_lexicon),
      store(run_store),
      options(run_options),
      budget(run_settings, RunBudget::Clock::now()),
      fetcher(fetcher_options(run_settings, allows_file(run_settings))),
      source_ids(run_settings.sources.size(), 0),
      new_validators(run_settings.sources.size()),
      source_problems(run_settings.sources.size()),
      read_feed_again(run_settings.sources.size(), false) {}

std::string source_label(const config::SourceConfig& source) {
  return "source '" + text::server_text(source.name) + "': ";
}

std::string describe_failure(const net::FetchResult& result) {
  return std::string(net::describe(result.outcome)) + (result.error.empty() ? "" : ": " + result.error);
}

net::FetchRequest conditional_request(store::SnapshotStore& store, const PageJob& job) {
  net::FetchRequest request{job.url, {}, {}};
  request.feed_link = job.feed_link;
  request.address_policy = job.address_policy;
  if (auto state = store.fetch_state(job.url); state && state->has_value()) {
    request.etag = (*state)->etag;
    request.last_modified = (*state)->last_modified;
  }
  return request;
}

void due_sources(RunState& run) {
  for (std::size_t i = 0; i < run.settings.sources.size(); ++i) {
    const config::SourceConfig& source = run.settings.sources[i];
    run.summary.sources.push_back(SourceOutcome{source.name, source.url, false, false, {}, 0});
    const char* kind = source.kind == config::SourceKind::feed   ? "feed"
                       : source.kind == config::SourceKind::page ? "page"
                                                                 : "detect";
    auto id = run.store.upsert_source(source.name, source.url, kind);
    if (!id) {
      run.summary.sources[i].error = id.error().message;
      continue;
    }
    run.source_ids[i] = *id;
    if (is_due(run.store, source, run.options)) {
      run.due.push_back(i);
    }
  }
}

void fetch_sources(RunState& run) {
  std::vector<net::FetchRequest> requests;
  for (std::size_t i : run.due) {
    requests.push_back(
        conditional_request(run.store, PageJob{i, run.source_ids[i], {}, run.settings.sources[i].url, {}}));
  }
  net::FetchDeadlines deadlines;
  deadlines.all = run.budget.feed_deadline();
  run.source_results = run.fetcher.fetch_all(requests, deadlines);
}

void finish_sources(RunState& run) {
  // A source that left pages, or had one it could not store, is fetched whole next run: a
  // 304 for its feed would only recheck the pages already stored, never the ones left here.
  for (std::size_t i = 0; i < run.settings.sources.size(); ++i) {
    std::string skipped = run.budget.skipped_pages(i);
    if (!skipped.empty() || run.read_feed_again[i]) {
      forget_validators(run.store, run.settings.sources[i].url);
    } else if (run.new_validators[i]) {
      take_validators(run.store, *run.new_validators[i]);
    }
    if (!skipped.empty()) {
      std::string& error = run.summary.sources[i].error;
      error += (error.empty() ? "" : "; ") + skipped;
    }
    if (run.source_problems[i]) {
      record_source_problem(run.store, run.settings.sources[i].url, *run.source_problems[i]);
    }
  }
}

bool RunSummary::all_sources_ok() const {
  return std::all_of(sources.begin(), sources.end(),
                     [](const SourceOutcome& source) { return source.error.empty(); });
}

RunSummary run_sources(const config::Settings& settings, const claims::TopicLexicon& lexicon,
                       store::SnapshotStore& store, const RunOptions& options) {
  RunState run(settings, lexicon, store, options);
  due_sources(run);
  fetch_sources(run);
  pages_to_fetch(run);
  process_pages(run);
  finish_sources(run);

  const auto by_job = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::stable_sort(run.documents.begin(), run.documents.end(), by_job);
  std::stable_sort(run.page_errors.begin(), run.page_errors.end(), by_job);
  for (auto& [j, version] : run.documents) {
    run.summary.documents.push_back(std::move(version));
  }
  for (auto& [j, error] : run.page_errors) {
    run.summary.page_errors.push_back(std::move(error));
  }
  return std::move(run.summary);
}

}  // namespace tracker::pipeline
