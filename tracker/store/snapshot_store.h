#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "tracker/store/document_summary.h"
#include "tracker/store/records.h"
#include "tracker/store/source_status.h"

namespace tracker::store {

enum class StoreErrorKind {
  unavailable,   // cannot open or create the store: path, permissions
  not_a_store,   // the file is not a tracker store
  newer_schema,  // written by a newer tracker
  busy,          // another run held the store for longer than the busy timeout
  disk_full,
  corrupt,        // the file, or a value in it, is damaged
  invalid_input,  // the caller's request cannot be stored (a missing document, a bad id)
  failed,         // anything else SQLite (or another backend) reports
};

// A failed store operation. `message` names the store and the problem, ready for a person:
// "snapshots/tracker.db: cannot add snapshot: the disk holding the store is full; ...".
struct StoreError {
  StoreErrorKind kind = StoreErrorKind::failed;
  std::string message;
};

template <typename T>
using StoreResult = tl::expected<T, StoreError>;

class SnapshotStore;

// All the store writes between begin() and commit() happen together or not at all. Destroying
// an uncommitted transaction rolls it back. Must not outlive its store; one at a time.
class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  StoreResult<void> commit();

 private:
  friend class SnapshotStore;
  explicit Transaction(SnapshotStore& store) : m_store(&store) {}

  SnapshotStore* m_store;  // null once committed, rolled back or moved from
};

// The snapshot store as the rest of tracker sees it: sources, documents, snapshots, changes
// and per-URL fetch state. SqliteStore implements it; a PostgreSQL backend would too. Every
// write is atomic on its own; begin() groups several. Not for use by two threads at once.
class SnapshotStore {
 public:
  virtual ~SnapshotStore() = default;

  // Starts a write transaction, waiting (up to the backend's timeout) for another writer.
  StoreResult<Transaction> begin();

  virtual StoreResult<std::optional<Source>> source(SourceId id) = 0;
  // The source with this URL, created or updated to `name` and `kind`.
  virtual StoreResult<SourceId> upsert_source(const std::string& name, const std::string& url,
                                              const std::string& kind) = 0;

  virtual StoreResult<std::optional<Document>> document(DocumentId id) = 0;
  // The document that an item of `source` with `key` (its GUID, else its URL) at `url` is a
  // version of: the source's own document with that key; else another source's document with
  // the same key at the same URL (the same article in two feeds); else none. A key alone never
  // reaches another source's document, so a feed cannot write into another's by reusing a GUID.
  virtual StoreResult<std::optional<Document>> find_document(SourceId source, const std::string& key,
                                                             const std::string& url) = 0;
  // The document find_document names, created for input.source_id if there is none. The
  // source's own document takes the newer url and title; another source's is left as it is.
  // Either keeps its source and first_seen.
  virtual StoreResult<DocumentId> ensure_document(const DocumentInput& input) = 0;
  // The source's documents, most recently first seen first, at most `limit`: the pages a run
  // rechecks when the source's feed itself has not changed.
  virtual StoreResult<std::vector<Document>> recent_documents(SourceId source, std::size_t limit) = 0;
  // Every document, in the order they were first stored.
  virtual StoreResult<std::vector<Document>> all_documents() = 0;
  // Every document with its source's name and counts, newest activity first (by
  // DocumentSummary::last_activity, then the newer id): `tracker documents`.
  virtual StoreResult<std::vector<DocumentSummary>> document_summaries() = 0;
  // The same for the documents of `only` that exist (one story's), without reading the others.
  virtual StoreResult<std::vector<DocumentSummary>> document_summaries(const std::vector<DocumentId>& only) = 0;

  virtual StoreResult<std::optional<Snapshot>> latest_snapshot(DocumentId document) = 0;
  // The latest snapshot's id alone, without reading its text and claims.
  virtual StoreResult<std::optional<SnapshotId>> latest_snapshot_id(DocumentId document) = 0;
  // The latest snapshot that is a version, not a takedown (Snapshot::gone empty).
  virtual StoreResult<std::optional<Snapshot>> latest_version(DocumentId document) = 0;
  // The story terms of every document that has them, in no particular order: what story
  // grouping reads. Kept with each document's newest version: add_snapshot stores or drops
  // them in its transaction, replace_snapshot_content and a headline filled in drop them.
  virtual StoreResult<std::vector<StoryTerms>> story_terms() = 0;
  // The documents whose story terms are missing or of another format than `format`.
  virtual StoreResult<std::vector<Document>> documents_without_story_terms(std::int64_t format) = 0;
  // Stores documents' story terms, all or none, replacing what they had.
  virtual StoreResult<void> put_story_terms(const std::vector<StoryTerms>& terms) = 0;
  // Every placed document's story, with the settings the stories were grouped with.
  virtual StoreResult<StoredStories> stored_stories() = 0;
  // The settings alone (empty when no run grouped any), and how many documents have no story.
  virtual StoreResult<std::string> story_settings() = 0;
  virtual StoreResult<std::int64_t> documents_without_story() = 0;
  // The members of one stored story: the one that holds `document`, or the one pinned as `pin`.
  // Empty when there is none.
  virtual StoreResult<std::vector<StoryMember>> story_holding(DocumentId document) = 0;
  virtual StoreResult<std::vector<StoryMember>> pinned_story(const std::string& pin) = 0;
  // Stores documents' stories, grouped with `settings`, all or none. `regrouped`: they replace
  // every stored story (the settings changed); else they are added to them.
  virtual StoreResult<void> put_story_members(const std::string& settings, const std::vector<StoryMember>& members,
                                              bool regrouped) = 0;
  // Stores a new version: the new snapshot's id, or nullopt when the document's latest snapshot
  // holds this version already (same_version), and nothing is stored then but what that
  // snapshot lacked: a headline or page fields it predates, or the page's moved dates.
  virtual StoreResult<std::optional<SnapshotId>> add_snapshot(DocumentId document,
                                                              const SnapshotInput& input) = 0;
  virtual StoreResult<std::optional<Snapshot>> snapshot(SnapshotId id) = 0;
  // The page's bytes exactly as fetched, checked against the stored hash.
  virtual StoreResult<std::optional<std::string>> raw_page(SnapshotId id) = 0;
  // Every snapshot of the documents whose key or URL is `key_or_url`, oldest first.
  virtual StoreResult<std::vector<Snapshot>> history(const std::string& key_or_url) = 0;
  // Every snapshot of one document, oldest first: what reprocess and verify walk, since a key
  // or URL may name documents of several sources.
  virtual StoreResult<std::vector<Snapshot>> document_snapshots(DocumentId document) = 0;
  // Replaces what a snapshot holds from its raw page (text, headline, claims and, unless nullopt,
  // page fields) with what the current build makes of it: `tracker verify --update`, `tracker
  // reprocess`. The raw page and fetch details stay.
  virtual StoreResult<void> replace_snapshot_content(SnapshotId id, const std::string& text,
                                                     const std::string& headline, const std::string& claims_json,
                                                     const std::optional<PageFields>& fields = std::nullopt) = 0;

  // Removes old snapshots (PruneOptions), all or none: the changes they made go with them, a
  // kept change whose previous snapshot went says so no more (previous_snapshot_id null),
  // and sent or failed outbox messages stop listing removed changes. `tracker prune`.
  virtual StoreResult<PruneTally> prune_snapshots(const PruneOptions& options) = 0;
  // Gives the space that removed rows held back to the file system (SQLite's VACUUM,
  // PostgreSQL's VACUUM FULL of the tables prune shrinks); needs room for a copy of what it
  // rewrites. Outside any transaction: `tracker prune --vacuum`.
  virtual StoreResult<void> vacuum() = 0;

  // Stores all of `changes` or none; their ids in the same order.
  virtual StoreResult<std::vector<ChangeId>> add_changes(
      const std::vector<ChangeInput>& changes) = 0;
  // Matching changes, oldest first.
  virtual StoreResult<std::vector<Change>> changes(const ChangeQuery& query) = 0;
  // Replaces the changes stored with `snapshot` by `changes` (all or none): `tracker
  // reprocess`. Their ids in the same order; the old ids are gone.
  virtual StoreResult<std::vector<ChangeId>> replace_changes(SnapshotId snapshot,
                                                             const std::vector<ChangeInput>& changes) = 0;
  // Every topic name the stored changes carry, in name order: a store made with another
  // lexicon still answers `--topic` about its own topics.
  virtual StoreResult<std::vector<std::string>> change_topics() = 0;
  // Moves every alert rule's progress to at least `last`: changes up to it are never alerted.
  virtual StoreResult<void> pass_over_changes_through(ChangeId last) = 0;

  // The store's own random id (32 lowercase hex digits), made when the store was created and
  // never changed: what tells this store's Message-IDs from every other store's.
  virtual StoreResult<std::string> store_id() = 0;

  // The newest change's id, 0 when there is none.
  virtual StoreResult<ChangeId> last_change_id() = 0;

  // How far an alert rule has looked through the changes: every change up to this id has been
  // queued for it or did not match. nullopt for a rule the store has not seen.
  virtual StoreResult<std::optional<ChangeId>> alert_progress(const std::string& rule_key) = 0;
  virtual StoreResult<void> set_alert_progress(const std::string& rule_key, ChangeId last_change) = 0;
  // The newest snapshot's id, 0 when there is none. Snapshot ids only grow: prune keeps each
  // document's newest snapshot, so the largest id is never freed for reuse.
  virtual StoreResult<SnapshotId> last_snapshot_id() = 0;
  // How far a figure-ledger alert rule has looked through the snapshots: every figure first
  // reported by a snapshot up to this id has been queued for it or did not match. nullopt for
  // a rule the store has not seen.
  virtual StoreResult<std::optional<SnapshotId>> ledger_alert_progress(const std::string& rule_key) = 0;
  virtual StoreResult<void> set_ledger_alert_progress(const std::string& rule_key,
                                                      SnapshotId last_snapshot) = 0;
  // Queues a composed message; nullopt (and nothing stored) when its message_id is queued already.
  virtual StoreResult<std::optional<OutboxId>> add_outbox_message(const OutboxMessage& message) = 0;
  // Matching messages, oldest first.
  virtual StoreResult<std::vector<OutboxMessage>> outbox(const OutboxQuery& query) = 0;
  virtual StoreResult<void> update_outbox_message(OutboxId id, const OutboxUpdate& update) = 0;

  virtual StoreResult<std::optional<FetchState>> fetch_state(const std::string& url) = 0;
  virtual StoreResult<void> put_fetch_state(const FetchState& state) = 0;

  // Every stored source, by name, with its fetch state, last success and what it has stored.
  virtual StoreResult<std::vector<SourceStatus>> source_statuses() = 0;

 protected:
  SnapshotStore() = default;
  SnapshotStore(const SnapshotStore&) = delete;
  SnapshotStore& operator=(const SnapshotStore&) = delete;

  virtual StoreResult<void> begin_transaction() = 0;
  virtual StoreResult<void> commit_transaction() = 0;
  // Must leave no transaction open, whatever happens.
  virtual void rollback_transaction() noexcept = 0;

 private:
  friend class Transaction;
};

// Whether a snapshot with `stored_headline` and `stored_fields` holds the version `input` is,
// given the same text: the same headline (unless the snapshot predates headlines) and the same
// standfirst and byline (unless it predates page fields). Dates are not part of a version.
bool same_version(const std::string& stored_headline, const std::optional<PageFields>& stored_fields,
                  const SnapshotInput& input);

// What a backend's add_snapshot read of the document's latest snapshot.
struct LatestSnapshotRow {
  SnapshotId id = 0;
  std::string text_sha256;
  std::string headline;
  std::string gone;
  std::string page_fields;  // as stored: JSON, or empty before page fields were kept
};

// Whether `latest` holds the version `input` is already (its text hashing to `text_sha256`),
// and what it then lacks: a headline it was stored without, or page fields it predates or whose
// dates moved. A takedown and a story that is back are different versions whatever their text.
// Both backends' add_snapshot decide by it, and store what it says is missing.
struct VersionHeld {
  bool held = false;
  bool fill_headline =
      false;  // store input.headline on it (and drop the document's story terms first)
  bool record_fields = false;  // store input.fields on it
};
VersionHeld version_held(const LatestSnapshotRow& latest, const std::string& text_sha256,
                         const SnapshotInput& input);

}  // namespace tracker::store
