#pragma once

#include <string_view>

namespace tracker::store {

// The columns each backend reads a record with, in the order its row reader takes them: the
// same SQL for SQLite and PostgreSQL, so that the two cannot drift apart.
inline constexpr std::string_view k_document_columns =
    "SELECT id, source_id, key, url, title, first_seen FROM documents ";

inline constexpr std::string_view k_snapshot_columns =
    "SELECT id, document_id, fetched_at, http_status, etag, last_modified, raw_sha256, "
    "text_sha256, raw_size, text, claims_json, headline, page_fields, gone FROM snapshots ";

inline constexpr std::string_view k_change_columns =
    "SELECT id, document_id, snapshot_id, previous_snapshot_id, kind, significance, topics, "
    "aspects, old_text, new_text, detail_json, created_at FROM changes ";

}  // namespace tracker::store
