#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "tracker/store/open_options.h"
#include "tracker/store/snapshot_store.h"
#include "tracker/store/sqlite_handle.h"

namespace tracker::store {

// The snapshot store in one SQLite file (snapshots/tracker.db by default): WAL journal, so
// readers never wait; synchronous=NORMAL, which WAL makes safe against a crash (a power cut
// may lose the last commits, never the file); foreign keys enforced. Two runs on one file
// are safe: each write is a transaction, and a writer waits busy_timeout for another before
// failing with "store is busy".
class SqliteStore final : public SnapshotStore {
 public:
  // Opens the store at `path`, creating it and its directory if need be, and migrates an
  // older schema. Refuses a newer schema, a non-SQLite file, and another program's database.
  static StoreResult<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& path,
                                                        const OpenOptions& options = {});
  ~SqliteStore() override;

  StoreResult<std::optional<Source>> source(SourceId id) override;
  StoreResult<SourceId> upsert_source(const std::string& name, const std::string& url,
                                      const std::string& kind) override;
  StoreResult<std::optional<Document>> document(DocumentId id) override;
  StoreResult<std::optional<Document>> find_document(SourceId source, const std::string& key,
                                                     const std::string& url) override;
  StoreResult<DocumentId> ensure_document(const DocumentInput& input) override;
  StoreResult<std::vector<Document>> recent_documents(SourceId source, std::size_t limit) override;
  StoreResult<std::vector<Document>> all_documents() override;
  // In sqlite_store_documents.cc.
  StoreResult<std::vector<DocumentSummary>> document_summaries() override;
  StoreResult<std::vector<DocumentSummary>> document_summaries(const std::vector<DocumentId>& only) override;

  StoreResult<std::optional<Snapshot>> latest_snapshot(DocumentId document) override;
  StoreResult<std::optional<SnapshotId>> latest_snapshot_id(DocumentId document) override;
  StoreResult<std::optional<Snapshot>> latest_version(DocumentId document) override;
  StoreResult<std::vector<StoryTerms>> story_terms() override;
  StoreResult<std::vector<Document>> documents_without_story_terms(std::int64_t format) override;
  StoreResult<void> put_story_terms(const std::vector<StoryTerms>& terms) override;
  StoreResult<StoredStories> stored_stories() override;
  StoreResult<std::string> story_settings() override;
  StoreResult<std::int64_t> documents_without_story() override;
  StoreResult<std::vector<StoryMember>> story_holding(DocumentId document) override;
  StoreResult<std::vector<StoryMember>> pinned_story(const std::string& pin) override;
  StoreResult<void> put_story_members(const std::string& settings, const std::vector<StoryMember>& members,
                                      bool regrouped) override;
  StoreResult<std::optional<SnapshotId>> add_snapshot(DocumentId document,
                                                      const SnapshotInput& input) override;
  StoreResult<std::optional<Snapshot>> snapshot(SnapshotId id) override;
  StoreResult<std::optional<std::string>> raw_page(SnapshotId id) override;
  StoreResult<std::vector<Snapshot>> history(const std::string& key_or_url) override;
  StoreResult<std::vector<Snapshot>> document_snapshots(DocumentId document) override;
  StoreResult<void> replace_snapshot_content(SnapshotId id, const std::string& text,
                                             const std::string& headline, const std::string& claims_json,
                                             const std::optional<PageFields>& fields) override;

  StoreResult<PruneTally> prune_snapshots(const PruneOptions& options) override;  // sqlite_store_prune.cc
  StoreResult<void> vacuum() override;  // rewrites the file without its free pages
  StoreResult<std::vector<ChangeId>> add_changes(const std::vector<ChangeInput>& changes) override;
  StoreResult<std::vector<ChangeId>> replace_changes(SnapshotId snapshot,
                                                     const std::vector<ChangeInput>& changes) override;
  StoreResult<void> pass_over_changes_through(ChangeId last) override;
  StoreResult<std::vector<Change>> changes(const ChangeQuery& query) override;
  StoreResult<std::vector<std::string>> change_topics() override;

  StoreResult<ChangeId> last_change_id() override;
  StoreResult<std::string> store_id() override;
  StoreResult<std::optional<ChangeId>> alert_progress(const std::string& rule_key) override;
  StoreResult<void> set_alert_progress(const std::string& rule_key, ChangeId last_change) override;
  StoreResult<SnapshotId> last_snapshot_id() override;
  StoreResult<std::optional<SnapshotId>> ledger_alert_progress(const std::string& rule_key) override;
  StoreResult<void> set_ledger_alert_progress(const std::string& rule_key, SnapshotId last_snapshot) override;
  StoreResult<std::optional<OutboxId>> add_outbox_message(const OutboxMessage& message) override;
  StoreResult<std::vector<OutboxMessage>> outbox(const OutboxQuery& query) override;
  StoreResult<void> update_outbox_message(OutboxId id, const OutboxUpdate& update) override;

  StoreResult<std::optional<FetchState>> fetch_state(const std::string& url) override;
  StoreResult<void> put_fetch_state(const FetchState& state) override;  // both: sqlite_store_fetch_state.cc
  StoreResult<std::vector<SourceStatus>> source_statuses() override;  // sqlite_store_status.cc

  // SQLite's integrity and foreign-key checks: nothing, or a corrupt error listing problems.
  StoreResult<void> check_integrity();

  const std::filesystem::path& path() const { return m_path; }

 protected:
  StoreResult<void> begin_transaction() override;
  StoreResult<void> commit_transaction() override;
  void rollback_transaction() noexcept override;

 private:
  SqliteStore(std::filesystem::path path, SqliteDb db, std::chrono::milliseconds busy_timeout)
      : m_path(std::move(path)), m_db(std::move(db)), m_busy_timeout(busy_timeout) {}

  // The document's newest snapshot that meets `condition` (SQL over the snapshots table; empty:
  // any): latest_snapshot and latest_version.
  StoreResult<std::optional<Snapshot>> newest_snapshot(DocumentId document, std::string_view condition,
                                                       std::string_view doing);

  // OpenOptions::discard_writes: opens the transaction that is never committed
  // (sqlite_store_discard.cc, with the transaction calls that nest inside it).
  StoreResult<void> start_discarding();
  StoreResult<void> begin_discarded_transaction();
  StoreResult<void> commit_discarded_transaction();
  void rollback_discarded_transaction() noexcept;
  StoreResult<void> configure();
  StoreResult<void> check_identity();
  StoreResult<void> migrate();
  // Drops a document's story terms (found again by the run's last step), or stores those of
  // the version `input` adds; within the caller's transaction.
  StoreResult<void> drop_story_terms(DocumentId document, std::string_view doing);
  StoreResult<void> put_version_story_terms(DocumentId document, const SnapshotInput& input, std::string_view doing);
  StoreResult<void> put_one_story_terms(const StoryTerms& terms, std::string_view doing);

  // "PATH: cannot DOING: PROBLEM", the problem read from SQLite's result code and message.
  StoreError error(std::string_view doing, int result) const;
  StoreError error(StoreErrorKind kind, std::string_view doing, std::string_view problem) const;
  StoreResult<Statement> prepare(std::string_view sql, std::string_view doing);
  // The first column of the first row of `sql`, 0 when there is no row.
  StoreResult<std::int64_t> read_integer(std::string_view sql, std::string_view doing);
  // Runs `sql`, a statement that returns no rows, with `values` bound to ?1, ?2 ... in order:
  // numbers, text (std::string lvalues: bound without a copy) and optionals of either (NULL for
  // nullopt). The statement comes from the connection's cache, so a loop prepares it once.
  template <typename... Values>
  StoreResult<void> run_bound(std::string_view sql, std::string_view doing, const Values&... values) {
    auto statement = prepare(sql, doing);
    if (!statement) {
      return tl::make_unexpected(std::move(statement.error()));
    }
    int index = 0;
    (bind_value(*statement, ++index, values), ...);
    if (auto done = statement->run(); !done) {
      return tl::make_unexpected(error(doing, done.error()));
    }
    return {};
  }
  // The rows of `sql`, with `values` bound as run_bound binds them, each read with `read_row`
  // (as collect_rows reads them).
  template <typename Row, typename ReadRow, typename... Values>
  StoreResult<std::vector<Row>> bound_rows(std::string_view sql, std::string_view doing, ReadRow read_row,
                                           const Values&... values) {
    auto select = prepare(sql, doing);
    if (!select) {
      return tl::make_unexpected(std::move(select.error()));
    }
    int index = 0;
    (bind_value(*select, ++index, values), ...);
    return collect_rows<Row>(*select, doing, read_row);
  }
  // The first row of `sql` as first_row reads it, with `values` bound as run_bound binds them.
  template <typename ReadRow, typename... Values>
  auto bound_first_row(std::string_view sql, std::string_view doing, ReadRow read_row, const Values&... values)
      -> StoreResult<std::optional<decltype(read_row(std::declval<const Statement&>()))>> {
    auto select = prepare(sql, doing);
    if (!select) {
      return tl::make_unexpected(std::move(select.error()));
    }
    int index = 0;
    (bind_value(*select, ++index, values), ...);
    return first_row(*select, doing, read_row);
  }
  static void bind_value(Statement& statement, int index, std::int64_t value) { statement.bind(index, value); }
  static void bind_value(Statement& statement, int index, const std::string& text) { statement.bind(index, text); }
  static void bind_value(Statement& statement, int index, const std::optional<std::string>& text) {
    statement.bind_optional(index, text);
  }
  static void bind_value(Statement& statement, int index, std::optional<std::int64_t> value) {
    statement.bind_optional(index, value);
  }
  // A literal would be bound through a temporary string, gone before the statement runs.
  static void bind_value(Statement& statement, int index, const char* text) = delete;
  // Steps `select` once: the row read with `read_row`, or nullopt when there is none.
  template <typename ReadRow>
  auto first_row(Statement& select, std::string_view doing, ReadRow read_row)
      -> StoreResult<std::optional<decltype(read_row(select))>> {
    auto row = select.step();
    if (!row) {
      return tl::make_unexpected(error(doing, row.error()));
    }
    if (!*row) {
      return std::nullopt;
    }
    return read_row(select);
  }
  // Steps `select` to the end, turning each row into a Row with `read_row`, which returns a Row
  // or, when a row can be damaged, a StoreResult<Row>.
  template <typename Row, typename ReadRow>
  StoreResult<std::vector<Row>> collect_rows(Statement& select, std::string_view doing,
                                             ReadRow read_row) {
    std::vector<Row> rows;
    for (;;) {
      auto row = select.step();
      if (!row) {
        return tl::make_unexpected(error(doing, row.error()));
      }
      if (!*row) {
        return rows;
      }
      if constexpr (std::is_same_v<decltype(read_row(select)), Row>) {
        rows.push_back(read_row(select));
      } else {
        auto value = read_row(select);
        if (!value) {
          return tl::make_unexpected(std::move(value.error()));
        }
        rows.push_back(std::move(*value));
      }
    }
  }
  // Runs `body` atomically: in its own IMMEDIATE transaction, or in a savepoint inside the
  // caller's Transaction. Rolled back when `body` fails.
  StoreResult<void> atomically(std::string_view doing,
                               const std::function<StoreResult<void>()>& body);

  std::filesystem::path m_path;
  SqliteDb m_db;
  StatementCache m_statements;  // after m_db: finalized before the connection closes
  std::chrono::milliseconds m_busy_timeout;
  bool m_discard_writes = false;  // OpenOptions::discard_writes
  bool m_in_memory = false;       // a dry run's stand-in for a missing store
};

}  // namespace tracker::store
