#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "tracker/store/schema.h"

namespace tracker::store {

// An open libpq connection; closed with the handle.
struct PgFinish {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using PgConnection = std::unique_ptr<PGconn, PgFinish>;

struct PgClear {
  void operator()(PGresult* result) const { PQclear(result); }
};

// What a failed query left: the server's SQLSTATE ("23505", "53100"; empty when the connection
// itself failed) and its message, one line.
struct PgFailure {
  std::string sqlstate;
  std::string message;
};

// A query's parameters, $1, $2 ... in the order added. Values only ever reach SQL through
// them, never through the SQL text. Text is sent as text, bytes in binary (no escaping), numbers
// as their decimal text. Added strings are not copied: they must outlive the query.
class PgParams {
 public:
  PgParams& add(std::int64_t value);
  PgParams& add(const std::string& text);
  PgParams& add(const std::optional<std::string>& text);  // NULL for nullopt
  PgParams& add(std::optional<std::int64_t> value);
  PgParams& add_bytes(std::string_view bytes);
  // A literal would be added through a temporary string, gone before the query runs.
  PgParams& add(const char* text) = delete;

  int size() const { return static_cast<int>(m_values.size()); }
  const char* const* values() const { return m_values.data(); }
  const int* lengths() const { return m_lengths.data(); }
  const int* formats() const { return m_formats.data(); }

 private:
  PgParams& push(const char* value, int length, int format);

  std::deque<std::string> m_numbers;  // a deque: adding one never moves the others
  std::vector<const char*> m_values;
  std::vector<int> m_lengths;
  std::vector<int> m_formats;
};

// A query's rows, read as text (libpq's text format). Rows and columns count from 0.
class PgRows {
 public:
  explicit PgRows(PGresult* result) : m_result(result) {}

  int size() const { return PQntuples(m_result.get()); }
  bool is_null(int row, int column) const { return PQgetisnull(m_result.get(), row, column) != 0; }
  std::int64_t int64(int row, int column) const;  // 0 for NULL
  std::optional<std::int64_t> optional_int64(int row, int column) const;
  std::string text(int row, int column) const;  // "" for NULL
  std::optional<std::string> optional_text(int row, int column) const;
  // A bytea column (hex output) as its bytes; nullopt when it does not decode.
  std::optional<std::string> bytes(int row, int column) const;

 private:
  std::unique_ptr<PGresult, PgClear> m_result;
};

// Runs one statement with `params`; its rows (none for a command), or the failure.
tl::expected<PgRows, PgFailure> pg_query(PGconn* connection, std::string_view sql,
                                         const PgParams& params = {});
// Runs SQL without parameters, several statements at once: schema scripts, BEGIN, SAVEPOINT.
tl::expected<void, PgFailure> pg_execute(PGconn* connection, const std::string& sql);

// The key of the session advisory lock that is a PostgreSQL store's run lock (the write lock of
// each transaction is k_application_id itself).
inline constexpr std::int64_t k_pg_run_lock = std::int64_t{k_application_id} + 1;

// Why a connection failed, one line: libpq's message without its newlines.
std::string connection_problem(PGconn* connection);

// Takes a PostgreSQL store's run lock on a connection of its own, held until the connection
// closes (and dropped by the server if the process dies): a second `run`, `reprocess`, `verify
// --update` or `prune` on the store is refused with a message. The error names the store.
tl::expected<PgConnection, std::string> lock_pg_store_for_run(const std::string& location);

// `location` with any password taken out ("postgresql://user@host/db"), fit for messages.
std::string redacted_location(std::string_view location);

// Whether `location` names a PostgreSQL store ("postgresql://..." or "postgres://...").
bool is_postgresql_location(std::string_view location);

}  // namespace tracker::store
