#include <string>
#include <unordered_set>

#include "tracker/pipeline/run_stages.h"
#include "tracker/pipeline/source_problem.h"
#include "tracker/pipeline/takedown.h"
#include "tracker/syndication/feed.h"

// pages_to_fetch: the pages each source fetched this run gives, as PageJobs.

namespace tracker::pipeline {
namespace {

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

// The feed answered 304: it is as it was, but its articles may have been updated in place, so
// the pages already known are rechecked (conditional GETs make the unchanged ones cheap).
void recheck_known_pages(RunState& run, std::size_t index, const net::FetchResult& result) {
  const config::SourceConfig& source = run.settings.sources[index];
  if (source.kind == config::SourceKind::page) {
    return;
  }
  const auto policy = feed_link_policy(run.settings, source, result);
  auto known = run.store.recent_documents(run.source_ids[index], run.settings.max_items_per_feed);
  if (!known) {
    run.summary.sources[index].error = known.error().message;
    return;
  }
  for (const store::Document& document : *known) {
    if (!article_due(run.store, run.settings.recheck, document.first_seen, document.url, run.options)) {
      ++run.summary.pages_not_due;
      continue;
    }
    if (first_sighting(run.seen_items, run.source_ids[index], document.key, document.url)) {
      run.jobs.push_back(PageJob{index, run.source_ids[index], document.key, document.url, document.title,
                                 nullptr, true, policy});
    }
  }
}

// The feed's items that are due, each a page to fetch.
void pages_of_feed(RunState& run, std::size_t index, const net::FetchResult& result) {
  const config::SourceConfig& source = run.settings.sources[index];
  SourceOutcome& outcome = run.summary.sources[index];
  auto feed = syndication::parse_feed(result.body, result.effective_url.empty() ? source.url : result.effective_url);
  if (!feed) {
    outcome.error = feed_problem(feed.error().message, result);
    run.source_problems[index] = outcome.error;
    return;
  }
  run.source_problems[index] = "";
  const store::SourceId source_id = run.source_ids[index];
  const auto policy = feed_link_policy(run.settings, source, result);
  for (const syndication::FeedItem& item : feed->items) {
    if (outcome.items >= run.settings.max_items_per_feed) {
      break;
    }
    if (item.link.empty()) {
      continue;
    }
    const std::string key = item.id.empty() ? item.link : item.id;
    ++outcome.items;
    if (auto known = run.store.find_document(source_id, key, item.link);
        known && known->has_value() &&
        !article_due(run.store, run.settings.recheck, (*known)->first_seen, item.link, run.options)) {
      ++run.summary.pages_not_due;
      continue;
    }
    if (first_sighting(run.seen_items, source_id, key, item.link)) {
      run.jobs.push_back(PageJob{index, source_id, key, item.link, item.title, nullptr, true, policy});
    }
  }
}

// What one source's own fetch gives: its feed's pages, itself as a page, or only an error.
void pages_of_source(RunState& run, net::FetchResult& result) {
  const std::size_t index = run.due[result.index];
  const config::SourceConfig& source = run.settings.sources[index];
  SourceOutcome& outcome = run.summary.sources[index];
  const store::SourceId source_id = run.source_ids[index];
  if (result.outcome == net::FetchOutcome::abandoned) {  // left due, to be fetched next run
    outcome.error = run.budget.refusal(index).value_or("given up at a deadline") + " before " + source.url +
                    " came in; it is fetched again next run";
    return;
  }
  run.budget.start_source(index, result.first_sent);
  outcome.fetched = true;
  // A 200's validators wait until the source's items are stored: a run killed before then
  // must not leave them, or the next run takes a 304 and never sees the items it missed.
  record_fetch(run.store, result, run.options.now, source.interval, true, /*keep_old_validators=*/true);
  if (result.outcome == net::FetchOutcome::ok) {
    run.new_validators[index] = Validators{result.url, result.etag, result.last_modified};
  }
  if (result.outcome == net::FetchOutcome::not_modified) {
    outcome.not_modified = true;
    recheck_known_pages(run, index, result);
    return;
  }
  if (result.outcome != net::FetchOutcome::ok) {
    outcome.error = describe_failure(result);
    // A watched page that went away is the page's news as well as the source's failure
    // (once it has a stored version: before that it is only the failure).
    if (source.kind == config::SourceKind::page && takedown_reason(result, source.url)) {
      auto known = run.store.find_document(source_id, source.url, source.url);
      if (known && known->has_value() && first_sighting(run.seen_items, source_id, source.url, source.url)) {
        run.jobs.push_back(PageJob{index, source_id, source.url, source.url, {}, &result});
      }
    }
    return;
  }
  const bool is_feed = source.kind == config::SourceKind::feed ||
                       (source.kind == config::SourceKind::detect && syndication::looks_like_feed(result.body));
  if (is_feed) {
    pages_of_feed(run, index, result);
    return;
  }
  if (first_sighting(run.seen_items, source_id, source.url, source.url)) {
    run.jobs.push_back(PageJob{index, source_id, source.url, source.url, {}, &result});
  }
  outcome.items = 1;
}

}  // namespace

void pages_to_fetch(RunState& run) {
  for (net::FetchResult& result : run.source_results) {
    pages_of_source(run, result);
  }
}

}  // namespace tracker::pipeline
