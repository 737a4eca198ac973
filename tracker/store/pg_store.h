#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "tracker/store/open_options.h"
#include "tracker/store/pg_connection.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::store {

// The snapshot store in a PostgreSQL database (`store = "postgresql://..."`): the same tables
// as SqliteStore's, in the connection's current schema. Writers take one advisory lock per
// transaction, so that the store's writes are serialised as SQLite's are (a writer waits
// busy_timeout for another, then fails as busy) while readers never wait. Passwords come from
// the URI's usual sources (PGPASSFILE, ~/.pgpass); messages never show one.
class PgStore final : public SnapshotStore {
 public:
  // Connects to `location` (a libpq URI), creating the tables in an empty database. Refuses a
  // newer schema and a database that holds another program's tables.
  static StoreResult<std::unique_ptr<PgStore>> open(const std::string& location,
                                                    const OpenOptions& options = {});
  ~PgStore() override;

  StoreResult<std::optional<Source>> source(SourceId id) override;
  StoreResult<SourceId> upsert_source(const std::string& name, const std::string& url,
                                      const std::string& kind) override;
  StoreResult<std::optional<Document>> document(DocumentId id) override;
  StoreResult<std::optional<Document>> find_document(SourceId source, const std::string& key,
                                                     const std::string& url) override;
  StoreResult<DocumentId> ensure_document(const DocumentInput& input) override;
  StoreResult<std::vector<Document>> recent_documents(SourceId source, std::size_t limit) override;
  StoreResult<std::vector<Document>> all_documents() override;
  // In pg_store_documents.cc.
  StoreResult<std::vector<DocumentSummary>> document_summaries() override;
  StoreResult<std::vector<DocumentSummary>> document_summaries(
      const std::vector<DocumentId>& only) override;

  // In pg_store_snapshots.cc.
  StoreResult<std::optional<Snapshot>> latest_snapshot(DocumentId document) override;
  StoreResult<std::optional<SnapshotId>> latest_snapshot_id(DocumentId document) override;
  StoreResult<std::optional<Snapshot>> latest_version(DocumentId document) override;
  StoreResult<std::optional<SnapshotId>> add_snapshot(DocumentId document,
                                                      const SnapshotInput& input) override;
  StoreResult<std::optional<Snapshot>> snapshot(SnapshotId id) override;
  StoreResult<std::optional<std::string>> raw_page(SnapshotId id) override;
  StoreResult<std::vector<Snapshot>> history(const std::string& key_or_url) override;
  StoreResult<std::vector<Snapshot>> document_snapshots(DocumentId document) override;
  StoreResult<void> replace_snapshot_content(SnapshotId id, const std::string& text,
                                             const std::string& headline,
                                             const std::string& claims_json,
                                             const std::optional<PageFields>& fields) override;
  StoreResult<std::vector<ChangeId>> add_changes(const std::vector<ChangeInput>& changes) override;
  StoreResult<std::vector<ChangeId>> replace_changes(
      SnapshotId snapshot, const std::vector<ChangeInput>& changes) override;
  StoreResult<void> pass_over_changes_through(ChangeId last) override;
  StoreResult<std::vector<Change>> changes(const ChangeQuery& query) override;
  StoreResult<std::vector<std::string>> change_topics() override;

  // In pg_store_story_terms.cc and pg_store_story_members.cc.
  StoreResult<std::vector<StoryTerms>> story_terms() override;
  StoreResult<std::vector<Document>> documents_without_story_terms(std::int64_t format) override;
  StoreResult<void> put_story_terms(const std::vector<StoryTerms>& terms) override;
  StoreResult<StoredStories> stored_stories() override;
  StoreResult<std::string> story_settings() override;
  StoreResult<std::int64_t> documents_without_story() override;
  StoreResult<std::vector<StoryMember>> story_holding(DocumentId document) override;
  StoreResult<std::vector<StoryMember>> pinned_story(const std::string& pin) override;
  StoreResult<void> put_story_members(const std::string& settings,
                                      const std::vector<StoryMember>& members,
                                      bool regrouped) override;

  StoreResult<PruneTally> prune_snapshots(
      const PruneOptions& options) override;  // pg_store_prune.cc
  StoreResult<void> vacuum() override;        // pg_store_prune.cc

  // In pg_store_outbox.cc.
  StoreResult<ChangeId> last_change_id() override;
  StoreResult<std::string> store_id() override;
  StoreResult<std::optional<ChangeId>> alert_progress(const std::string& rule_key) override;
  StoreResult<void> set_alert_progress(const std::string& rule_key, ChangeId last_change) override;
  StoreResult<SnapshotId> last_snapshot_id() override;
  StoreResult<std::optional<SnapshotId>> ledger_alert_progress(
      const std::string& rule_key) override;
  StoreResult<void> set_ledger_alert_progress(const std::string& rule_key,
                                              SnapshotId last_snapshot) override;
  StoreResult<std::optional<OutboxId>> add_outbox_message(const OutboxMessage& message) override;
  StoreResult<std::vector<OutboxMessage>> outbox(const OutboxQuery& query) override;
  StoreResult<void> update_outbox_message(OutboxId id, const OutboxUpdate& update) override;

  // In pg_store_fetch_state.cc and pg_store_status.cc.
  StoreResult<std::optional<FetchState>> fetch_state(const std::string& url) override;
  StoreResult<void> put_fetch_state(const FetchState& state) override;
  StoreResult<std::vector<SourceStatus>> source_statuses() override;

  // The location as messages show it: the URI without its password.
  const std::string& location() const { return m_location; }

 protected:
  StoreResult<void> begin_transaction() override;
  StoreResult<void> commit_transaction() override;
  void rollback_transaction() noexcept override;

 private:
  PgStore(std::string location, PgConnection connection, std::chrono::milliseconds busy_timeout)
      : m_location(std::move(location)),
        m_connection(std::move(connection)),
        m_busy_timeout(busy_timeout) {}

  // Opening's steps: the session's settings, the refusal of what is not a
  // tracker store of a schema this build knows, and the creation or migration of the tables.
  StoreResult<void> configure(const OpenOptions& options);
  StoreResult<void> check_identity(const OpenOptions& options);
  StoreResult<void> migrate();

  // The document's newest snapshot that meets `condition` (SQL over the snapshots table; empty:
  // any): latest_snapshot and latest_version.
  StoreResult<std::optional<Snapshot>> newest_snapshot(DocumentId document,
                                                       std::string_view condition,
                                                       std::string_view doing);
  // Drops a document's story terms, or stores those of the version `input` adds; within the
  // caller's transaction (pg_store_story_terms.cc).
  StoreResult<void> drop_story_terms(DocumentId document, std::string_view doing);
  StoreResult<void> put_version_story_terms(DocumentId document, const SnapshotInput& input,
                                            std::string_view doing);
  StoreResult<void> put_one_story_terms(const StoryTerms& terms, std::string_view doing);

  // "LOCATION: cannot DOING: PROBLEM", the kind read from the server's SQLSTATE.
  StoreError error(std::string_view doing, const PgFailure& failure) const;
  StoreError error(StoreErrorKind kind, std::string_view doing, std::string_view problem) const;

  // Runs `sql` with `values` bound to $1, $2 ... in order: numbers, text (std::string
  // lvalues, not copied) and optionals of either (NULL for nullopt). Its rows.
  template <typename... Values>
  StoreResult<PgRows> query(std::string_view sql, std::string_view doing, const Values&... values) {
    PgParams params;
    (params.add(values), ...);
    auto rows = pg_query(m_connection.get(), sql, params);
    if (!rows) {
      return tl::make_unexpected(error(doing, rows.error()));
    }
    return std::move(*rows);
  }
  // As query, for a statement whose rows are not read.
  template <typename... Values>
  StoreResult<void> run_bound(std::string_view sql, std::string_view doing,
                              const Values&... values) {
    return query(sql, doing, values...).map([](const PgRows&) {});
  }
  // The rows of `sql`, each read with `read_row(rows, index)`, which returns a Row or, when a
  // row can be damaged, a StoreResult<Row>.
  template <typename Row, typename ReadRow, typename... Values>
  StoreResult<std::vector<Row>> bound_rows(std::string_view sql, std::string_view doing,
                                           ReadRow read_row, const Values&... values) {
    auto rows = query(sql, doing, values...);
    if (!rows) {
      return tl::make_unexpected(std::move(rows.error()));
    }
    std::vector<Row> out;
    out.reserve(static_cast<std::size_t>(rows->size()));
    for (int i = 0; i < rows->size(); ++i) {
      if constexpr (std::is_same_v<decltype(read_row(*rows, i)), Row>) {
        out.push_back(read_row(*rows, i));
      } else {
        auto value = read_row(*rows, i);
        if (!value) {
          return tl::make_unexpected(std::move(value.error()));
        }
        out.push_back(std::move(*value));
      }
    }
    return out;
  }
  // The first row of `sql` read with `read_row(rows, 0)`, or nullopt when there is none.
  template <typename ReadRow, typename... Values>
  auto bound_first_row(std::string_view sql, std::string_view doing, ReadRow read_row,
                       const Values&... values)
      -> StoreResult<std::optional<decltype(read_row(std::declval<const PgRows&>(), 0))>> {
    auto rows = query(sql, doing, values...);
    if (!rows) {
      return tl::make_unexpected(std::move(rows.error()));
    }
    if (rows->size() == 0) {
      return std::nullopt;
    }
    return read_row(*rows, 0);
  }
  // The first column of the first row of `sql`, 0 when there is no row or it is NULL.
  template <typename... Values>
  StoreResult<std::int64_t> read_integer(std::string_view sql, std::string_view doing,
                                         const Values&... values) {
    return query(sql, doing, values...).map([](const PgRows& rows) {
      return rows.size() == 0 ? std::int64_t{0} : rows.int64(0, 0);
    });
  }
  // Runs `body` atomically: in its own transaction holding the store's write lock, or in a
  // savepoint inside the caller's Transaction. Rolled back when `body` fails.
  StoreResult<void> atomically(std::string_view doing,
                               const std::function<StoreResult<void>()>& body);
  // BEGIN and the store's write lock, waiting up to busy_timeout for another writer.
  StoreResult<void> begin_locked(std::string_view doing);
  bool in_transaction() const;

  std::string m_location;  // redacted: for messages
  PgConnection m_connection;
  std::chrono::milliseconds m_busy_timeout;
  bool m_discard_writes =
      false;  // OpenOptions::discard_writes: one outer transaction, never committed
};

}  // namespace tracker::store
