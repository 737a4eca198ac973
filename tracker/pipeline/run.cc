#include "tracker/pipeline/run.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <unordered_set>

#include "tracker/net/fetcher.h"
#include "tracker/pipeline/fetch_records.h"
#include "tracker/pipeline/run_budget.h"
#include "tracker/pipeline/source_problem.h"
#include "tracker/pipeline/source_schedule.h"
#include "tracker/pipeline/takedown.h"
#include "tracker/syndication/feed.h"
#include "tracker/text/server_text.h"

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
  bool feed_link = false;  // found in a feed, not written by the user
  std::shared_ptr<const net::AddressPolicy> address_policy{};  // for feed links; null: any address
};

// The policy for the links of a feed that came from `feed`: none when the feed itself is on
// non-public addresses (it is inside already, and so are its links) or when the settings
// turn the check off. Inside means every hop: the first request and each redirect, so that a
// public feed redirecting to a private address is still a feed from outside. A file: feed
// has no address and gets the policy: its content may have come from anywhere.
std::shared_ptr<const net::AddressPolicy> feed_link_policy(const config::Settings& settings,
                                                           const config::SourceConfig& source,
                                                           const net::FetchResult& feed) {
  if (!settings.refuse_private_links || net::all_non_public(feed.peer_addresses)) {
    return nullptr;
  }
  auto policy = std::make_shared<net::AddressPolicy>();
  policy->allowed = settings.allow_addresses;
  policy->allowed.insert(policy->allowed.end(), source.allow_addresses.begin(),
                         source.allow_addresses.end());
  return policy;
}

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

net::FetchRequest conditional_request(store::SnapshotStore& store, const PageJob& job) {
  net::FetchRequest request{job.url, {}, {}};
  request.feed_link = job.feed_link;
  request.address_policy = job.address_policy;
  const std::string& url = job.url;
  if (auto state = store.fetch_state(url); state && state->has_value()) {
    request.etag = (*state)->etag;
    request.last_modified = (*state)->last_modified;
  }
  return request;
}

std::string describe_failure(const net::FetchResult& result) {
  return std::string(net::describe(result.outcome)) + (result.error.empty() ? "" : ": " + result.error);
}

// Whether a run has yet to fetch the item that `source` lists with `key` at `url`, noting it
// if so. An item is fetched once per run: once per key within a source, and once for the same
// key at the same URL in several feeds (one document, SnapshotStore::find_document). The same
// key at another URL in another feed is another document, and is fetched as well.
bool first_sighting(std::unordered_set<std::string>& seen, store::SourceId source,
                    const std::string& key, const std::string& url) {
  std::string own = std::to_string(source) + '\n' + key;
  std::string shared = '\n' + key + '\n' + url;  // a leading newline: never a source's id
  if (seen.contains(own) || seen.contains(shared)) {
    return false;
  }
  seen.insert(std::move(own));
  seen.insert(std::move(shared));
  return true;
}

using Clock = std::chrono::steady_clock;

// "source 'afp': ", before a page's error: which watch entry listed the page.
std::string source_label(const config::SourceConfig& source) {
  return "source '" + text::server_text(source.name) + "': ";
}

// What became of a page that came back from its fetch.
enum class PageOutcome {
  done,        // stored, unchanged, or an error of the page's own (its fetch state is recorded)
  not_stored,  // came back whole but could not be stored: fetched whole next time
  left,        // given up at the source's or the run's deadline, its fetch state untouched
  gone,        // the story is gone (store_takedown): fetched whole next time, to see it come back
};

}  // namespace

bool RunSummary::all_sources_ok() const {
  return std::all_of(sources.begin(), sources.end(),
                     [](const SourceOutcome& source) { return source.error.empty(); });
}

RunSummary run_sources(const config::Settings& settings, const claims::TopicLexicon& lexicon,
                       store::SnapshotStore& store, const RunOptions& options) {
  RunSummary summary;
  RunBudget budget(settings, Clock::now());
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
    requests.push_back(conditional_request(store, PageJob{i, source_ids[i], {}, settings.sources[i].url, {}}));
  }
  net::FetchDeadlines feed_deadlines;
  feed_deadlines.all = budget.feed_deadline();
  std::vector<net::FetchResult> source_results = fetcher.fetch_all(requests, feed_deadlines);
  std::vector<std::optional<Validators>> new_validators(settings.sources.size());  // by source
  // What each source's content gave this run, by source: "" usable, else why not; nullopt when
  // this run did not read it (not due, not fetched, a failed fetch, a 304).
  std::vector<std::optional<std::string>> source_problems(settings.sources.size());

  // 2. Feeds give their items' pages; pages are their own item.
  std::vector<PageJob> jobs;
  std::unordered_set<std::string> seen_items;  // see first_sighting
  for (const net::FetchResult& result : source_results) {
    const std::size_t index = due[result.index];
    const config::SourceConfig& source = settings.sources[index];
    SourceOutcome& outcome = summary.sources[index];
    if (result.outcome == net::FetchOutcome::abandoned) {  // left due, to be fetched next run
      outcome.error = budget.refusal(index).value_or("given up at a deadline") +
                      " before " + source.url + " came in; it is fetched again next run";
      continue;
    }
    budget.start_source(index, result.first_sent);
    outcome.fetched = true;
    // A 200's validators wait until the source's items are stored: a run killed before then
    // must not leave them, or the next run takes a 304 and never sees the items it missed.
    record_fetch(store, result, options.now, source.interval, true, /*keep_old_validators=*/true);
    if (result.outcome == net::FetchOutcome::ok) {
      new_validators[index] = Validators{result.url, result.etag, result.last_modified};
    }
    if (result.outcome == net::FetchOutcome::not_modified) {
      // The feed is as it was, but its articles may have been updated in place: recheck the
      // pages already known (conditional GETs make the unchanged ones cheap).
      outcome.not_modified = true;
      if (source.kind != config::SourceKind::page) {
        const auto policy = feed_link_policy(settings, source, result);
        auto known = store.recent_documents(source_ids[index], settings.max_items_per_feed);
        if (!known) {
          outcome.error = known.error().message;
          continue;
        }
        for (const store::Document& document : *known) {
          if (!article_due(store, settings.recheck, document.first_seen, document.url, options)) {
            ++summary.pages_not_due;
            continue;
          }
          if (first_sighting(seen_items, source_ids[index], document.key, document.url)) {
            jobs.push_back(PageJob{index, source_ids[index], document.key, document.url,
                                   document.title, nullptr, true, policy});
          }
        }
      }
      continue;
    }
    if (result.outcome != net::FetchOutcome::ok) {
      outcome.error = describe_failure(result);
      // A watched page that went away is the page's news as well as the source's failure
      // (once it has a stored version: before that it is only the failure).
      if (source.kind == config::SourceKind::page && takedown_reason(result, source.url)) {
        auto known = store.find_document(source_ids[index], source.url, source.url);
        if (known && known->has_value() && first_sighting(seen_items, source_ids[index], source.url, source.url)) {
          jobs.push_back(PageJob{index, source_ids[index], source.url, source.url, {}, &result});
        }
      }
      continue;
    }
    const bool is_feed = source.kind == config::SourceKind::feed ||
                         (source.kind == config::SourceKind::detect && syndication::looks_like_feed(result.body));
    if (!is_feed) {
      if (first_sighting(seen_items, source_ids[index], source.url, source.url)) {
        jobs.push_back(PageJob{index, source_ids[index], source.url, source.url, {}, &result});
      }
      outcome.items = 1;
      continue;
    }
    auto feed = syndication::parse_feed(result.body, result.effective_url.empty() ? source.url : result.effective_url);
    if (!feed) {
      outcome.error = feed_problem(feed.error().message, result);
      source_problems[index] = outcome.error;
      continue;
    }
    source_problems[index] = "";
    const auto policy = feed_link_policy(settings, source, result);
    for (const syndication::FeedItem& item : feed->items) {
      if (outcome.items >= settings.max_items_per_feed) {
        break;
      }
      if (item.link.empty()) {
        continue;
      }
      const std::string key = item.id.empty() ? item.link : item.id;
      ++outcome.items;
      if (auto known = store.find_document(source_ids[index], key, item.link);
          known && known->has_value() &&
          !article_due(store, settings.recheck, (*known)->first_seen, item.link, options)) {
        ++summary.pages_not_due;
        continue;
      }
      if (first_sighting(seen_items, source_ids[index], key, item.link)) {
        jobs.push_back(PageJob{index, source_ids[index], key, item.link, item.title, nullptr, true, policy});
      }
    }
  }

  // 3. Each page as soon as it is here: extract, store and diff it, then record its fetch
  // state. Pages are processed one by one on this thread while the others download, and each
  // body is freed once stored. The summary lists documents and errors in job order, as if
  // the pages had come back in that order.
  claims::ClaimExtractor extractor(lexicon);
  net::FetchDeadlines page_deadlines;
  page_deadlines.all = budget.run_deadline();
  std::vector<std::pair<std::size_t, std::unique_ptr<DocumentVersion>>> documents;
  std::vector<std::pair<std::size_t, std::string>> page_errors;
  const auto fetched_page = [&](const PageJob& job, const net::FetchResult& result) {
    const config::SourceConfig& source = settings.sources[job.source];
    return FetchedPage{job.source_id,
                       source.name,
                       job.key,
                       job.url,
                       job.title,
                       &result,
                       source.topics,
                       settings.max_body_bytes,
                       options.now,
                       {settings.max_dom_elements, settings.max_dom_depth, settings.max_attributes_per_element},
                       {settings.max_sentences_per_page, {}},
                       // The deadlines bound the page's parsing and claims too, not only
                       // its transfer: a hostile page must not hold the run past them.
                       [&budget, &job] { return budget.refusal(job.source).has_value(); },
                       [&budget, &job](std::size_t bytes) { return budget.storage_refusal(job.source, bytes); }};
  };
  const auto process = [&](std::size_t j, const net::FetchResult& result) -> PageOutcome {
    const PageJob& job = jobs[j];
    const config::SourceConfig& source = settings.sources[job.source];
    if (result.outcome == net::FetchOutcome::not_modified) {
      ++summary.pages_not_modified;
      return PageOutcome::done;
    }
    if (auto reason = takedown_reason(result, job.url)) {
      auto takedown = store_takedown(store, extractor, fetched_page(job, result), std::move(*reason));
      if (takedown && takedown->version) {
        documents.emplace_back(j, std::move(takedown->version));
        return PageOutcome::gone;
      }
      if (takedown && takedown->already_gone) {
        return PageOutcome::gone;  // said once, when it went: the fetch state backs off as for any failure
      }
      if (!takedown && summary.store_error.empty()) {
        summary.store_error = takedown.error().message;
        budget.stop("the store failed");
        page_deadlines.all = Clock::now();
        return PageOutcome::not_stored;
      }
      // A URL never stored: an error (or a page) as before.
    }
    if (result.outcome != net::FetchOutcome::ok) {
      // The URL came from a feed: the feed's text, like the server's in the error. The source
      // is named, so that a reader of the log knows which watch entry to look at.
      page_errors.emplace_back(
          j, source_label(source) + text::server_text(job.url) + ": " + describe_failure(result) +
                 (result.outcome == net::FetchOutcome::too_large
                      ? " (over [limits] max_body_bytes = " + std::to_string(settings.max_body_bytes) + ")"
                      : ""));
      return PageOutcome::done;  // a failed fetch: record_fetch keeps the old validators and backs off
    }
    ++summary.pages_fetched;
    const FetchedPage page = fetched_page(job, result);
    auto version = store_page_version(store, extractor, page);
    if (!version && version.error().out_of_time) {
      budget.skip(job.source, budget.refusal(job.source).value_or("given up at a deadline"), job.url);
      return PageOutcome::left;
    }
    if (!version) {
      if (version.error().left_for_later) {
        // Like a page left at a deadline: reported once per source, fetch state untouched.
        budget.skip(job.source, std::move(version.error().message), job.url);
        return PageOutcome::left;
      }
      if (version.error().store_failed && summary.store_error.empty()) {
        // No other page could be stored either: stop here, and leave them for the next run.
        summary.store_error = version.error().message;
        budget.stop("the store failed");
        page_deadlines.all = Clock::now();
      } else {
        page_errors.emplace_back(j, source_label(source) + text::server_text(version.error().message));  // names the URL
        if (!job.feed_link) {  // a page source: its own page is unusable ("no article found")
          source_problems[job.source] = text::server_text(version.error().message);
        }
      }
      return PageOutcome::not_stored;
    }
    if (!job.feed_link) {
      source_problems[job.source] = "";
    }
    budget.add_stored_bytes(job.source, (*version)->stored_bytes);
    if (budget.add_claims((*version)->claim_count)) {
      page_deadlines.all = Clock::now();  // the pages still to come are left for the next run
    }
    if ((*version)->diff.changes.empty()) {
      // Nothing for the report but the claim count: do not keep every page's claims.
      (*version)->old_claims = {};
      (*version)->new_claims = {};
    }
    documents.emplace_back(j, std::move(*version));
    return PageOutcome::done;
  };

  std::size_t pages_done = 0;
  const auto page_done = [&](std::size_t j) {
    if (options.on_page_done) {
      options.on_page_done(++pages_done, jobs.size(), settings.sources[jobs[j].source].name);
    }
  };
  std::vector<net::FetchRequest> page_requests;
  std::vector<std::size_t> page_request_jobs;
  std::vector<bool> read_feed_again(settings.sources.size(), false);  // by source index
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (jobs[j].prefetched != nullptr) {
      if (auto refused = budget.refusal(jobs[j].source)) {
        budget.skip(jobs[j].source, std::move(*refused), jobs[j].url);
      } else if (const PageOutcome outcome = process(j, *jobs[j].prefetched);  // a page source, fetched in step 1
                 outcome == PageOutcome::not_stored || outcome == PageOutcome::gone) {
        read_feed_again[jobs[j].source] = true;
      }
      jobs[j].prefetched = nullptr;       // source_results is cleared below
      page_done(j);
    } else {
      page_requests.push_back(conditional_request(store, jobs[j]));
      page_request_jobs.push_back(j);
      page_deadlines.each.push_back(budget.source_deadline(jobs[j].source));
    }
  }
  source_results.clear();  // feeds and page sources are done with
  source_results.shrink_to_fit();
  fetcher.fetch_each(page_requests, [&](net::FetchResult&& result) {
    const std::size_t j = page_request_jobs[result.index];
    // Abandoned at a deadline, or here after one: its fetch state stays as it was.
    if (auto refused = budget.refusal(jobs[j].source);
        refused || result.outcome == net::FetchOutcome::abandoned) {
      budget.skip(jobs[j].source, refused.value_or("given up at a deadline"), jobs[j].url);
      page_done(j);
      return;
    }
    const PageOutcome outcome = process(j, result);
    if (outcome == PageOutcome::left) {  // like a page refused above: nothing recorded
      page_done(j);
      return;
    }
    const bool stored = outcome == PageOutcome::done;
    // After the page's own transaction: a run killed in between fetches the page again
    // next time instead of taking a 304 for a page it never stored. (A page left for a
    // deadline or a stored-bytes bound returned above and keeps its old state.)
    record_fetch(store, result, options.now, settings.sources[jobs[j].source].interval, stored);
    if (!stored || (result.outcome != net::FetchOutcome::ok &&
                    result.outcome != net::FetchOutcome::not_modified)) {
      read_feed_again[jobs[j].source] = true;
    }
    page_done(j);
  }, page_deadlines);
  // A source that left pages, or had one it could not store, is fetched whole next run: a
  // 304 for its feed would only recheck the pages already stored, never the ones left here.
  for (std::size_t i = 0; i < settings.sources.size(); ++i) {
    std::string skipped = budget.skipped_pages(i);
    if (!skipped.empty() || read_feed_again[i]) {
      forget_validators(store, settings.sources[i].url);
    } else if (new_validators[i]) {
      take_validators(store, *new_validators[i]);
    }
    if (!skipped.empty()) {
      std::string& error = summary.sources[i].error;
      error += (error.empty() ? "" : "; ") + skipped;
    }
    if (source_problems[i]) {
      record_source_problem(store, settings.sources[i].url, *source_problems[i]);
    }
  }

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
