// PgStore: snapshots and changes, as SqliteStore's (sqlite_store_snapshots.cc).
#include "tracker/store/column_lists.h"
#include "tracker/store/json_columns.h"
#include "tracker/store/page_compression.h"
#include "tracker/store/pg_store.h"
#include "tracker/store/sha256.h"

namespace tracker::store {
namespace {

Snapshot read_snapshot(const PgRows& rows, int i) {
  return Snapshot{rows.int64(i, 0),
                  rows.int64(i, 1),
                  rows.int64(i, 2),
                  static_cast<int>(rows.int64(i, 3)),
                  rows.text(i, 4),
                  rows.text(i, 5),
                  rows.text(i, 6),
                  rows.text(i, 7),
                  rows.int64(i, 8),
                  rows.text(i, 9),
                  rows.text(i, 10),
                  rows.text(i, 11),
                  parse_page_fields(rows.text(i, 12)),
                  rows.text(i, 13)};
}

}  // namespace

StoreResult<std::optional<Snapshot>> PgStore::newest_snapshot(DocumentId document,
                                                              std::string_view condition,
                                                              std::string_view doing) {
  return bound_first_row(std::string(k_snapshot_columns) + "WHERE document_id = $1 " +
                             std::string(condition) + " ORDER BY id DESC LIMIT 1",
                         doing, read_snapshot, document);
}

StoreResult<std::optional<Snapshot>> PgStore::latest_snapshot(DocumentId document) {
  return newest_snapshot(document, "", "read the latest snapshot");
}

StoreResult<std::optional<SnapshotId>> PgStore::latest_snapshot_id(DocumentId document) {
  return bound_first_row(
      "SELECT id FROM snapshots WHERE document_id = $1 ORDER BY id DESC LIMIT 1",
      "read the latest snapshot", [](const PgRows& rows, int i) { return rows.int64(i, 0); },
      document);
}

StoreResult<std::optional<Snapshot>> PgStore::latest_version(DocumentId document) {
  return newest_snapshot(document, "AND gone = ''", "read the latest version");
}

StoreResult<std::optional<SnapshotId>> PgStore::add_snapshot(DocumentId document,
                                                             const SnapshotInput& input) {
  constexpr std::string_view doing = "add a snapshot";
  const std::string text_sha256 = sha256_hex(input.text);
  const std::string fields_json = page_fields_json(input.fields);
  auto update_latest = [&](SnapshotId id, std::string_view column,
                           const std::string& value) -> StoreResult<void> {
    return run_bound("UPDATE snapshots SET " + std::string(column) + " = $2 WHERE id = $1", doing,
                     id, value);
  };
  // Whether the latest snapshot holds this version already, as in SqliteStore::add_snapshot:
  // one stored before headlines or page fields were kept gets this one's instead of a new
  // snapshot, and dates that moved alone are recorded on it.
  auto holds_version = [&]() -> StoreResult<bool> {
    auto latest = query(
        "SELECT id, text_sha256, headline, gone, page_fields FROM snapshots WHERE document_id = $1 "
        "ORDER BY id DESC LIMIT 1",
        doing, document);
    if (!latest) {
      return tl::make_unexpected(std::move(latest.error()));
    }
    if (latest->size() == 0) {
      return false;
    }
    const LatestSnapshotRow row{latest->int64(0, 0), latest->text(0, 1), latest->text(0, 2),
                                latest->text(0, 3), latest->text(0, 4)};
    const VersionHeld held = version_held(row, text_sha256, input);
    if (!held.held) {
      return false;
    }
    if (held.fill_headline) {
      // Its terms were found without a headline: dropped first, never left stale.
      if (auto dropped = drop_story_terms(document, doing); !dropped) {
        return tl::make_unexpected(std::move(dropped.error()));
      }
      if (auto done = update_latest(row.id, "headline", input.headline); !done) {
        return tl::make_unexpected(std::move(done.error()));
      }
    }
    if (held.record_fields) {  // none kept yet, or the dates moved
      if (auto done = update_latest(row.id, "page_fields", fields_json); !done) {
        return tl::make_unexpected(std::move(done.error()));
      }
    }
    return true;
  };
  // Most fetches find the version unchanged: answer those before compressing anything.
  auto before = holds_version();
  if (!before) {
    return tl::make_unexpected(std::move(before.error()));
  }
  if (*before) {
    return std::nullopt;
  }
  auto prepared = input.prepared_raw
                      ? tl::expected<SnapshotInput::PreparedRaw, std::string>(*input.prepared_raw)
                      : prepare_raw(input.raw);
  if (!prepared) {
    return tl::make_unexpected(error(StoreErrorKind::failed, doing, prepared.error()));
  }

  std::optional<SnapshotId> added;
  auto stored = atomically(doing, [&]() -> StoreResult<void> {
    // Again under the write lock: another run may have stored this version meanwhile.
    auto latest = holds_version();
    if (!latest) {
      return tl::make_unexpected(std::move(latest.error()));
    }
    if (*latest) {
      return {};
    }
    PgParams params;
    params.add(document)
        .add(input.fetched_at)
        .add(std::int64_t{input.http_status})
        .add(input.etag)
        .add(input.last_modified)
        .add(prepared->sha256)
        .add(text_sha256)
        .add(static_cast<std::int64_t>(prepared->size))
        .add_bytes(prepared->compressed)
        .add(input.text)
        .add(input.claims_json)
        .add(input.headline)
        .add(input.gone)
        .add(fields_json);
    auto inserted = pg_query(
        m_connection.get(),
        "INSERT INTO snapshots (document_id, fetched_at, http_status, etag, last_modified, "
        "raw_sha256, text_sha256, raw_size, raw_compressed, text, claims_json, headline, gone, "
        "page_fields) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
        "RETURNING id",
        params);
    if (!inserted) {
      return tl::make_unexpected(error(doing, inserted.error()));
    }
    added = inserted->int64(0, 0);
    // A takedown is no version: the document's terms stay those of its newest version.
    return input.gone.empty() ? put_version_story_terms(document, input, doing)
                              : StoreResult<void>{};
  });
  if (!stored) {
    return tl::make_unexpected(std::move(stored.error()));
  }
  return added;
}

StoreResult<std::optional<Snapshot>> PgStore::snapshot(SnapshotId id) {
  constexpr std::string_view doing = "read a snapshot";
  auto found =
      bound_first_row(std::string(k_snapshot_columns) + "WHERE id = $1", doing, read_snapshot, id);
  if (found && found->has_value()) {
    if (auto damage =
            deep_json_damage("snapshot", (*found)->id, "claims_json", (*found)->claims_json)) {
      return tl::make_unexpected(error(StoreErrorKind::corrupt, doing, *damage));
    }
  }
  return found;
}

StoreResult<std::optional<std::string>> PgStore::raw_page(SnapshotId id) {
  const std::string doing = "read the page of snapshot " + std::to_string(id);
  auto rows =
      query("SELECT raw_compressed, raw_size, raw_sha256 FROM snapshots WHERE id = $1", doing, id);
  if (!rows) {
    return tl::make_unexpected(std::move(rows.error()));
  }
  if (rows->size() == 0) {
    return std::nullopt;
  }
  auto compressed = rows->bytes(0, 0);
  if (!compressed) {
    return tl::make_unexpected(
        error(StoreErrorKind::corrupt, doing, "the stored page is not bytes"));
  }
  auto page = decompress_page(*compressed, rows->int64(0, 1));
  if (!page) {
    return tl::make_unexpected(error(StoreErrorKind::corrupt, doing, page.error()));
  }
  if (sha256_hex(*page) != rows->text(0, 2)) {
    return tl::make_unexpected(
        error(StoreErrorKind::corrupt, doing, "the page does not match its recorded SHA-256"));
  }
  return std::move(*page);
}

StoreResult<std::vector<Snapshot>> PgStore::history(const std::string& key_or_url) {
  constexpr std::string_view doing = "read the history";
  return bound_rows<Snapshot>(
      std::string(k_snapshot_columns) +
          "WHERE document_id IN (SELECT id FROM documents WHERE key = $1 OR url = $1) ORDER BY id",
      doing,
      [&](const PgRows& rows, int i) -> StoreResult<Snapshot> {
        Snapshot found = read_snapshot(rows, i);
        if (auto damage =
                deep_json_damage("snapshot", found.id, "claims_json", found.claims_json)) {
          return tl::make_unexpected(error(StoreErrorKind::corrupt, doing, *damage));
        }
        return found;
      },
      key_or_url);
}

StoreResult<std::vector<Snapshot>> PgStore::document_snapshots(DocumentId document) {
  return bound_rows<Snapshot>(
      std::string(k_snapshot_columns) + "WHERE document_id = $1 ORDER BY id", "read the history",
      read_snapshot, document);
}

StoreResult<void> PgStore::replace_snapshot_content(SnapshotId id, const std::string& text,
                                                    const std::string& headline,
                                                    const std::string& claims_json,
                                                    const std::optional<PageFields>& fields) {
  constexpr std::string_view doing = "update the snapshot";
  const std::string text_sha256 = sha256_hex(text);
  const std::optional<std::string> fields_json =
      fields ? std::optional(page_fields_json(*fields)) : std::nullopt;
  return atomically(doing, [&]() -> StoreResult<void> {
    auto updated = query(
        "UPDATE snapshots SET text = $2, text_sha256 = $3, claims_json = $4, headline = $5, "
        "page_fields = coalesce($6::text, page_fields) WHERE id = $1 RETURNING id",
        doing, id, text, text_sha256, claims_json, headline, fields_json);
    if (!updated) {
      return tl::make_unexpected(std::move(updated.error()));
    }
    if (updated->size() != 1) {
      return tl::make_unexpected(
          error(StoreErrorKind::invalid_input, doing, "no snapshot " + std::to_string(id)));
    }
    // Its document's story terms may have been found in the text it held: found again later.
    return run_bound(
        "DELETE FROM story_terms WHERE document_id = (SELECT document_id FROM snapshots WHERE id = "
        "$1)",
        doing, id);
  });
}

StoreResult<std::vector<ChangeId>> PgStore::replace_changes(
    SnapshotId snapshot, const std::vector<ChangeInput>& changes) {
  constexpr std::string_view doing = "replace the snapshot's changes";
  std::vector<ChangeId> ids;
  auto replaced = atomically(doing, [&]() -> StoreResult<void> {
    if (auto removed = run_bound("DELETE FROM changes WHERE snapshot_id = $1", doing, snapshot);
        !removed) {
      return removed;
    }
    auto added = add_changes(changes);
    if (!added) {
      return tl::make_unexpected(std::move(added.error()));
    }
    ids = std::move(*added);
    return {};
  });
  if (!replaced) {
    return tl::make_unexpected(std::move(replaced.error()));
  }
  return ids;
}

StoreResult<void> PgStore::pass_over_changes_through(ChangeId last) {
  return atomically("move the alert rules past the changes", [&]() {
    return run_bound("UPDATE alert_rules SET last_change_id = GREATEST(last_change_id, $1)",
                     "move the alert rules past the changes", last);
  });
}

StoreResult<std::vector<ChangeId>> PgStore::add_changes(const std::vector<ChangeInput>& changes) {
  constexpr std::string_view doing = "add changes";
  std::vector<ChangeId> ids;
  auto stored = atomically(doing, [&]() -> StoreResult<void> {
    for (const ChangeInput& change : changes) {
      const std::string topics = string_list_json(change.topics);
      const std::string aspects = string_list_json(change.aspects);
      // A new change's id is above every id used before and every alert rule's progress, as
      // in SqliteStore::add_changes; the write lock keeps two runs from taking the same one.
      auto id = read_integer(
          "INSERT INTO changes (id, document_id, snapshot_id, previous_snapshot_id, kind, "
          "significance, topics, aspects, old_text, new_text, detail_json, created_at) "
          "VALUES (GREATEST(coalesce((SELECT max(id) FROM changes), 0), "
          "coalesce((SELECT max(last_change_id) FROM alert_rules), 0)) + 1, "
          "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
          doing, change.document_id, change.snapshot_id, change.previous_snapshot_id, change.kind,
          change.significance, topics, aspects, change.old_text, change.new_text,
          change.detail_json, change.created_at);
      if (!id) {
        return tl::make_unexpected(std::move(id.error()));
      }
      ids.push_back(*id);
    }
    return {};
  });
  if (!stored) {
    return tl::make_unexpected(std::move(stored.error()));
  }
  return ids;
}

StoreResult<std::vector<std::string>> PgStore::change_topics() {
  return bound_rows<std::string>(
      "SELECT DISTINCT topic FROM changes, json_array_elements_text(changes.topics::json) AS topic "
      "ORDER BY 1",
      "read the topics of changes", [](const PgRows& rows, int i) { return rows.text(i, 0); });
}

StoreResult<std::vector<Change>> PgStore::changes(const ChangeQuery& query) {
  constexpr std::string_view doing = "read changes";
  return bound_rows<Change>(
      std::string(k_change_columns) +
          "WHERE ($1::bigint IS NULL OR created_at >= $1::bigint) "
          "AND ($2::text IS NULL OR EXISTS "
          "(SELECT 1 FROM json_array_elements_text(changes.topics::json) AS topic WHERE topic = "
          "$2::text)) "
          "AND ($3::bigint IS NULL OR snapshot_id = $3::bigint) "
          "AND ($4::bigint IS NULL OR id > $4::bigint) "
          "ORDER BY created_at, id",
      doing,
      [&](const PgRows& rows, int i) -> StoreResult<Change> {
        auto topics = parse_string_list(rows.text(i, 6));
        auto aspects = parse_string_list(rows.text(i, 7));
        if (!topics || !aspects) {
          return tl::make_unexpected(error(
              StoreErrorKind::corrupt, doing,
              "change " + std::to_string(rows.int64(i, 0)) + " has damaged topics or aspects"));
        }
        if (auto damage =
                deep_json_damage("change", rows.int64(i, 0), "detail_json", rows.text(i, 10))) {
          return tl::make_unexpected(error(StoreErrorKind::corrupt, doing, *damage));
        }
        return Change{rows.int64(i, 0),          rows.int64(i, 1),    rows.int64(i, 2),
                      rows.optional_int64(i, 3), rows.text(i, 4),     rows.text(i, 5),
                      std::move(*topics),        std::move(*aspects), rows.optional_text(i, 8),
                      rows.optional_text(i, 9),  rows.text(i, 10),    rows.int64(i, 11)};
      },
      query.since, query.topic, query.snapshot_id, query.after_id);
}

}  // namespace tracker::store
