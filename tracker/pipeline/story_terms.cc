#include "tracker/pipeline/story_terms.h"

#include <vector>

#include "tracker/report/stories.h"

namespace tracker::pipeline {
namespace {

// Versions given terms per transaction: an upgraded store's first run stores every document's,
// and a transaction per few hundred keeps each one short.
constexpr std::size_t k_batch = 500;

}  // namespace

store::StoreResult<std::size_t> store_story_terms(store::SnapshotStore& store) {
  auto rows = store.newest_story_terms();
  if (!rows) {
    return tl::make_unexpected(std::move(rows.error()));
  }
  std::size_t stored = 0;
  std::vector<store::StoryTerms> batch;
  for (const store::StoryTermsRow& row : *rows) {
    if (row.format == report::k_story_terms_format) {
      continue;
    }
    auto version = store.snapshot(row.snapshot);
    if (!version) {
      return tl::make_unexpected(std::move(version.error()));
    }
    const std::string text = *version ? std::move((*version)->text) : std::string();
    batch.push_back({row.snapshot, report::k_story_terms_format, report::stored_story_terms(row.headline, text)});
    if (batch.size() == k_batch) {
      if (auto put = store.put_story_terms(batch); !put) {
        return tl::make_unexpected(std::move(put.error()));
      }
      stored += batch.size();
      batch.clear();
    }
  }
  if (auto put = store.put_story_terms(batch); !put) {
    return tl::make_unexpected(std::move(put.error()));
  }
  return stored + batch.size();
}

}  // namespace tracker::pipeline
