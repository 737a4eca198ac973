// PgStore: each document's story (report/stories.h), placed once by the run that grouped it,
// and the settings the stories were grouped with.
#include "tracker/store/pg_store.h"

namespace tracker::store {
namespace {

// Named apart from sqlite_store_story_members.cc's helpers: a unity build compiles both in one
// file.
StoryMember read_pg_member(const PgRows& rows, int i) {
  return StoryMember{rows.int64(i, 0), rows.int64(i, 1), rows.text(i, 2)};
}

}  // namespace

StoreResult<StoredStories> PgStore::stored_stories() {
  constexpr std::string_view doing = "read the stored stories";
  StoredStories stored;
  auto settings = story_settings();
  if (!settings) {
    return tl::make_unexpected(std::move(settings.error()));
  }
  stored.settings = std::move(*settings);
  auto members = bound_rows<StoryMember>("SELECT document_id, story_id, pin FROM story_members",
                                         doing, read_pg_member);
  if (!members) {
    return tl::make_unexpected(std::move(members.error()));
  }
  stored.members = std::move(*members);
  return stored;
}

StoreResult<std::string> PgStore::story_settings() {
  auto settings = bound_first_row("SELECT settings FROM story_grouping WHERE id = 1",
                                  "read the stories' settings",
                                  [](const PgRows& rows, int i) { return rows.text(i, 0); });
  if (!settings) {
    return tl::make_unexpected(std::move(settings.error()));
  }
  return settings->value_or("");
}

StoreResult<std::int64_t> PgStore::documents_without_story() {
  return read_integer(
      "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE "
      "m.document_id = d.id)",
      "count the documents without a story");
}

StoreResult<std::vector<StoryMember>> PgStore::story_holding(DocumentId document) {
  return bound_rows<StoryMember>(
      "SELECT document_id, story_id, pin FROM story_members "
      "WHERE story_id = (SELECT story_id FROM story_members WHERE document_id = $1) ORDER BY "
      "document_id",
      "read a stored story", read_pg_member, document);
}

StoreResult<std::vector<StoryMember>> PgStore::pinned_story(const std::string& pin) {
  // A pin names one story (report::group_stories), so its members are those rows.
  return bound_rows<StoryMember>(
      "SELECT document_id, story_id, pin FROM story_members WHERE pin = $1 ORDER BY document_id",
      "read a pinned story", read_pg_member, pin);
}

StoreResult<void> PgStore::put_story_members(const std::string& settings,
                                             const std::vector<StoryMember>& members,
                                             bool regrouped) {
  constexpr std::string_view doing = "store the stories";
  return atomically(doing, [&]() -> StoreResult<void> {
    if (regrouped) {
      if (auto cleared = run_bound("DELETE FROM story_members", doing); !cleared) {
        return cleared;
      }
    }
    if (auto kept = run_bound("INSERT INTO story_grouping (id, settings) VALUES (1, $1) "
                              "ON CONFLICT (id) DO UPDATE SET settings = excluded.settings",
                              doing, settings);
        !kept) {
      return kept;
    }
    for (const StoryMember& member : members) {
      if (auto put = run_bound(
              "INSERT INTO story_members (document_id, story_id, pin) VALUES ($1, $2, $3) "
              "ON CONFLICT (document_id) DO UPDATE SET story_id = excluded.story_id, pin = "
              "excluded.pin",
              doing, member.document, member.story, member.pin);
          !put) {
        return put;
      }
    }
    return {};
  });
}

}  // namespace tracker::store
