#include "tracker/store/read_only_connection.h"

#include <string_view>
#include <system_error>

namespace tracker::store {
namespace {

// `path` as an SQLite URI ("file:..."): the characters a URI gives meaning to, escaped.
std::string file_uri(const std::filesystem::path& path, std::string_view query) {
  std::string uri = "file:";
  for (const char c : path.string()) {
    if (c == '%' || c == '?' || c == '#') {
      constexpr std::string_view k_hex = "0123456789abcdef";
      uri += '%';
      uri += k_hex[static_cast<unsigned char>(c) >> 4];
      uri += k_hex[static_cast<unsigned char>(c) & 0xf];
    } else {
      uri += c;
    }
  }
  return uri + "?" + std::string(query);
}

}  // namespace

tl::expected<SqliteDb, std::string> connect_read_only(const std::filesystem::path& path) {
  for (const std::string_view query : {"mode=ro", "immutable=1"}) {
    sqlite3* raw = nullptr;
    const int result = sqlite3_open_v2(file_uri(path, query).c_str(), &raw,
                                       SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    SqliteDb db(raw);
    if (result != SQLITE_OK) {
      return tl::make_unexpected(std::string("cannot open the store: ") +
                                 (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(result)));
    }
    sqlite3_extended_result_codes(db.get(), 1);
    int probe_result = SQLITE_OK;
    if (auto probe = Statement::prepare(db.get(), "PRAGMA schema_version"); !probe) {
      probe_result = probe.error();
    } else if (auto row = probe->step(); !row) {
      probe_result = row.error();
    }
    const bool no_wal_index = probe_result == SQLITE_READONLY_DIRECTORY ||
                              probe_result == SQLITE_READONLY_CANTINIT ||
                              (probe_result & 0xff) == SQLITE_CANTOPEN;
    if (!no_wal_index || query != "mode=ro") {
      return db;  // any other problem is reported by check_identity, in the usual words
    }
    std::error_code ec;
    std::filesystem::path wal = path;
    wal += "-wal";
    if (const std::uintmax_t size = std::filesystem::file_size(wal, ec); !ec && size > 0) {
      return tl::make_unexpected(
          "cannot read the store without write access to its folder: its write-ahead log " +
          wal.string() + " holds changes that only a writer can apply; run tracker once as a "
          "user who may write there");
    }
  }
  return tl::make_unexpected(std::string("cannot open the store"));  // not reached
}

}  // namespace tracker::store
