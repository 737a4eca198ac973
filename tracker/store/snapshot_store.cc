#include "tracker/store/snapshot_store.h"

#include <utility>

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

}  // namespace tracker::store
