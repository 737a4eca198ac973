// SqliteStore: snapshots and changes. Opening, transactions, sources, documents and fetch
// state are in sqlite_store.cc.
#include "tracker/store/column_lists.h"
#include "tracker/store/json_columns.h"
#include "tracker/store/page_compression.h"
#include "tracker/store/sha256.h"
#include "tracker/store/sqlite_store.h"

namespace tracker::store {
namespace {

Snapshot read_snapshot(const Statement& row) {
  return Snapshot{row.int64(0), row.int64(1), row.int64(2), static_cast<int>(row.int64(3)),
                  row.text(4),  row.text(5),  row.text(6),  row.text(7),
                  row.int64(8), row.text(9),  row.text(10), row.text(11), parse_page_fields(row.text(12)),
                  row.text(13)};
}

}  // namespace

StoreResult<std::optional<Snapshot>> SqliteStore::newest_snapshot(DocumentId document, std::string_view condition,
                                                                  std::string_view doing) {
  auto select = prepare(std::string(k_snapshot_columns) + "WHERE document_id = ?1 " + std::string(condition) +
                            " ORDER BY id DESC LIMIT 1",
                        doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, document);
  auto row = select->step();
  if (!row) {
    return tl::make_unexpected(error(doing, row.error()));
  }
  return *row ? std::optional(read_snapshot(*select)) : std::nullopt;
}

StoreResult<std::optional<Snapshot>> SqliteStore::latest_snapshot(DocumentId document) {
  return newest_snapshot(document, "", "read the latest snapshot");
}

StoreResult<std::optional<SnapshotId>> SqliteStore::latest_snapshot_id(DocumentId document) {
  constexpr std::string_view doing = "read the latest snapshot";
  auto select = prepare("SELECT id FROM snapshots WHERE document_id = ?1 ORDER BY id DESC LIMIT 1", doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, document);
  auto row = select->step();
  if (!row) {
    return tl::make_unexpected(error(doing, row.error()));
  }
  return *row ? std::optional<SnapshotId>(select->int64(0)) : std::nullopt;
}

StoreResult<std::optional<Snapshot>> SqliteStore::latest_version(DocumentId document) {
  return newest_snapshot(document, "AND gone = ''", "read the latest version");
}

StoreResult<std::optional<SnapshotId>> SqliteStore::add_snapshot(DocumentId document,
                                                                 const SnapshotInput& input) {
  constexpr std::string_view doing = "add a snapshot";
  const std::string text_sha256 = sha256_hex(input.text);
  const std::string fields_json = page_fields_json(input.fields);
  // Rewrites the latest snapshot's headline or page fields in place: filling in what a version
  // stored before they were kept lacks, or recording the dates a page moved without an edit.
  auto update_latest = [&](SnapshotId id, std::string_view column, const std::string& value) -> StoreResult<void> {
    return run_bound("UPDATE snapshots SET " + std::string(column) + " = ?2 WHERE id = ?1", doing, id, value);
  };
  // Whether the latest snapshot holds this version already: the same text, headline, standfirst
  // and byline (same_version). One stored before headlines or page fields were kept gets this
  // one's instead of a new snapshot, so that an upgrade does not store every document again;
  // dates that moved alone are recorded on it.
  auto holds_version = [&]() -> StoreResult<bool> {
    auto select = prepare(
        "SELECT id, text_sha256, headline, gone, page_fields FROM snapshots WHERE document_id = ?1 "
        "ORDER BY id DESC LIMIT 1",
        doing);
    if (!select) {
      return tl::make_unexpected(std::move(select.error()));
    }
    select->bind(1, document);
    auto row = select->step();
    if (!row) {
      return tl::make_unexpected(error(doing, row.error()));
    }
    if (!*row) {
      return false;
    }
    const LatestSnapshotRow latest{select->int64(0), select->text(1), select->text(2),
                                   select->text(3), select->text(4)};
    const VersionHeld held = version_held(latest, text_sha256, input);
    if (!held.held) {
      return false;
    }
    if (held.fill_headline) {
      // Its terms were found without a headline: dropped first, so that a run killed between
      // the two statements leaves them to be found again, never stale.
      if (auto dropped = drop_story_terms(document, doing); !dropped) {
        return tl::make_unexpected(std::move(dropped.error()));
      }
      if (auto done = update_latest(latest.id, "headline", input.headline); !done) {
        return tl::make_unexpected(std::move(done.error()));
      }
    }
    if (held.record_fields) {  // none kept yet, or the dates moved
      if (auto done = update_latest(latest.id, "page_fields", fields_json); !done) {
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
  auto prepared = input.prepared_raw ? tl::expected<SnapshotInput::PreparedRaw, std::string>(*input.prepared_raw)
                                     : prepare_raw(input.raw);
  if (!prepared) {
    return tl::make_unexpected(error(StoreErrorKind::failed, doing, prepared.error()));
  }

  std::optional<SnapshotId> added;
  auto stored = atomically(doing, [&]() -> StoreResult<void> {
    // Again inside the transaction: another run may have stored this version meanwhile.
    auto latest = holds_version();
    if (!latest) {
      return tl::make_unexpected(std::move(latest.error()));
    }
    if (*latest) {
      return {};
    }
    auto insert = prepare(
        "INSERT INTO snapshots (document_id, fetched_at, http_status, etag, last_modified, "
        "raw_sha256, text_sha256, raw_size, raw_compressed, text, claims_json, headline, gone, page_fields) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        doing);
    if (!insert) {
      return tl::make_unexpected(std::move(insert.error()));
    }
    insert->bind(1, document);
    insert->bind(2, input.fetched_at);
    insert->bind(3, std::int64_t{input.http_status});
    insert->bind(4, input.etag);
    insert->bind(5, input.last_modified);
    insert->bind(6, prepared->sha256);
    insert->bind(7, text_sha256);
    insert->bind(8, static_cast<std::int64_t>(prepared->size));
    insert->bind_blob(9, prepared->compressed);
    insert->bind(10, input.text);
    insert->bind(11, input.claims_json);
    insert->bind(12, input.headline);
    insert->bind(13, input.gone);
    insert->bind(14, fields_json);
    if (auto done = insert->run(); !done) {
      return tl::make_unexpected(error(doing, done.error()));
    }
    added = sqlite3_last_insert_rowid(m_db.get());
    // A takedown is no version: the document's terms stay those of its newest version.
    return input.gone.empty() ? put_version_story_terms(document, input, doing) : StoreResult<void>{};
  });
  if (!stored) {
    return tl::make_unexpected(std::move(stored.error()));
  }
  return added;
}

StoreResult<std::optional<Snapshot>> SqliteStore::snapshot(SnapshotId id) {
  constexpr std::string_view doing = "read a snapshot";
  auto select = prepare(std::string(k_snapshot_columns) + "WHERE id = ?1", doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, id);
  auto row = select->step();
  if (!row) {
    return tl::make_unexpected(error(doing, row.error()));
  }
  if (!*row) {
    return std::nullopt;
  }
  Snapshot found = read_snapshot(*select);
  if (auto damage = deep_json_damage("snapshot", found.id, "claims_json", found.claims_json)) {
    return tl::make_unexpected(error(StoreErrorKind::corrupt, doing, *damage));
  }
  return found;
}

StoreResult<std::optional<std::string>> SqliteStore::raw_page(SnapshotId id) {
  const std::string doing = "read the page of snapshot " + std::to_string(id);
  auto select =
      prepare("SELECT raw_compressed, raw_size, raw_sha256 FROM snapshots WHERE id = ?1", doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, id);
  auto row = select->step();
  if (!row) {
    return tl::make_unexpected(error(doing, row.error()));
  }
  if (!*row) {
    return std::nullopt;
  }
  auto page = decompress_page(select->blob(0), select->int64(1));
  if (!page) {
    return tl::make_unexpected(error(StoreErrorKind::corrupt, doing, page.error()));
  }
  if (sha256_hex(*page) != select->text(2)) {
    return tl::make_unexpected(
        error(StoreErrorKind::corrupt, doing, "the page does not match its recorded SHA-256"));
  }
  return std::move(*page);
}

StoreResult<std::vector<Snapshot>> SqliteStore::history(const std::string& key_or_url) {
  constexpr std::string_view doing = "read the history";
  auto select = prepare(std::string(k_snapshot_columns) +
                            "WHERE document_id IN "
                            "(SELECT id FROM documents WHERE key = ?1 OR url = ?1) ORDER BY id",
                        doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, key_or_url);
  return collect_rows<Snapshot>(*select, doing, [&](const Statement& row) -> StoreResult<Snapshot> {
    Snapshot found = read_snapshot(row);
    if (auto damage = deep_json_damage("snapshot", found.id, "claims_json", found.claims_json)) {
      return tl::make_unexpected(error(StoreErrorKind::corrupt, doing, *damage));
    }
    return found;
  });
}

StoreResult<std::vector<Snapshot>> SqliteStore::document_snapshots(DocumentId document) {
  constexpr std::string_view doing = "read the history";
  auto select =
      prepare(std::string(k_snapshot_columns) + "WHERE document_id = ?1 ORDER BY id", doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind(1, document);
  return collect_rows<Snapshot>(*select, doing, read_snapshot);
}

StoreResult<void> SqliteStore::replace_snapshot_content(SnapshotId id, const std::string& text,
                                                        const std::string& headline, const std::string& claims_json,
                                                        const std::optional<PageFields>& fields) {
  constexpr std::string_view doing = "update the snapshot";
  const std::string text_sha256 = sha256_hex(text);
  const std::optional<std::string> fields_json = fields ? std::optional(page_fields_json(*fields)) : std::nullopt;
  return atomically(doing, [&]() -> StoreResult<void> {
    auto update = prepare(
        "UPDATE snapshots SET text = ?2, text_sha256 = ?3, claims_json = ?4, headline = ?5, "
        "page_fields = coalesce(?6, page_fields) WHERE id = ?1",
        doing);
    if (!update) {
      return tl::make_unexpected(std::move(update.error()));
    }
    update->bind(1, id);
    update->bind(2, text);
    update->bind(3, text_sha256);
    update->bind(4, claims_json);
    update->bind(5, headline);
    update->bind_optional(6, fields_json);  // bound without a copy: it outlives the statement's run
    if (auto done = update->run(); !done) {
      return tl::make_unexpected(error(doing, done.error()));
    }
    if (sqlite3_changes(m_db.get()) != 1) {
      return tl::make_unexpected(
          error(StoreErrorKind::invalid_input, doing, "no snapshot " + std::to_string(id)));
    }
    // Its document's story terms may have been found in the text it held: found again later.
    return run_bound("DELETE FROM story_terms WHERE document_id = (SELECT document_id FROM snapshots WHERE id = ?1)",
                     doing, id);
  });
}

StoreResult<std::vector<ChangeId>> SqliteStore::replace_changes(SnapshotId snapshot,
                                                              const std::vector<ChangeInput>& changes) {
  constexpr std::string_view doing = "replace the snapshot's changes";
  std::vector<ChangeId> ids;
  auto replaced = atomically(doing, [&]() -> StoreResult<void> {
    if (auto removed = run_bound("DELETE FROM changes WHERE snapshot_id = ?1", doing, snapshot); !removed) {
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

StoreResult<void> SqliteStore::pass_over_changes_through(ChangeId last) {
  constexpr std::string_view doing = "move the alert rules past the changes";
  return run_bound("UPDATE alert_rules SET last_change_id = max(last_change_id, ?1)", doing, last);
}

StoreResult<std::vector<ChangeId>> SqliteStore::add_changes(
    const std::vector<ChangeInput>& changes) {
  constexpr std::string_view doing = "add changes";
  std::vector<ChangeId> ids;
  auto stored = atomically(doing, [&]() -> StoreResult<void> {
    for (const ChangeInput& change : changes) {
      const std::string topics = string_list_json(change.topics);  // bound below: must outlive `insert`
      const std::string aspects = string_list_json(change.aspects);
      // A new change's id is above every id used before and every alert rule's progress,
      // even after replace_changes deleted the newest rows (SQLite would reuse their ids):
      // a rule must never take a new change for one it has already passed.
      auto insert = prepare(
          "INSERT INTO changes (id, document_id, snapshot_id, previous_snapshot_id, kind, "
          "significance, topics, aspects, old_text, new_text, detail_json, created_at) "
          "VALUES (max(coalesce((SELECT max(id) FROM changes), 0), "
          "coalesce((SELECT max(last_change_id) FROM alert_rules), 0)) + 1, "
          "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
          doing);
      if (!insert) {
        return tl::make_unexpected(std::move(insert.error()));
      }
      insert->bind(1, change.document_id);
      insert->bind(2, change.snapshot_id);
      insert->bind_optional(3, change.previous_snapshot_id);
      insert->bind(4, change.kind);
      insert->bind(5, change.significance);
      insert->bind(6, topics);
      insert->bind(7, aspects);
      insert->bind_optional(8, change.old_text);
      insert->bind_optional(9, change.new_text);
      insert->bind(10, change.detail_json);
      insert->bind(11, change.created_at);
      if (auto done = insert->run(); !done) {
        return tl::make_unexpected(error(doing, done.error()));
      }
      ids.push_back(sqlite3_last_insert_rowid(m_db.get()));
    }
    return {};
  });
  if (!stored) {
    return tl::make_unexpected(std::move(stored.error()));
  }
  return ids;
}

StoreResult<std::vector<std::string>> SqliteStore::change_topics() {
  constexpr std::string_view doing = "read the topics of changes";
  auto select = prepare(
      "SELECT DISTINCT topic.value FROM changes, json_each(changes.topics) AS topic ORDER BY 1",
      doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  return collect_rows<std::string>(*select, doing,
                                   [](const Statement& row) { return row.text(0); });
}

StoreResult<std::vector<Change>> SqliteStore::changes(const ChangeQuery& query) {
  constexpr std::string_view doing = "read changes";
  auto select = prepare(std::string(k_change_columns) +
                            "WHERE (?1 IS NULL OR created_at >= ?1) "
                            "AND (?2 IS NULL OR EXISTS "
                            "(SELECT 1 FROM json_each(changes.topics) WHERE value = ?2)) "
                            "AND (?3 IS NULL OR snapshot_id = ?3) "
                            "AND (?4 IS NULL OR id > ?4) "
                            "ORDER BY created_at, id",
                        doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  select->bind_optional(1, query.since);
  select->bind_optional(2, query.topic);
  select->bind_optional(3, query.snapshot_id);
  select->bind_optional(4, query.after_id);
  return collect_rows<Change>(*select, doing, [&](const Statement& row) -> StoreResult<Change> {
    auto topics = parse_string_list(row.text(6));
    auto aspects = parse_string_list(row.text(7));
    if (!topics || !aspects) {
      return tl::make_unexpected(
          error(StoreErrorKind::corrupt, doing,
                "change " + std::to_string(row.int64(0)) + " has damaged topics or aspects"));
    }
    if (auto damage = deep_json_damage("change", row.int64(0), "detail_json", row.text(10))) {
      return tl::make_unexpected(error(StoreErrorKind::corrupt, doing, *damage));
    }
    return Change{row.int64(0),         row.int64(1),          row.int64(2),
                  row.optional_int64(3), row.text(4),           row.text(5),
                  std::move(*topics),    std::move(*aspects),   row.optional_text(8),
                  row.optional_text(9),  row.text(10),          row.int64(11)};
  });
}

}  // namespace tracker::store
