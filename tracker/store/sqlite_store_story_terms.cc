// SqliteStore: each document's story terms (report/stories.h), found in its newest version and
// kept so that story grouping need not read every stored text.
#include "tracker/store/sqlite_store.h"

namespace tracker::store {

StoreResult<std::vector<StoryTerms>> SqliteStore::story_terms() {
  return bound_rows<StoryTerms>("SELECT document_id, format, terms FROM story_terms", "read the stories' terms",
                                [](const Statement& row) {
                                  return StoryTerms{row.int64(0), row.int64(1), row.text(2)};
                                });
}

StoreResult<std::vector<Document>> SqliteStore::documents_without_story_terms(std::int64_t format) {
  return bound_rows<Document>(
      "SELECT d.id, d.source_id, d.key, d.url, d.title, d.first_seen FROM documents d "
      "LEFT JOIN story_terms t ON t.document_id = d.id WHERE t.format IS NOT ?1 ORDER BY d.id",
      "find the documents without story terms",
      [](const Statement& row) {
        return Document{row.int64(0), row.int64(1), row.text(2), row.text(3), row.text(4), row.int64(5)};
      },
      format);
}

StoreResult<void> SqliteStore::put_story_terms(const std::vector<StoryTerms>& terms) {
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

StoreResult<void> SqliteStore::drop_story_terms(DocumentId document, std::string_view doing) {
  return run_bound("DELETE FROM story_terms WHERE document_id = ?1", doing, document);
}

StoreResult<void> SqliteStore::put_version_story_terms(DocumentId document, const SnapshotInput& input,
                                                       std::string_view doing) {
  if (input.story_terms_format == 0) {
    return drop_story_terms(document, doing);
  }
  return put_one_story_terms({document, input.story_terms_format, input.story_terms}, doing);
}

StoreResult<void> SqliteStore::put_one_story_terms(const StoryTerms& terms, std::string_view doing) {
  // From the connection's statement cache: prepared once, however many documents.
  return run_bound(
      "INSERT INTO story_terms (document_id, format, terms) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (document_id) DO UPDATE SET format = excluded.format, terms = excluded.terms",
      doing, terms.document, terms.format, terms.terms);
}

}  // namespace tracker::store
