// SqliteStore: alert rules' progress and the outbox of alert messages.
#include "tracker/store/json_columns.h"
#include "tracker/store/sqlite_store.h"

namespace tracker::store {
namespace {

constexpr std::string_view k_outbox_columns =
    "SELECT id, message_id, rule_key, recipients, subject, message, status, attempts, "
    "next_attempt, last_error, created_at, sent_at, change_ids FROM outbox ";

std::optional<OutboxStatus> parse_status(const std::string& name) {
  for (const OutboxStatus status : {OutboxStatus::pending, OutboxStatus::sent, OutboxStatus::failed}) {
    if (to_string(status) == name) {
      return status;
    }
  }
  return std::nullopt;
}

}  // namespace

StoreResult<ChangeId> SqliteStore::last_change_id() {
  return read_integer("SELECT coalesce(max(id), 0) FROM changes", "read the last change");
}

StoreResult<std::optional<ChangeId>> SqliteStore::alert_progress(const std::string& rule_key) {
  constexpr std::string_view doing = "read an alert rule's progress";
  auto select = prepare("SELECT last_change_id FROM alert_rules WHERE rule_key = ?1", doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, rule_key);
  return first_row(*select, doing, [](const Statement& row) { return row.int64(0); });
}

StoreResult<void> SqliteStore::set_alert_progress(const std::string& rule_key, ChangeId last_change) {
  constexpr std::string_view doing = "record an alert rule's progress";
  return atomically(doing, [&]() -> StoreResult<void> {
    return run_bound(
        "INSERT INTO alert_rules (rule_key, last_change_id) VALUES (?1, ?2) "
        "ON CONFLICT (rule_key) DO UPDATE SET last_change_id = excluded.last_change_id",
        doing, rule_key, last_change);
  });
}

StoreResult<SnapshotId> SqliteStore::last_snapshot_id() {
  return read_integer("SELECT coalesce(max(id), 0) FROM snapshots", "read the last snapshot");
}

StoreResult<std::optional<SnapshotId>> SqliteStore::ledger_alert_progress(const std::string& rule_key) {
  constexpr std::string_view doing = "read a ledger alert rule's progress";
  auto select = prepare("SELECT last_snapshot_id FROM ledger_alert_rules WHERE rule_key = ?1", doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, rule_key);
  return first_row(*select, doing, [](const Statement& row) { return row.int64(0); });
}

StoreResult<void> SqliteStore::set_ledger_alert_progress(const std::string& rule_key,
                                                         SnapshotId last_snapshot) {
  constexpr std::string_view doing = "record a ledger alert rule's progress";
  return atomically(doing, [&]() -> StoreResult<void> {
    return run_bound(
        "INSERT INTO ledger_alert_rules (rule_key, last_snapshot_id) VALUES (?1, ?2) "
        "ON CONFLICT (rule_key) DO UPDATE SET last_snapshot_id = excluded.last_snapshot_id",
        doing, rule_key, last_snapshot);
  });
}

StoreResult<std::optional<OutboxId>> SqliteStore::add_outbox_message(const OutboxMessage& message) {
  constexpr std::string_view doing = "queue an alert message";
  std::optional<OutboxId> added;
  const std::string recipients = string_list_json(message.recipients);  // bound: must outlive it
  const std::string change_ids = id_list_json(message.change_ids);
  auto stored = atomically(doing, [&]() -> StoreResult<void> {
    auto insert = prepare(
        "INSERT INTO outbox (message_id, rule_key, recipients, subject, message, status, "
        "attempts, next_attempt, last_error, created_at, sent_at, change_ids) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
        "ON CONFLICT (message_id) DO NOTHING",
        doing);
    if (!insert) {
      return tl::make_unexpected(std::move(insert.error()));
    }
    insert->bind(1, message.message_id);
    insert->bind(2, message.rule_key);
    insert->bind(3, recipients);
    insert->bind(4, message.subject);
    insert->bind_blob(5, message.message);
    insert->bind(6, to_string(message.status));
    insert->bind(7, std::int64_t{message.attempts});
    insert->bind(8, message.next_attempt);
    insert->bind(9, message.last_error);
    insert->bind(10, message.created_at);
    insert->bind_optional(11, message.sent_at);
    insert->bind(12, change_ids);
    if (auto done = insert->run(); !done) {
      return tl::make_unexpected(error(doing, done.error()));
    }
    if (sqlite3_changes(m_db.get()) == 1) {
      added = sqlite3_last_insert_rowid(m_db.get());
    }
    return {};
  });
  if (!stored) {
    return tl::make_unexpected(std::move(stored.error()));
  }
  return added;
}

StoreResult<std::vector<OutboxMessage>> SqliteStore::outbox(const OutboxQuery& query) {
  constexpr std::string_view doing = "read the outbox";
  auto select = prepare(std::string(k_outbox_columns) +
                            "WHERE (?1 IS NULL OR status = ?1) "
                            "AND (?2 IS NULL OR (status = 'pending' AND next_attempt <= ?2)) "
                            "ORDER BY id",
                        doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  const std::optional<std::string> status_filter =  // bound below: must outlive `select`
      query.status ? std::optional<std::string>(to_string(*query.status)) : std::nullopt;
  select->bind_optional(1, status_filter);
  select->bind_optional(2, query.due_at);
  return collect_rows<OutboxMessage>(
      *select, doing, [&](const Statement& row) -> StoreResult<OutboxMessage> {
        auto recipients = parse_string_list(row.text(3));
        auto status = parse_status(row.text(6));
        auto change_ids = parse_id_list(row.text(12));
        if (!recipients || !status || !change_ids) {
          return tl::make_unexpected(error(StoreErrorKind::corrupt, doing,
                                           "outbox message " + std::to_string(row.int64(0)) +
                                               " is damaged"));
        }
        return OutboxMessage{row.int64(0),          row.text(1),
                             row.text(2),           std::move(*recipients),
                             row.text(4),           row.blob(5),
                             *status,               static_cast<int>(row.int64(7)),
                             row.int64(8),          row.text(9),
                             row.int64(10),         row.optional_int64(11),
                             std::move(*change_ids)};
      });
}

StoreResult<void> SqliteStore::update_outbox_message(OutboxId id, const OutboxUpdate& update) {
  constexpr std::string_view doing = "record an alert's delivery";
  return atomically(doing, [&]() -> StoreResult<void> {
    auto change = prepare(
        "UPDATE outbox SET status = ?2, attempts = ?3, next_attempt = ?4, last_error = ?5, "
        "sent_at = ?6 WHERE id = ?1",
        doing);
    if (!change) {
      return tl::make_unexpected(std::move(change.error()));
    }
    change->bind(1, id);
    change->bind(2, to_string(update.status));
    change->bind(3, std::int64_t{update.attempts});
    change->bind(4, update.next_attempt);
    change->bind(5, update.last_error);
    change->bind_optional(6, update.sent_at);
    if (auto done = change->run(); !done) {
      return tl::make_unexpected(error(doing, done.error()));
    }
    if (sqlite3_changes(m_db.get()) != 1) {
      return tl::make_unexpected(error(StoreErrorKind::invalid_input, doing,
                                       "no outbox message " + std::to_string(id)));
    }
    return {};
  });
}

}  // namespace tracker::store
