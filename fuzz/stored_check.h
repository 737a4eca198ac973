#pragma once

// The stored-data fuzz target's body, shared by fuzz/stored_fuzz.cc and the regression replay
// in tests/fuzz_regressions_test.cc: everything that reads stored data back. The first byte
// picks what the rest is:
//   0  a JSON list column (changes.topics, outbox.recipients and change_ids) for the decoders;
//   1  a stored page: 4 bytes of recorded size (little-endian), then the compressed blob (zlib or zstd);
//   2  patches to the bytes of a valid store file: [offset: 2 bytes LE][length: 1][bytes]...;
//   3  new column values for that store: [column: 1][length: 1][bytes]..., each written with
//      CHECK constraints off, as a damaged file or another program could have left them.
// For 2 and 3 the damaged store is opened with SqliteStore::open and read with every reading
// method. An error result is fine (it must name the store); a crash, UB, a leak, or a value
// read back that contradicts the store's own checks is not.
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

#include <nlohmann/json.hpp>

#include "tracker/store/json_columns.h"
#include "tracker/store/page_compression.h"
#include "tracker/store/sha256.h"
#include "tracker/store/sqlite_store.h"

namespace tracker::fuzz {

namespace stored_detail {

constexpr std::string_view k_key = "urn:fuzz:story-1";
constexpr std::string_view k_url = "https://example.org/world/story-1";
constexpr std::string_view k_feed = "https://example.org/world/feed.xml";
constexpr store::UnixSeconds k_time = 1'780'000'000;

inline void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::abort();  // the sandbox itself is broken: no input can be judged
  }
}

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

template <typename T>
T must(store::StoreResult<T> result) {
  if (!result) {
    std::abort();  // building the valid store failed: nothing else can be judged
  }
  if constexpr (!std::is_void_v<T>) {
    return std::move(*result);
  }
}

// A store as a small run leaves it: one source, one document with two versions, the changes
// between them, an alert rule's progress, a queued message and a fetch state.
inline void build_store(const std::filesystem::path& path) {
  auto opened = store::SqliteStore::open(path);
  if (!opened) {
    std::abort();
  }
  store::SqliteStore& db = **opened;
  const store::SourceId source = must(db.upsert_source("world", std::string(k_feed), "rss"));
  const store::DocumentId document =
      must(db.ensure_document({source, std::string(k_key), std::string(k_url), "Troops withdrawn", k_time}));
  std::string page = "<html><head><title>Troops withdrawn</title></head><body><article>";
  for (int i = 0; i < 20; ++i) {
    page += "<p>Officials said " + std::to_string(i * 7) + " soldiers were killed near the border.</p>";
  }
  page += "</article></body></html>";
  const std::string claims =
      R"([{"text":"Officials said 12 soldiers were killed.","topics":["casualties"],"numbers":[{"value":12}]}])";
  const auto first = must(db.add_snapshot(
      document, {k_time, 200, "\"v1\"", "Mon, 01 Jun 2026 10:00:00 GMT", page,
                 "Officials said 12 soldiers were killed.", claims, "12 soldiers killed", {}, "", 0, "", {}}));
  const auto second = must(db.add_snapshot(
      document, {k_time + 900, 200, "\"v2\"", "", page + "<!-- v2 -->",
                 "Officials said 14 soldiers were killed.", "[]", "14 soldiers killed", {}, "", 0, "", {}}));
  if (!first || !second) {
    std::abort();
  }
  store::ChangeInput change{document,  *second, first, "modified", "high", {"casualties"}, {"number"},
                            "Officials said 12 soldiers were killed.",
                            "Officials said 14 soldiers were killed.", "{}", k_time + 900};
  store::ChangeInput added{document, *second, first, "added", "low", {}, {}, std::nullopt, "New.", "{}", k_time + 901};
  const auto ids = must(db.add_changes({change, added}));
  must(db.set_alert_progress("rule-1", ids.back()));
  store::OutboxMessage message;
  message.message_id = "<1@tracker.example.org>";
  message.rule_key = "rule-1";
  message.recipients = {"desk@example.org", "night@example.org"};
  message.subject = "Troops withdrawn: 1 change";
  message.message = "Subject: Troops withdrawn\r\n\r\nOfficials said 14 soldiers were killed.\r\n";
  message.next_attempt = k_time + 60;
  message.created_at = k_time;
  message.change_ids = ids;
  must(db.add_outbox_message(message));
  must(db.put_fetch_state({std::string(k_feed), "\"f1\"", "", k_time, 200, "", 0, k_time + 900, ""}));
}

// Whether `message` is an error about the store at `path`, as every store error must be.
inline bool names_store(const store::StoreError& error, const std::filesystem::path& path) {
  return error.message.starts_with(path.string());
}

// Reads `path` back with every reading method; "" when what comes back is consistent.
inline std::string read_store_back(const std::filesystem::path& path) {
  store::OpenOptions options;
  options.busy_timeout = std::chrono::milliseconds(0);
  options.create = false;
  auto opened = store::SqliteStore::open(path, options);
  if (!opened) {
    return names_store(opened.error(), path) ? "" : "open: error does not name the store: " + opened.error().message;
  }
  store::SqliteStore& db = **opened;
  std::string broken;
  const auto check = [&](const auto& result, std::string_view what) {
    if (!result && broken.empty() && !names_store(result.error(), path)) {
      broken = std::string(what) + ": error does not name the store: " + result.error().message;
    }
    return static_cast<bool>(result);
  };
  check(db.source(1), "source");
  check(db.document(1), "document");
  check(db.find_document(1, std::string(k_key), std::string(k_url)), "find_document");
  check(db.document_snapshots(1), "document_snapshots");
  check(db.store_id(), "store_id");
  check(db.recent_documents(1, 10), "recent_documents");
  check(db.latest_snapshot(1), "latest_snapshot");
  for (const std::string& key : {std::string(k_key), std::string(k_url)}) {
    auto history = db.history(key);
    if (!check(history, "history")) {
      continue;
    }
    for (const store::Snapshot& snapshot : *history) {
      // What `tracker show --format json` does with the claims column.
      const nlohmann::json claims = nlohmann::json::parse(snapshot.claims_json, nullptr, false);
      static_cast<void>(claims.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      auto page = db.raw_page(snapshot.id);
      if (check(page, "raw_page") && page->has_value()) {
        if (store::sha256_hex(**page) != snapshot.raw_sha256 ||
            static_cast<std::int64_t>((*page)->size()) != snapshot.raw_size) {
          broken = "raw_page returned a page that does not match its recorded hash and size";
        }
      }
    }
  }
  check(db.snapshot(2), "snapshot");
  check(db.changes({}), "changes");
  check(db.changes({.since = k_time, .topic = "casualties", .snapshot_id = 2, .after_id = 0}), "changes");
  check(db.last_change_id(), "last_change_id");
  check(db.alert_progress("rule-1"), "alert_progress");
  check(db.outbox({}), "outbox");
  check(db.outbox({.status = store::OutboxStatus::pending, .due_at = k_time + 3600}), "outbox");
  check(db.fetch_state(std::string(k_feed)), "fetch_state");
  check(db.check_integrity(), "check_integrity");
  return broken;
}

inline std::string check_json_list(std::string_view bytes) {
  const std::string json(bytes);
  if (auto words = store::parse_string_list(json)) {
    if (store::parse_string_list(store::string_list_json(*words)) != words) {
      return "a string list does not survive being written and read again";
    }
  }
  if (auto ids = store::parse_id_list(json)) {
    if (store::parse_id_list(store::id_list_json(*ids)) != ids) {
      return "an id list does not survive being written and read again";
    }
  }
  return {};
}

inline std::string check_page(std::string_view bytes) {
  if (bytes.size() < 4) {
    return {};
  }
  std::int64_t raw_size = 0;
  for (int i = 3; i >= 0; --i) {
    raw_size = raw_size * 256 + static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
  }
  auto page = store::decompress_page(bytes.substr(4), raw_size);
  if (page && static_cast<std::int64_t>(page->size()) != raw_size) {
    return "decompress_page returned a page of another size than recorded";
  }
  if (page) {
    auto again = store::compress_page(*page);
    if (!again || store::decompress_page(*again, raw_size) != page) {
      return "a decompressed page does not survive compressing again";
    }
  }
  return {};
}

// The column values mode 3 can write. Each is bound as text, blob, integer or NULL (chosen by
// the column byte too): SQLite keeps whatever type it is given.
constexpr std::array<std::string_view, 16> k_column_updates = {
    "UPDATE changes SET topics = ?1 WHERE id = 1",
    "UPDATE changes SET aspects = ?1",
    "UPDATE changes SET previous_snapshot_id = ?1 WHERE id = 2",
    "UPDATE changes SET old_text = ?1, new_text = ?1 WHERE id = 1",
    "UPDATE snapshots SET raw_compressed = ?1 WHERE id = 1",
    "UPDATE snapshots SET raw_size = ?1 WHERE id = 1",
    "UPDATE snapshots SET raw_sha256 = ?1",
    "UPDATE snapshots SET text = ?1 WHERE id = 2",
    "UPDATE snapshots SET claims_json = ?1 WHERE id = 1",
    "UPDATE snapshots SET document_id = ?1 WHERE id = 2",
    "UPDATE outbox SET recipients = ?1",
    "UPDATE outbox SET change_ids = ?1",
    "UPDATE outbox SET status = ?1",
    "UPDATE outbox SET sent_at = ?1, attempts = ?1",
    "UPDATE fetch_state SET next_due = ?1, last_status = ?1",
    "UPDATE documents SET key = ?1, url = ?1",
};

inline std::int64_t integer_of(std::string_view bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < bytes.size() && i < 8; ++i) {
    value = value << 8 | static_cast<unsigned char>(bytes[i]);
  }
  return static_cast<std::int64_t>(value);
}

// Applies mode 3's column values to the store file at `path` with a plain connection.
inline void write_columns(const std::filesystem::path& path, std::string_view bytes) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(raw);
    return;
  }
  sqlite3_exec(raw, "PRAGMA ignore_check_constraints = ON", nullptr, nullptr, nullptr);
  std::size_t pos = 0;
  while (pos + 2 <= bytes.size()) {
    const auto column = static_cast<unsigned char>(bytes[pos]);
    const std::size_t length = std::min<std::size_t>(static_cast<unsigned char>(bytes[pos + 1]), bytes.size() - pos - 2);
    const std::string_view value = bytes.substr(pos + 2, length);
    pos += 2 + length;
    sqlite3_stmt* statement = nullptr;
    const std::string_view sql = k_column_updates[column % k_column_updates.size()];
    if (sqlite3_prepare_v2(raw, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) {
      sqlite3_finalize(statement);
      continue;
    }
    switch (column / k_column_updates.size() % 4) {
      case 0:
        sqlite3_bind_text(statement, 1, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
        break;
      case 1:
        sqlite3_bind_blob(statement, 1, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
        break;
      case 2:
        sqlite3_bind_int64(statement, 1, integer_of(value));
        break;
      default:
        sqlite3_bind_null(statement, 1);
        break;
    }
    sqlite3_step(statement);  // a NOT NULL or UNIQUE refusal just leaves the value as it was
    sqlite3_finalize(statement);
  }
  sqlite3_close_v2(raw);
}

}  // namespace stored_detail

// A per-process folder under /dev/shm holding the valid store, built once, whose bytes modes
// 2 and 3 damage. Removed with its contents.
class StoredSandbox {
 public:
  StoredSandbox() {
    std::error_code ignored;
    const std::filesystem::path base =
        std::filesystem::is_directory("/dev/shm", ignored) ? "/dev/shm" : std::filesystem::temp_directory_path();
    m_folder = base / ("tracker-stored-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(m_folder, ignored);
    std::filesystem::create_directories(m_folder);
    const std::filesystem::path valid = m_folder / "valid.db";
    stored_detail::build_store(valid);  // closed again: the WAL is checkpointed into the file
    m_valid = stored_detail::read_bytes(valid);
    if (m_valid.empty() || std::filesystem::exists(m_folder / "valid.db-wal")) {
      std::abort();
    }
  }
  ~StoredSandbox() {
    std::error_code ignored;
    std::filesystem::remove_all(m_folder, ignored);
  }
  StoredSandbox(const StoredSandbox&) = delete;
  StoredSandbox& operator=(const StoredSandbox&) = delete;

  const std::string& valid_store() const { return m_valid; }
  std::filesystem::path damaged() const { return m_folder / "damaged.db"; }

  // Writes `bytes` as the damaged store, removing what an earlier input's run left beside it.
  void write_damaged(std::string_view bytes) const {
    std::error_code ignored;
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      std::filesystem::remove(damaged().string() + suffix, ignored);
    }
    stored_detail::write_bytes(damaged(), bytes);
  }

 private:
  std::filesystem::path m_folder;
  std::string m_valid;
};

// Runs the readers on `bytes` (see the top of this file); "" when all is well, else what broke.
inline std::string check_stored_input(std::string_view bytes, const StoredSandbox& sandbox) {
  using namespace stored_detail;
  if (bytes.empty()) {
    return {};
  }
  const auto mode = static_cast<unsigned char>(bytes[0]) % 4;
  const std::string_view rest = bytes.substr(1);
  if (mode == 0) {
    return check_json_list(rest);
  }
  if (mode == 1) {
    return check_page(rest);
  }
  if (mode == 2) {
    std::string file = sandbox.valid_store();
    std::size_t pos = 0;
    while (pos + 3 <= rest.size()) {
      const std::size_t offset = (static_cast<unsigned char>(rest[pos]) |
                                  static_cast<std::size_t>(static_cast<unsigned char>(rest[pos + 1])) << 8) %
                                 file.size();
      const std::size_t length = std::min<std::size_t>(static_cast<unsigned char>(rest[pos + 2]), rest.size() - pos - 3);
      const std::string_view patch = rest.substr(pos + 3, std::min(length, file.size() - offset));
      file.replace(offset, patch.size(), patch);
      pos += 3 + length;
    }
    sandbox.write_damaged(file);
  } else {
    sandbox.write_damaged(sandbox.valid_store());
    write_columns(sandbox.damaged(), rest);
  }
  return read_store_back(sandbox.damaged());
}

}  // namespace tracker::fuzz
