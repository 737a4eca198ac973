#include "tracker/store/snapshot_store.h"

#include <utility>

#include "tracker/store/json_columns.h"

namespace tracker::store {

Transaction::Transaction(Transaction&& other) noexcept
    : m_store(std::exchange(other.m_store, nullptr)) {}

Transaction::~Transaction() {
  if (m_store != nullptr) {
    m_store->rollback_transaction();
  }
}

StoreResult<void> Transaction::commit() {
  if (m_store == nullptr) {
    return tl::make_unexpected(
        StoreError{StoreErrorKind::invalid_input, "the transaction is no longer open"});
  }
  SnapshotStore* store = std::exchange(m_store, nullptr);
  StoreResult<void> committed = store->commit_transaction();
  if (!committed) {
    store->rollback_transaction();
  }
  return committed;
}

StoreResult<Transaction> SnapshotStore::begin() {
  StoreResult<void> begun = begin_transaction();
  if (!begun) {
    return tl::make_unexpected(std::move(begun.error()));
  }
  return Transaction(*this);
}

bool same_version(const std::string& stored_headline,
                  const std::optional<PageFields>& stored_fields, const SnapshotInput& input) {
  if (!stored_headline.empty() && stored_headline != input.headline) {
    return false;
  }
  return !stored_fields || (stored_fields->standfirst == input.fields.standfirst &&
                            stored_fields->byline == input.fields.byline);
}

VersionHeld version_held(const LatestSnapshotRow& latest, const std::string& text_sha256,
                         const SnapshotInput& input) {
  if (latest.text_sha256 != text_sha256 || latest.gone.empty() != input.gone.empty()) {
    return {};
  }
  const std::optional<PageFields> stored_fields = parse_page_fields(latest.page_fields);
  if (!same_version(latest.headline, stored_fields, input)) {
    return {};
  }
  return {true, latest.headline.empty() && !input.headline.empty(), stored_fields != input.fields};
}

}  // namespace tracker::store
