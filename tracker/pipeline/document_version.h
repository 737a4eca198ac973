#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "tracker/claims/claim_extractor.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/extract/dom_limits.h"
#include "tracker/net/fetcher.h"
#include "tracker/pipeline/page_claims.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::pipeline {

// A fetched article page on its way into the store.
struct FetchedPage {
  store::SourceId source_id = 0;
  std::string source_name;
  std::string key;    // GUID of the feed item, else the page's URL
  std::string url;
  std::string title;  // from the feed item; the page's own title when empty
  const net::FetchResult* fetch = nullptr;
  std::vector<std::string> watched_topics;  // empty: all
  std::size_t max_page_bytes = 0;
  store::UnixSeconds now = 0;
  // Past one of these the page is refused whole, with an error naming the [limits] key.
  extract::DomLimits dom_limits;
  claims::ClaimLimits claim_limits;
  // Asked while the page is read and before it is stored (PageClaimsOptions::out_of_time):
  // once it says true the page is given up, unstored. Empty: never.
  std::function<bool()> out_of_time;
  // Asked with a new snapshot's size (page, text and claims) before it is stored: why it may
  // not be, or nothing. Unset: no bound.
  std::function<std::optional<std::string>(std::size_t)> storage_refusal;
};

// What storing one page did. Owns the claims its diff points into, so it is never copied
// or moved once the diff exists: it lives behind a unique_ptr.
struct DocumentVersion {
  std::string source_name;
  std::string url;
  std::string title;
  store::DocumentId document_id = 0;
  std::optional<store::SnapshotId> snapshot_id;  // nullopt: the text had not changed
  bool first_version = false;
  std::size_t claim_count = 0;  // of the new version; kept when a run drops unneeded claims
  std::size_t stored_bytes = 0;  // the new snapshot's page, text and claims; 0 when none
  std::vector<claims::Claim> old_claims;
  std::vector<claims::Claim> new_claims;
  claims::Claim old_headline;  // the headlines as claims, which `diff` may point to
  claims::Claim new_headline;
  std::array<claims::Claim, 4> field_claims;  // standfirsts and bylines (add_page_field_changes)
  diff::ClaimDiff diff;  // against the previous snapshot; empty for a first version
};

// Why a page was not stored, for people (naming its URL). `store_failed` when the store
// itself failed (a full disk, a damaged file) rather than the page: no page can be stored then.
struct PageError {
  std::string message;
  bool store_failed = false;
  bool out_of_time = false;  // FetchedPage::out_of_time said to give the page up
  // Refused by FetchedPage::storage_refusal (`message` is its reason): nothing was stored,
  // and the page is left for a later run.
  bool left_for_later = false;
};

// A page goes into the store in three steps, so that the run can do the middle one, which
// needs no store and is most of the work, on another thread:
//   read_stored_base  what the store holds of the page's document (the run's thread);
//   work_on_page      extraction, claims and the diff with that (any thread);
//   store_page_work   the new snapshot and its changes, in one transaction (the run's thread).
// store_page_version does all three in turn.

// What the store held of a page's document before this version.
struct StoredBase {
  std::optional<store::SnapshotId> latest_id;  // the document's latest snapshot; nullopt: none (a new document)
  std::optional<store::Snapshot> previous;     // that snapshot: a version, or a takedown
  // The version the new one is compared with: `previous`, or when that is a takedown, the last
  // version before it (the story is back). nullopt when there is none.
  std::optional<store::Snapshot> base;
};

tl::expected<StoredBase, PageError> read_stored_base(store::SnapshotStore& store, const FetchedPage& page);

// The page read and, when its text is new, claimed and diffed: everything but the storing.
struct PageWork {
  std::unique_ptr<DocumentVersion> version;  // snapshot_id and stored_bytes still unset
  store::SnapshotInput input;
  bool changed = false;  // a new text or headline: add_snapshot stores it
};

tl::expected<PageWork, PageError> work_on_page(claims::ClaimExtractor& extractor, const FetchedPage& page,
                                               const StoredBase& stored);

// Stores `work` in one transaction. Should the document have moved on since `stored` was read,
// the page is worked on again here, with `extractor`, against what the store holds now.
tl::expected<std::unique_ptr<DocumentVersion>, PageError> store_page_work(store::SnapshotStore& store,
                                                                          claims::ClaimExtractor& extractor,
                                                                          const FetchedPage& page,
                                                                          const StoredBase& stored,
                                                                          PageWork work);

// Extracts the page, turns it into claims, stores a snapshot if its text changed, and diffs
// it with the previous snapshot, storing the changes: all in one store transaction.
// Errors name the URL and the problem.
tl::expected<std::unique_ptr<DocumentVersion>, PageError> store_page_version(
    store::SnapshotStore& store, claims::ClaimExtractor& extractor, const FetchedPage& page);

// The store's records of `diff`, the changes `snapshot` of `document` made to `previous`.
std::vector<store::ChangeInput> change_records(const diff::ClaimDiff& diff, store::DocumentId document,
                                               store::SnapshotId snapshot,
                                               std::optional<store::SnapshotId> previous,
                                               store::UnixSeconds now);

// A snapshot's text (paragraphs separated by blank lines) back as paragraphs.
std::vector<std::string> paragraphs_of(const std::string& text);

}  // namespace tracker::pipeline
