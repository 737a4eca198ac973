#include "tracker/pipeline/takedown.h"

#include <algorithm>

#include "tracker/net/url_parts.h"
#include "tracker/report/claim_json.h"

namespace tracker::pipeline {
namespace {

// "index.html" and the like name the directory they are in.
bool is_index(const std::string& segment) {
  return segment.starts_with("index.") || segment.starts_with("default.");
}

// Whether `landed` is the front page of `requested`'s site, or one of the directories above
// it (a section front): where outlets send the readers of a story they removed.
std::optional<std::string> front_page_redirect(const std::string& requested, const std::string& landed) {
  auto from = net::url_parts(requested);
  auto to = net::url_parts(landed);
  if (!from || !to || from->host != to->host) {
    return std::nullopt;
  }
  std::erase_if(from->segments, is_index);
  std::erase_if(to->segments, is_index);
  if (to->segments.size() >= from->segments.size() ||
      !std::equal(to->segments.begin(), to->segments.end(), from->segments.begin())) {
    return std::nullopt;
  }
  return std::string(to->segments.empty() ? "the page now redirects to the site's front page ("
                                          : "the page now redirects to a section front (") +
         landed + ")";
}

}  // namespace

std::optional<std::string> takedown_reason(const net::FetchResult& result, std::string_view requested_url) {
  if (result.outcome == net::FetchOutcome::http_error && (result.status == 404 || result.status == 410)) {
    return std::string("the page answers ") + (result.status == 404 ? "404 Not Found" : "410 Gone");
  }
  if (result.outcome == net::FetchOutcome::ok && !result.effective_url.empty() &&
      result.effective_url != requested_url) {
    return front_page_redirect(std::string(requested_url), result.effective_url);
  }
  return std::nullopt;
}

diff::ClaimChange takedown_change(const std::vector<claims::Claim>& last_claims, const claims::Claim& last_headline,
                                  std::string reason) {
  diff::ClaimChange change;
  change.kind = diff::ChangeKind::removed;
  change.story_event = diff::StoryEvent::taken_down;
  change.story_reason = std::move(reason);
  change.significance = diff::Significance::high;  // whatever it said, the outlet no longer says it
  change.old_claim = &last_headline;
  change.meaning_score = 1;
  for (const claims::Claim& claim : last_claims) {
    for (const std::string& topic : claim.topics) {
      if (std::find(change.topics.begin(), change.topics.end(), topic) == change.topics.end()) {
        change.topics.push_back(topic);
      }
    }
  }
  return change;
}

diff::ClaimChange restored_change(const std::vector<claims::Claim>& claims, const claims::Claim& headline) {
  diff::ClaimChange change = takedown_change(claims, headline, {});
  change.kind = diff::ChangeKind::added;
  change.story_event = diff::StoryEvent::restored;
  change.significance = diff::Significance::medium;  // what it says now is in the changes after it
  change.old_claim = nullptr;
  change.new_claim = &headline;
  return change;
}

std::optional<std::size_t> last_version_before(const std::vector<store::Snapshot>& snapshots, std::size_t index) {
  for (std::size_t i = std::min(index, snapshots.size()); i-- > 0;) {
    if (snapshots[i].gone.empty()) {
      return i;
    }
  }
  return std::nullopt;
}

tl::expected<Takedown, PageError> store_takedown(store::SnapshotStore& store, claims::ClaimExtractor& extractor,
                                                 const FetchedPage& page, std::string reason) {
  const auto fail = [&](const store::StoreError& error) {
    return tl::make_unexpected(PageError{page.url + ": " + error.message, true, false, false});
  };
  auto transaction = store.begin();
  if (!transaction) {
    return fail(transaction.error());
  }
  auto document = store.find_document(page.source_id, page.key, page.url);
  if (!document) {
    return fail(document.error());
  }
  if (!document->has_value()) {
    return Takedown{};
  }
  auto previous = store.latest_snapshot((*document)->id);
  if (!previous) {
    return fail(previous.error());
  }
  if (!previous->has_value() || !(*previous)->gone.empty()) {
    return Takedown{nullptr, previous->has_value()};
  }
  const store::Snapshot& last = **previous;
  auto version = std::make_unique<DocumentVersion>();
  version->source_name = page.source_name;
  version->url = page.url;
  version->title = (*document)->title;
  version->document_id = (*document)->id;
  version->old_claims = extractor.extract(paragraphs_of(last.text));
  // A version stored before headlines were kept is named by the document's title.
  version->old_headline =
      extractor.headline_of(last.headline.empty() ? (*document)->title : last.headline, version->old_claims);
  version->diff.changes.push_back(takedown_change(version->old_claims, version->old_headline, reason));

  store::SnapshotInput input;
  input.fetched_at = page.now;
  input.http_status = static_cast<int>(page.fetch->status);
  input.raw = page.fetch->body;  // empty for a 404: the error page itself is not kept
  input.claims_json = report::claims_json({});
  input.gone = std::move(reason);
  auto snapshot = store.add_snapshot(version->document_id, input);
  if (!snapshot) {
    return fail(snapshot.error());
  }
  if (!snapshot->has_value()) {  // another run stored the takedown meanwhile
    return Takedown{nullptr, true};
  }
  version->snapshot_id = *snapshot;
  version->stored_bytes = input.raw.size();
  auto stored = store.add_changes(
      change_records(version->diff, version->document_id, **snapshot, last.id, page.now));
  if (!stored) {
    return fail(stored.error());
  }
  // The story's validators would let a story that comes back as it was answer 304, and a 304
  // has no page to store: it is asked for whole until it is back.
  auto state = store.fetch_state(page.url);
  if (!state) {
    return fail(state.error());
  }
  if (state->has_value()) {
    store::FetchState cleared = **state;
    cleared.etag.clear();
    cleared.last_modified.clear();
    if (auto saved = store.put_fetch_state(cleared); !saved) {
      return fail(saved.error());
    }
  }
  if (auto committed = transaction->commit(); !committed) {
    return fail(committed.error());
  }
  return Takedown{std::move(version), false};
}

}  // namespace tracker::pipeline
