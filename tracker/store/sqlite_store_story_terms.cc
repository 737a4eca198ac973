// SqliteStore: the story terms of each document's newest version (report/stories.h), a cache
// that spares story grouping the reading of every stored text.
#include "tracker/store/sqlite_store.h"

namespace tracker::store {

StoreResult<std::vector<StoryTermsRow>> SqliteStore::newest_story_terms() {
  constexpr std::string_view doing = "read the stories' terms";
  // The newest version of each document by the (document_id, id) index, then its terms if any.
  auto select = prepare(
      "SELECT s.document_id, s.id, CASE WHEN s.headline = '' THEN d.title ELSE s.headline END, "
      "t.format, t.terms "
      "FROM (SELECT document_id, max(id) AS id FROM snapshots WHERE gone = '' GROUP BY document_id) newest "
      "JOIN snapshots s ON s.id = newest.id JOIN documents d ON d.id = s.document_id "
      "LEFT JOIN story_terms t ON t.snapshot_id = s.id",
      doing);
  if (!select) {
    return tl::make_unexpected(std::move(select.error()));
  }
  return collect_rows<StoryTermsRow>(*select, doing, [](const Statement& row) {
    return StoryTermsRow{row.int64(0), row.int64(1), row.text(2), row.optional_int64(3),
                         row.is_null(4) ? std::string() : row.text(4)};
  });
}

StoreResult<void> SqliteStore::put_story_terms(const std::vector<StoryTerms>& terms) {
  constexpr std::string_view doing = "store the stories' terms";
  return atomically(doing, [&]() -> StoreResult<void> {
    for (const StoryTerms& version : terms) {
      // From the connection's statement cache: prepared once, whatever the count.
      auto upsert = prepare(
          "INSERT INTO story_terms (snapshot_id, format, terms) VALUES (?1, ?2, ?3) "
          "ON CONFLICT (snapshot_id) DO UPDATE SET format = excluded.format, terms = excluded.terms",
          doing);
      if (!upsert) {
        return tl::make_unexpected(std::move(upsert.error()));
      }
      upsert->bind(1, version.snapshot);
      upsert->bind(2, version.format);
      upsert->bind(3, version.terms);
      if (auto done = upsert->run(); !done) {
        return tl::make_unexpected(error(doing, done.error()));
      }
    }
    return {};
  });
}

}  // namespace tracker::store
