// PgStore: each document's story terms (report/stories.h), found in its newest version and
// kept so that story grouping need not read every stored text.
#include "tracker/store/pg_store.h"

namespace tracker::store {

StoreResult<std::vector<StoryTerms>> PgStore::story_terms() {
  return bound_rows<StoryTerms>(
      "SELECT document_id, format, terms FROM story_terms", "read the stories' terms",
      [](const PgRows& rows, int i) {
        return StoryTerms{rows.int64(i, 0), rows.int64(i, 1), rows.text(i, 2)};
      });
}

StoreResult<std::vector<Document>> PgStore::documents_without_story_terms(std::int64_t format) {
  // IS DISTINCT FROM, SQLite's IS NOT: a document with no terms row (format NULL) is one.
  return bound_rows<Document>(
      "SELECT d.id, d.source_id, d.key, d.url, d.title, d.first_seen FROM documents d "
      "LEFT JOIN story_terms t ON t.document_id = d.id WHERE t.format IS DISTINCT FROM $1::bigint "
      "ORDER BY d.id",
      "find the documents without story terms",
      [](const PgRows& rows, int i) {
        return Document{rows.int64(i, 0), rows.int64(i, 1), rows.text(i, 2),
                        rows.text(i, 3),  rows.text(i, 4),  rows.int64(i, 5)};
      },
      format);
}

StoreResult<void> PgStore::put_story_terms(const std::vector<StoryTerms>& terms) {
  constexpr std::string_view doing = "store the stories' terms";
  return atomically(doing, [&]() -> StoreResult<void> {
    for (const StoryTerms& document : terms) {
      if (auto put = put_one_story_terms(document, doing); !put) {
        return put;
      }
    }
    return {};
  });
}

StoreResult<void> PgStore::drop_story_terms(DocumentId document, std::string_view doing) {
  return run_bound("DELETE FROM story_terms WHERE document_id = $1", doing, document);
}

StoreResult<void> PgStore::put_version_story_terms(DocumentId document, const SnapshotInput& input,
                                                   std::string_view doing) {
  if (input.story_terms_format == 0) {
    return drop_story_terms(document, doing);
  }
  return put_one_story_terms({document, input.story_terms_format, input.story_terms}, doing);
}

StoreResult<void> PgStore::put_one_story_terms(const StoryTerms& terms, std::string_view doing) {
  // One statement a document, within the caller's transaction (no statement cache here).
  return run_bound(
      "INSERT INTO story_terms (document_id, format, terms) VALUES ($1, $2, $3) "
      "ON CONFLICT (document_id) DO UPDATE SET format = excluded.format, terms = excluded.terms",
      doing, terms.document, terms.format, terms.terms);
}

}  // namespace tracker::store
