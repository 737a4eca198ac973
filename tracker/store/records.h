#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracker::store {

// Every time in the store is whole seconds since the Unix epoch, UTC: it sorts, compares and
// subtracts without parsing, and a reader formats it as ISO 8601 when it shows it. The caller
// supplies every time, so the store never reads the clock.
using UnixSeconds = std::int64_t;

using SourceId = std::int64_t;
using DocumentId = std::int64_t;
using SnapshotId = std::int64_t;
using ChangeId = std::int64_t;
using OutboxId = std::int64_t;

// A feed or page that a watch file names. Its URL identifies it.
struct Source {
  SourceId id = 0;
  std::string name;
  std::string url;
  std::string kind;  // "rss", "atom", "rdf", "page": the watch file's word, not checked here
};

// One report, followed across its versions.
struct Document {
  DocumentId id = 0;
  SourceId source_id = 0;
  std::string key;  // the feed item's GUID, else its canonical URL; unique within its source
  std::string url;
  std::string title;
  UnixSeconds first_seen = 0;
};

struct DocumentInput {
  SourceId source_id = 0;
  std::string key;
  std::string url;
  std::string title;
  UnixSeconds seen_at = 0;  // becomes first_seen for a new document
};

// What the last fetch of a URL left behind, for conditional GET and backoff.
struct FetchState {
  std::string url;
  std::string etag;           // as the server sent it; empty when it sent none
  std::string last_modified;  // likewise
  std::optional<UnixSeconds> last_fetch;
  int last_status = 0;     // HTTP status of the last answer; 0 when there was none
  std::string last_error;  // empty after a success
  int consecutive_failures = 0;
  std::optional<UnixSeconds> next_due;  // nullopt: due now
  // Of a source's own URL: why what its server sent could not be used (a feed that does not
  // parse, HTML where a feed was, a page with no article); empty when it could, or not known.
  std::string problem;
};

// What a page says about itself besides its headline, kept with each version: the standfirst
// and byline are part of the version (a change of either alone makes a new snapshot), the dates
// are what the page said when last fetched (a change of them alone updates the latest
// snapshot's, and makes no new one and no alert). Normalised like the text; empty when the
// page does not say.
struct PageFields {
  std::string standfirst;
  std::string byline;
  std::string published;  // ISO 8601, as extract::PageMetadata gives it
  std::string modified;

  bool operator==(const PageFields&) const = default;
};

// One stored version of a document. The raw page is not held here: raw_page() reads it.
struct Snapshot {
  SnapshotId id = 0;
  DocumentId document_id = 0;
  UnixSeconds fetched_at = 0;
  int http_status = 0;
  std::string etag;
  std::string last_modified;
  std::string raw_sha256;   // lowercase hex of the page's bytes as fetched
  std::string text_sha256;  // lowercase hex of `text`
  std::int64_t raw_size = 0;
  std::string text;
  std::string claims_json;  // the claims as the claims stage wrote them; opaque to the store
  std::string headline;     // normalised; empty when the page had none or predates headlines
  std::optional<PageFields> fields;  // nullopt: stored before page fields were kept
  // Not a version but the story's takedown: why the page is gone ("the page answers 404 Not
  // Found"); its text, headline and claims are empty and its raw page is what the server sent.
  // Empty for a version.
  std::string gone;
};

struct SnapshotInput {
  UnixSeconds fetched_at = 0;
  int http_status = 0;
  std::string etag;
  std::string last_modified;
  std::string raw;  // the page's bytes as fetched (after transfer decoding), any bytes at all
  // The article text, normalised (text::normalize_text per paragraph, paragraphs separated by a
  // blank line): a snapshot is stored only when this differs from the latest one's.
  std::string text;
  std::string claims_json;
  // The page's headline, normalised like the text: a change of it alone makes a new snapshot.
  std::string headline;
  PageFields fields;
  std::string gone;  // Snapshot::gone: non-empty for a takedown
  // What story grouping reads of this version (report::stored_story_terms), stored with it as
  // its document's. Format 0: not found here, and the document's stored terms are dropped, for
  // the run's last step (pipeline/story_terms.h) to find from the text and the title.
  std::int64_t story_terms_format = 0;
  std::string story_terms;
  // `raw` compressed (compress_page) and hashed (sha256_hex) beforehand, on a thread with time
  // to spare; `raw` is not read then. nullopt: add_snapshot does it.
  struct PreparedRaw {
    std::string compressed;
    std::string sha256;
    std::size_t size = 0;
  };
  std::optional<PreparedRaw> prepared_raw;
};

// What story grouping reads of a document (report/stories.h), found in its newest version (not
// a takedown) by the rules of `format` (report::k_story_terms_format); empty for a document
// with no version yet.
struct StoryTerms {
  DocumentId document = 0;
  std::int64_t format = 0;
  std::string terms;
};

// A document's place among the stories (report/stories.h), as the run that grouped it stored it.
struct StoryMember {
  DocumentId document = 0;
  DocumentId story = 0;  // the story's id: its first document's
  std::string pin;       // the [[story]] pin the story is; empty for a grouped story
};

// The stored stories: the settings they were grouped with (pipeline/story_placement.h), empty
// when no run has grouped any, and each placed document's story.
struct StoredStories {
  std::string settings;
  std::vector<StoryMember> members;
};

// One changed claim between two snapshots of a document.
struct Change {
  ChangeId id = 0;
  DocumentId document_id = 0;
  SnapshotId snapshot_id = 0;
  std::optional<SnapshotId> previous_snapshot_id;  // nullopt for a document's first version
  std::string kind;                                // "added", "removed", "modified"
  std::string significance;                        // "low", "medium", "high"
  std::vector<std::string> topics;
  std::vector<std::string>
      aspects;  // "number", "attribution", "certainty", "reversal", "time", "wording"
  std::optional<std::string> old_text;  // nullopt for an added claim
  std::optional<std::string> new_text;  // nullopt for a removed claim
  std::string detail_json;              // the change as the diff report wrote it; opaque
  UnixSeconds created_at = 0;
};

// A Change before the store has given it an id.
struct ChangeInput {
  DocumentId document_id = 0;
  SnapshotId snapshot_id = 0;
  std::optional<SnapshotId> previous_snapshot_id;
  std::string kind;
  std::string significance;
  std::vector<std::string> topics;
  std::vector<std::string> aspects;
  std::optional<std::string> old_text;
  std::optional<std::string> new_text;
  std::string detail_json = "{}";
  UnixSeconds created_at = 0;
};

// Which changes to list; every field left empty matches everything.
struct ChangeQuery {
  std::optional<UnixSeconds> since = std::nullopt;  // created at or after
  std::optional<std::string> topic = std::nullopt;  // touching this topic
  std::optional<SnapshotId> snapshot_id = std::nullopt;
  std::optional<ChangeId> after_id = std::nullopt;  // with a larger id (newer)
};

// Where an alert message is on its way out.
enum class OutboxStatus { pending, sent, failed };

// "pending", "sent", "failed": as stored and as `tracker alerts` shows them.
constexpr std::string_view to_string(OutboxStatus status) {
  switch (status) {
    case OutboxStatus::pending:
      return "pending";
    case OutboxStatus::sent:
      return "sent";
    case OutboxStatus::failed:
      return "failed";
  }
  return "pending";
}

// One alert message in the outbox: composed once, sent until the server takes it or refuses
// it for good. The same message_id is used on every attempt, so a message sent twice after a
// crash is one message to the mail systems that deduplicate by Message-ID.
struct OutboxMessage {
  OutboxId id = 0;
  std::string message_id;  // "<...@...>", unique in the store
  std::string rule_key;    // the alert rule that made it
  std::vector<std::string> recipients;
  std::string subject;  // as shown to people, not encoded
  std::string message;  // the whole RFC 5322 message
  OutboxStatus status = OutboxStatus::pending;
  int attempts = 0;
  UnixSeconds next_attempt = 0;
  std::string last_error;  // the server's reply or the connection problem; empty before any
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> sent_at;
  std::vector<ChangeId> change_ids;  // the changes it reports
};

// What a delivery attempt left behind.
struct OutboxUpdate {
  OutboxStatus status = OutboxStatus::pending;
  int attempts = 0;
  UnixSeconds next_attempt = 0;
  std::string last_error;
  std::optional<UnixSeconds> sent_at;
};

// Which outbox messages to list; empty fields match everything.
struct OutboxQuery {
  std::optional<OutboxStatus> status = std::nullopt;
  std::optional<UnixSeconds> due_at = std::nullopt;  // pending and next_attempt at or before
};

// Which snapshots prune_snapshots removes: those beyond the newest `keep` of each document
// (never its newest), and with `fetched_before` only those fetched before it.
struct PruneOptions {
  std::size_t keep = 1;  // at least 1
  std::optional<UnixSeconds> fetched_before = std::nullopt;
  bool dry_run = false;  // count what would go, remove nothing
};

// What a prune removed (or, dry, would remove).
struct PruneTally {
  std::int64_t snapshots = 0;
  std::int64_t documents = 0;  // documents that lost snapshots
  std::int64_t changes = 0;    // the changes those snapshots made, removed with them
  std::int64_t bytes = 0;      // what the snapshots held: compressed page, text and claims
  // Kept although old enough: a pending alert reports their changes, or they hold the
  // newest change (whose id a new change would otherwise reuse).
  std::int64_t kept = 0;
};

// A row's id as the commands list it (a document's, a snapshot's): a positive whole number and
// nothing else; nullopt otherwise. `--story 12`, `[[alert]] story = "12"` and `@12` read ids so.
inline std::optional<std::int64_t> parse_row_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id < 1) {
    return std::nullopt;
  }
  return id;
}

}  // namespace tracker::store
