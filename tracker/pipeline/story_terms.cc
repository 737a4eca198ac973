#include "tracker/pipeline/story_terms.h"

#include <vector>

#include "tracker/report/stories.h"

namespace tracker::pipeline {
namespace {

// Documents given terms per transaction: an upgraded store's first run finds every document's,
// and a transaction per few hundred keeps each one short.
constexpr std::size_t k_batch = 500;

}  // namespace

store::StoreResult<std::size_t> store_story_terms(store::SnapshotStore& store) {
  auto documents = store.documents_without_story_terms(report::k_story_terms_format);
  if (!documents) {
    return tl::make_unexpected(std::move(documents.error()));
  }
  std::vector<store::StoryTerms> batch;
  for (const store::Document& document : *documents) {
    auto version = store.latest_version(document.id);
    if (!version) {
      return tl::make_unexpected(std::move(version.error()));
    }
    // As story grouping reads a document: its headline, else its title, and its text; one with
    // no version yet by its title alone.
    const bool headline = *version && !(*version)->headline.empty();
    batch.push_back({document.id, report::k_story_terms_format,
                     report::stored_story_terms(headline ? (*version)->headline : document.title,
                                                *version ? (*version)->text : std::string())});
    if (batch.size() == k_batch) {
      if (auto put = store.put_story_terms(batch); !put) {
        return tl::make_unexpected(std::move(put.error()));
      }
      batch.clear();
    }
  }
  if (auto put = store.put_story_terms(batch); !put) {
    return tl::make_unexpected(std::move(put.error()));
  }
  return documents->size();
}

}  // namespace tracker::pipeline
