#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "tracker/claims/claim_extractor.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/net/fetcher.h"
#include "tracker/pipeline/document_version.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::pipeline {

// A story that stops answering is news: an outlet that pulls a report, or replaces it with a
// redirect to its front page, has changed what it says. These decide when a fetch means that,
// and store it as a change of its own.

// Why `result`, the answer to a request for a story at `requested_url`, says the story is
// gone: "the page answers 404 Not Found", "the page now redirects to the site's front page
// (https://example.org/)". nullopt when it does not: any other error may pass (a 500, a
// timeout), and a redirect elsewhere may be the story moving.
std::optional<std::string> takedown_reason(const net::FetchResult& result, std::string_view requested_url);

// The change that says the story went: taken down, high, with the last version's headline
// (its old claim) and every topic of its claims.
diff::ClaimChange takedown_change(const std::vector<claims::Claim>& last_claims, const claims::Claim& last_headline,
                                  std::string reason);

// The change that says a story taken down is back, medium, its new claim the headline: put
// first in the diff of the returning version against the last one before the takedown.
diff::ClaimChange restored_change(const std::vector<claims::Claim>& claims, const claims::Claim& headline);

// What store_takedown did.
struct Takedown {
  std::unique_ptr<DocumentVersion> version;  // the takedown stored, with its diff; null when not
  bool already_gone = false;  // the story's latest snapshot is a takedown already: nothing to do
};

// Stores the takedown of the story `page` names, in one transaction: a snapshot that holds
// only `reason` (and whatever the server sent), and its change. Nothing when tracker has no
// version of the story to lose (a URL never stored, or one taken down already).
tl::expected<Takedown, PageError> store_takedown(store::SnapshotStore& store, claims::ClaimExtractor& extractor,
                                                 const FetchedPage& page, std::string reason);

// The newest snapshot of `snapshots` (oldest first) before `index` that is a version, not a
// takedown; nullopt when there is none.
std::optional<std::size_t> last_version_before(const std::vector<store::Snapshot>& snapshots, std::size_t index);

}  // namespace tracker::pipeline
