#include "tracker/pipeline/run.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_set>

#include "tracker/net/fetcher.h"
#include "tracker/syndication/feed.h"

namespace tracker::pipeline {
namespace {

// A URL to fetch for the run, with what it is for.
struct PageJob {
  std::size_t source = 0;  // index into settings.sources
  store::SourceId source_id = 0;
  std::string key;
  std::string url;
  std::string title;
  const net::FetchResult* prefetched = nullptr;  // a page source's own fetch, from step 1
};

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

net::FetchRequest conditional_request(store::SnapshotStore& store, const std::string& url) {
  net::FetchRequest request{url, {}, {}};
  if (auto state = store.fetch_state(url); state && state->has_value()) {
    request.etag = (*state)->etag;
    request.last_modified = (*state)->last_modified;
  }
  return request;
}

// Records what a fetch of `url` left behind: validators for the next conditional GET, the
// error and failure count, and when the URL is next due.
void record_fetch(store::SnapshotStore& store, const net::FetchResult& result,
                  store::UnixSeconds now, std::chrono::seconds interval) {
  store::FetchState state;
  if (auto previous = store.fetch_state(result.url); previous && previous->has_value()) {
    state = **previous;
  }
  state.url = result.url;
  state.last_fetch = now;
  state.last_status = static_cast<int>(result.status);
  const bool worked = result.outcome == net::FetchOutcome::ok ||
                      result.outcome == net::FetchOutcome::not_modified;
  if (worked) {
    if (result.outcome == net::FetchOutcome::ok) {
      state.etag = result.etag;
      state.last_modified = result.last_modified;
    }
    state.last_error.clear();
    state.consecutive_failures = 0;
    state.next_due = now + interval.count();
  } else {
    state.last_error = result.error;
    ++state.consecutive_failures;
    // Back off a failing URL: one interval per consecutive failure, at most a day.
    const auto wait = std::min<std::int64_t>(interval.count() * state.consecutive_failures, 86'400);
    state.next_due = now + wait;
  }
  if (auto saved = store.put_fetch_state(state); !saved) {
    spdlog::warn("{}", saved.error().message);
  }
}

// A page that came back whole but could not be stored (no article, a store error) must be
// fetched whole next time too: with its validators kept, the next run would take a 304 and
// never store the version it missed.
void forget_validators(store::SnapshotStore& store, const std::string& url) {
  auto state = store.fetch_state(url);
  if (!state || !state->has_value()) {
    return;
  }
  store::FetchState cleared = **state;
  cleared.etag.clear();
  cleared.last_modified.clear();
  if (auto saved = store.put_fetch_state(cleared); !saved) {
    spdlog::warn("{}", saved.error().message);
  }
}

bool is_due(store::SnapshotStore& store, const config::SourceConfig& source, const RunOptions& options) {
  if (options.ignore_intervals) {
    return true;
  }
  auto state = store.fetch_state(source.url);
  return !state || !state->has_value() || !(*state)->next_due || *(*state)->next_due <= options.now;
}

std::string describe_failure(const net::FetchResult& result) {
  return std::string(net::describe(result.outcome)) + (result.error.empty() ? "" : ": " + result.error);
}

}  // namespace

bool RunSummary::all_sources_ok() const {
  return std::all_of(sources.begin(), sources.end(),
                     [](const SourceOutcome& source) { return source.error.empty(); });
}

RunSummary run_sources(const config::Settings& settings, const claims::TopicLexicon& lexicon,
                       store::SnapshotStore& store, const RunOptions& options) {
  RunSummary summary;
  const bool allow_file = std::any_of(settings.sources.begin(), settings.sources.end(),
                                      [](const config::SourceConfig& s) { return s.allow_file; });
  net::Fetcher fetcher(fetcher_options(settings, allow_file));

  // 1. Due sources.
  std::vector<std::size_t> due;
  std::vector<store::SourceId> source_ids(settings.sources.size(), 0);
  for (std::size_t i = 0; i < settings.sources.size(); ++i) {
    const config::SourceConfig& source = settings.sources[i];
    summary.sources.push_back(SourceOutcome{source.name, source.url, false, false, {}, 0});
    const char* kind = source.kind == config::SourceKind::feed   ? "feed"
                       : source.kind == config::SourceKind::page ? "page"
                                                                 : "detect";
    auto id = store.upsert_source(source.name, source.url, kind);
    if (!id) {
      summary.sources[i].error = id.error().message;
      continue;
    }
    source_ids[i] = *id;
    if (is_due(store, source, options)) {
      due.push_back(i);
    }
  }
  std::vector<net::FetchRequest> requests;
  for (std::size_t i : due) {
    requests.push_back(conditional_request(store, settings.sources[i].url));
  }
  std::vector<net::FetchResult> source_results = fetcher.fetch_all(requests);

  // 2. Feeds give their items' pages; pages are their own item.
  std::vector<PageJob> jobs;
  std::unordered_set<std::string> seen_keys;
  for (const net::FetchResult& result : source_results) {
    const std::size_t index = due[result.index];
    const config::SourceConfig& source = settings.sources[index];
    SourceOutcome& outcome = summary.sources[index];
    outcome.fetched = true;
    record_fetch(store, result, options.now, source.interval);
    if (result.outcome == net::FetchOutcome::not_modified) {
      // The feed is as it was, but its articles may have been updated in place: recheck the
      // pages already known (conditional GETs make the unchanged ones cheap).
      outcome.not_modified = true;
      if (source.kind != config::SourceKind::page) {
        auto known = store.recent_documents(source_ids[index], settings.max_items_per_feed);
        if (!known) {
          outcome.error = known.error().message;
          continue;
        }
        for (const store::Document& document : *known) {
          if (seen_keys.insert(document.key).second) {
            jobs.push_back(PageJob{index, source_ids[index], document.key, document.url, document.title});
          }
        }
      }
      continue;
    }
    if (result.outcome != net::FetchOutcome::ok) {
      outcome.error = describe_failure(result);
      continue;
    }
    const bool is_feed = source.kind == config::SourceKind::feed ||
                         (source.kind == config::SourceKind::detect && syndication::looks_like_feed(result.body));
    if (!is_feed) {
      if (seen_keys.insert(source.url).second) {
        jobs.push_back(PageJob{index, source_ids[index], source.url, source.url, {}, &result});
      }
      outcome.items = 1;
      continue;
    }
    auto feed = syndication::parse_feed(result.body, result.effective_url.empty() ? source.url : result.effective_url);
    if (!feed) {
      outcome.error = feed.error().message;
      continue;
    }
    for (const syndication::FeedItem& item : feed->items) {
      if (outcome.items >= settings.max_items_per_feed) {
        break;
      }
      if (item.link.empty()) {
        continue;
      }
      const std::string key = item.id.empty() ? item.link : item.id;
      ++outcome.items;
      if (seen_keys.insert(key).second) {  // the same article in two feeds is one document
        jobs.push_back(PageJob{index, source_ids[index], key, item.link, item.title});
      }
    }
  }

  // 3. Each page as soon as it is here: extract, store and diff it, then record its fetch
  // state. Pages are processed one by one on this thread while the others download, and each
  // body is freed once stored. The summary lists documents and errors in job order, as if
  // the pages had come back in that order.
  claims::ClaimExtractor extractor(lexicon);
  std::vector<std::pair<std::size_t, std::unique_ptr<DocumentVersion>>> documents;
  std::vector<std::pair<std::size_t, std::string>> page_errors;
  // False when a page that came back whole could not be stored.
  const auto process = [&](std::size_t j, const net::FetchResult& result) -> bool {
    const PageJob& job = jobs[j];
    const config::SourceConfig& source = settings.sources[job.source];
    if (result.outcome == net::FetchOutcome::not_modified) {
      ++summary.pages_not_modified;
      return true;
    }
    if (result.outcome != net::FetchOutcome::ok) {
      page_errors.emplace_back(j, job.url + ": " + describe_failure(result));
      return true;  // a failed fetch: record_fetch keeps the old validators and backs off
    }
    ++summary.pages_fetched;
    FetchedPage page{job.source_id, source.name, job.key, job.url, job.title,
                     &result, source.topics, settings.max_body_bytes, options.now};
    auto version = store_page_version(store, extractor, page);
    if (!version) {
      page_errors.emplace_back(j, version.error());
      return false;
    }
    if ((*version)->diff.changes.empty()) {
      // Nothing for the report but the claim count: do not keep every page's claims.
      (*version)->old_claims = {};
      (*version)->new_claims = {};
    }
    documents.emplace_back(j, std::move(*version));
    return true;
  };

  std::vector<net::FetchRequest> page_requests;
  std::vector<std::size_t> page_request_jobs;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (jobs[j].prefetched != nullptr) {
      if (!process(j, *jobs[j].prefetched)) {  // a page source, fetched in step 1
        forget_validators(store, jobs[j].prefetched->url);
      }
      jobs[j].prefetched = nullptr;       // source_results is cleared below
    } else {
      page_requests.push_back(conditional_request(store, jobs[j].url));
      page_request_jobs.push_back(j);
    }
  }
  source_results.clear();  // feeds and page sources are done with
  source_results.shrink_to_fit();
  fetcher.fetch_each(page_requests, [&](net::FetchResult&& result) {
    const std::size_t j = page_request_jobs[result.index];
    const bool stored = process(j, result);
    // After the page's own transaction: a run killed in between fetches the page again
    // next time instead of taking a 304 for a page it never stored.
    record_fetch(store, result, options.now, settings.sources[jobs[j].source].interval);
    if (!stored) {
      forget_validators(store, result.url);
    }
  });

  const auto by_job = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::stable_sort(documents.begin(), documents.end(), by_job);
  std::stable_sort(page_errors.begin(), page_errors.end(), by_job);
  for (auto& [j, version] : documents) {
    summary.documents.push_back(std::move(version));
  }
  for (auto& [j, error] : page_errors) {
    summary.page_errors.push_back(std::move(error));
  }
  return summary;
}

}  // namespace tracker::pipeline
