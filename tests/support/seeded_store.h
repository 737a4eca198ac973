#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>

#include "tracker/store/sqlite_store.h"

namespace tracker::test {

// The store at `path`, opened (created when missing) or the test fails with the store's reason.
inline std::unique_ptr<store::SqliteStore> open_store(const std::filesystem::path& path,
                                                      const store::OpenOptions& options = {}) {
  auto opened = store::SqliteStore::open(path, options);
  if (!opened) {
    FAIL("cannot open the store: " << opened.error().message);
  }
  return std::move(*opened);
}

struct SeededChange {
  store::SnapshotId snapshot = 0;
  store::ChangeId change = 0;
};

// A store opened at `path` with one source and one document of it, no snapshot yet: what the
// store-level tests of a version's fields (headline, page fields) add snapshots to.
struct StoreWithDocument {
  std::unique_ptr<store::SqliteStore> store;
  store::DocumentId document = 0;
};

inline StoreWithDocument open_store_with_document(const std::filesystem::path& path) {
  auto opened = store::SqliteStore::open(path, {});
  REQUIRE(opened);
  auto source = (*opened)->upsert_source("wire", "https://example.org/feed.xml", "rss");
  REQUIRE(source);
  auto document = (*opened)->ensure_document({*source, "k", "https://example.org/a", "A", 1});
  REQUIRE(document);
  return {std::move(*opened), *document};
}

// A store at `path` with one source, one document, the snapshot `version` and the change
// `change` made with it (its document and snapshot ids filled in), as a run leaves them.
inline SeededChange seed_one_change(const std::filesystem::path& path,
                                    const store::SnapshotInput& version,
                                    store::ChangeInput change) {
  auto opened = store::SqliteStore::open(path);
  REQUIRE(opened);
  store::SqliteStore& store = **opened;
  auto source = store.upsert_source("AFP", "https://example.org/feed.xml", "rss");
  REQUIRE(source);
  auto document = store.ensure_document(
      {*source, "kursk-1", "https://example.org/kursk", "Kursk", 1'739'260'000});
  REQUIRE(document);
  auto snapshot = store.add_snapshot(*document, version);
  REQUIRE(snapshot);
  REQUIRE(snapshot->has_value());
  change.document_id = *document;
  change.snapshot_id = **snapshot;
  auto ids = store.add_changes({change});
  REQUIRE(ids);
  REQUIRE(ids->size() == 1);
  return {**snapshot, ids->front()};
}

}  // namespace tracker::test
