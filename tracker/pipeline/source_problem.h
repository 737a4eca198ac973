#pragma once

#include <string>
#include <string_view>

#include "tracker/net/fetcher.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::pipeline {

// Why a feed source's answer is no feed, as the feed reader said, and, when the answer is an
// HTML page that links to feeds (<link rel="alternate" type="application/rss+xml">), which
// one to watch instead: "not a feed: root element <html>; the page links to the feed
// https://example.org/rss.xml: watch that URL instead".
std::string feed_problem(std::string_view parse_error, const net::FetchResult& result);

// Records what a source's content gave at this run's fetch (FetchState::problem): empty when
// it was usable. Kept with the source URL's fetch state, for `tracker status`.
void record_source_problem(store::SnapshotStore& store, const std::string& url, const std::string& problem);

}  // namespace tracker::pipeline
