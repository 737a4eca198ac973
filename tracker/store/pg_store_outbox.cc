// PgStore: the store's id, alert rules' progress and the outbox of alert messages.
#include "tracker/store/json_columns.h"
#include "tracker/store/pg_store.h"

namespace tracker::store {
namespace {

// Named apart from sqlite_store_outbox.cc's helpers: a unity build compiles both in one file.
constexpr std::string_view k_pg_outbox_columns =
    "SELECT id, message_id, rule_key, recipients, subject, message, status, attempts, "
    "next_attempt, last_error, created_at, sent_at, change_ids FROM outbox ";

std::optional<OutboxStatus> parse_outbox_status(const std::string& name) {
  for (const OutboxStatus status :
       {OutboxStatus::pending, OutboxStatus::sent, OutboxStatus::failed}) {
    if (to_string(status) == name) {
      return status;
    }
  }
  return std::nullopt;
}

}  // namespace

StoreResult<std::string> PgStore::store_id() {
  constexpr std::string_view doing = "read the store's id";
  auto id = bound_first_row("SELECT store_id FROM store_identity WHERE id = 1", doing,
                            [](const PgRows& rows, int i) { return rows.text(i, 0); });
  if (!id) {
    return tl::make_unexpected(std::move(id.error()));
  }
  // The CHECK keeps its length; only its characters can be damaged. It goes into headers.
  if (!id->has_value() || (*id)->find_first_not_of("0123456789abcdef") != std::string::npos) {
    return tl::make_unexpected(error(StoreErrorKind::corrupt, doing,
                                     "the store is damaged: its id is missing or not hex"));
  }
  return **id;
}

StoreResult<ChangeId> PgStore::last_change_id() {
  return read_integer("SELECT coalesce(max(id), 0) FROM changes", "read the last change");
}

StoreResult<std::optional<ChangeId>> PgStore::alert_progress(const std::string& rule_key) {
  return bound_first_row(
      "SELECT last_change_id FROM alert_rules WHERE rule_key = $1", "read an alert rule's progress",
      [](const PgRows& rows, int i) { return rows.int64(i, 0); }, rule_key);
}

StoreResult<void> PgStore::set_alert_progress(const std::string& rule_key, ChangeId last_change) {
  constexpr std::string_view doing = "record an alert rule's progress";
  return atomically(doing, [&]() -> StoreResult<void> {
    return run_bound(
        "INSERT INTO alert_rules (rule_key, last_change_id) VALUES ($1, $2) "
        "ON CONFLICT (rule_key) DO UPDATE SET last_change_id = excluded.last_change_id",
        doing, rule_key, last_change);
  });
}

StoreResult<SnapshotId> PgStore::last_snapshot_id() {
  return read_integer("SELECT coalesce(max(id), 0) FROM snapshots", "read the last snapshot");
}

StoreResult<std::optional<SnapshotId>> PgStore::ledger_alert_progress(const std::string& rule_key) {
  return bound_first_row(
      "SELECT last_snapshot_id FROM ledger_alert_rules WHERE rule_key = $1",
      "read a ledger alert rule's progress",
      [](const PgRows& rows, int i) { return rows.int64(i, 0); }, rule_key);
}

StoreResult<void> PgStore::set_ledger_alert_progress(const std::string& rule_key,
                                                     SnapshotId last_snapshot) {
  constexpr std::string_view doing = "record a ledger alert rule's progress";
  return atomically(doing, [&]() -> StoreResult<void> {
    return run_bound(
        "INSERT INTO ledger_alert_rules (rule_key, last_snapshot_id) VALUES ($1, $2) "
        "ON CONFLICT (rule_key) DO UPDATE SET last_snapshot_id = excluded.last_snapshot_id",
        doing, rule_key, last_snapshot);
  });
}

StoreResult<std::optional<OutboxId>> PgStore::add_outbox_message(const OutboxMessage& message) {
  constexpr std::string_view doing = "queue an alert message";
  std::optional<OutboxId> added;
  // Bound without a copy: each must outlive the query.
  const std::string recipients = string_list_json(message.recipients);
  const std::string change_ids = id_list_json(message.change_ids);
  const std::string status(to_string(message.status));
  auto stored = atomically(doing, [&]() -> StoreResult<void> {
    // The message is BYTEA, which the templated helpers do not bind: the parameters by hand.
    PgParams params;
    params.add(message.message_id)
        .add(message.rule_key)
        .add(recipients)
        .add(message.subject)
        .add_bytes(message.message)
        .add(status)
        .add(std::int64_t{message.attempts})
        .add(message.next_attempt)
        .add(message.last_error)
        .add(message.created_at)
        .add(message.sent_at)
        .add(change_ids);
    // RETURNING gives the new row's id, and no row when the message_id was already queued.
    auto rows =
        pg_query(m_connection.get(),
                 "INSERT INTO outbox (message_id, rule_key, recipients, subject, message, status, "
                 "attempts, next_attempt, last_error, created_at, sent_at, change_ids) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
                 "ON CONFLICT (message_id) DO NOTHING RETURNING id",
                 params);
    if (!rows) {
      return tl::make_unexpected(error(doing, rows.error()));
    }
    if (rows->size() == 1) {
      added = rows->int64(0, 0);
    }
    return {};
  });
  if (!stored) {
    return tl::make_unexpected(std::move(stored.error()));
  }
  return added;
}

StoreResult<std::vector<OutboxMessage>> PgStore::outbox(const OutboxQuery& query) {
  constexpr std::string_view doing = "read the outbox";
  const std::optional<std::string> status_filter =  // bound below: must outlive the query
      query.status ? std::optional<std::string>(to_string(*query.status)) : std::nullopt;
  return bound_rows<OutboxMessage>(
      std::string(k_pg_outbox_columns) +
          "WHERE ($1::text IS NULL OR status = $1::text) "
          "AND ($2::bigint IS NULL OR (status = 'pending' AND next_attempt <= $2::bigint)) "
          "ORDER BY id",
      doing,
      [&](const PgRows& rows, int i) -> StoreResult<OutboxMessage> {
        auto recipients = parse_string_list(rows.text(i, 3));
        auto message = rows.bytes(i, 5);
        auto status = parse_outbox_status(rows.text(i, 6));
        auto change_ids = parse_id_list(rows.text(i, 12));
        if (!recipients || !message || !status || !change_ids) {
          return tl::make_unexpected(
              error(StoreErrorKind::corrupt, doing,
                    "outbox message " + std::to_string(rows.int64(i, 0)) + " is damaged"));
        }
        return OutboxMessage{rows.int64(i, 0),
                             rows.text(i, 1),
                             rows.text(i, 2),
                             std::move(*recipients),
                             rows.text(i, 4),
                             std::move(*message),
                             *status,
                             static_cast<int>(rows.int64(i, 7)),
                             rows.int64(i, 8),
                             rows.text(i, 9),
                             rows.int64(i, 10),
                             rows.optional_int64(i, 11),
                             std::move(*change_ids)};
      },
      status_filter, query.due_at);
}

StoreResult<void> PgStore::update_outbox_message(OutboxId id, const OutboxUpdate& update) {
  constexpr std::string_view doing = "record an alert's delivery";
  const std::string status(to_string(update.status));  // bound: must outlive the query
  return atomically(doing, [&]() -> StoreResult<void> {
    // RETURNING: the rows it changed, as SQLite's sqlite3_changes counts them.
    auto changed = query(
        "UPDATE outbox SET status = $2, attempts = $3, next_attempt = $4, last_error = $5, "
        "sent_at = $6 WHERE id = $1 RETURNING id",
        doing, id, status, std::int64_t{update.attempts}, update.next_attempt, update.last_error,
        update.sent_at);
    if (!changed) {
      return tl::make_unexpected(std::move(changed.error()));
    }
    if (changed->size() != 1) {
      return tl::make_unexpected(
          error(StoreErrorKind::invalid_input, doing, "no outbox message " + std::to_string(id)));
    }
    return {};
  });
}

}  // namespace tracker::store
