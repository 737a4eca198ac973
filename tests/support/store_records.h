#pragma once

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "tracker/store/snapshot_store.h"

namespace tracker::test {

// What a run stores for one fetched version of a page.
inline store::SnapshotInput version(std::string text, std::string raw = "<p>page</p>",
                                    store::UnixSeconds fetched_at = 1'739'260'800) {
  store::SnapshotInput input;
  input.fetched_at = fetched_at;
  input.http_status = 200;
  input.etag = "\"v1\"";
  input.last_modified = "Tue, 11 Feb 2025 06:12:00 GMT";
  input.raw = std::move(raw);
  input.text = std::move(text);
  input.claims_json = R"([{"text":"claim"}])";
  return input;
}

struct Seeded {
  store::SourceId source = 0;
  store::DocumentId document = 0;
};

// One source and one document of it, no snapshot yet.
inline Seeded seed(store::SnapshotStore& store, const std::string& key = "afp-kursk-1") {
  auto source = store.upsert_source("AFP", "https://example.org/feed.xml", "rss");
  REQUIRE(source);
  auto document = store.ensure_document(
      {*source, key, "https://example.org/" + key, "North Korean troops", 1'739'260'000});
  REQUIRE(document);
  return {*source, *document};
}

// A number change of the seeded document, made with `snapshot`.
inline store::ChangeInput change(const Seeded& seeded, store::SnapshotId snapshot,
                                 std::vector<std::string> topics, store::UnixSeconds created_at) {
  store::ChangeInput input;
  input.document_id = seeded.document;
  input.snapshot_id = snapshot;
  input.kind = "modified";
  input.significance = "high";
  input.topics = std::move(topics);
  input.aspects = {"number"};
  input.old_text = "more than 10,000 troops";
  input.new_text = "more than 11,000 troops";
  input.created_at = created_at;
  return input;
}

}  // namespace tracker::test
