#include "tracker/store/pg_connection.h"

#include <charconv>

namespace tracker::store {
namespace {

PgFailure failure_of(PGconn* connection, const PGresult* result) {
  PgFailure failure;
  if (result != nullptr) {
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    failure.sqlstate = state != nullptr ? state : "";
    const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    if (primary != nullptr) {
      failure.message = primary;
    }
  }
  if (failure.message.empty()) {
    failure.message = PQerrorMessage(connection);
  }
  // libpq ends its messages with a newline, and a connection's may hold several lines.
  for (char& c : failure.message) {
    if (c == '\n') {
      c = ' ';
    }
  }
  while (!failure.message.empty() && failure.message.back() == ' ') {
    failure.message.pop_back();
  }
  return failure;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

}  // namespace

PgParams& PgParams::push(const char* value, int length, int format) {
  m_values.push_back(value);
  m_lengths.push_back(length);
  m_formats.push_back(format);
  return *this;
}

PgParams& PgParams::add(std::int64_t value) {
  m_numbers.push_back(std::to_string(value));
  return push(m_numbers.back().c_str(), 0, 0);
}

// Text goes in binary format too: its bytes as they are, with a length, so that a NUL or any
// other byte is the server's to accept or refuse, never cut short here.
PgParams& PgParams::add(const std::string& text) {
  return push(text.data(), static_cast<int>(text.size()), 1);
}

PgParams& PgParams::add(const std::optional<std::string>& text) {
  return text ? add(*text) : push(nullptr, 0, 0);
}

PgParams& PgParams::add(std::optional<std::int64_t> value) {
  return value ? add(*value) : push(nullptr, 0, 0);
}

PgParams& PgParams::add_bytes(std::string_view bytes) {
  return push(bytes.data(), static_cast<int>(bytes.size()), 1);
}

std::int64_t PgRows::int64(int row, int column) const {
  return optional_int64(row, column).value_or(0);
}

std::optional<std::int64_t> PgRows::optional_int64(int row, int column) const {
  if (is_null(row, column)) {
    return std::nullopt;
  }
  const char* text = PQgetvalue(m_result.get(), row, column);
  const int length = PQgetlength(m_result.get(), row, column);
  std::int64_t value = 0;
  std::from_chars(text, text + length, value);
  return value;
}

std::string PgRows::text(int row, int column) const {
  return std::string(PQgetvalue(m_result.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(m_result.get(), row, column)));
}

std::optional<std::string> PgRows::optional_text(int row, int column) const {
  if (is_null(row, column)) {
    return std::nullopt;
  }
  return text(row, column);
}

std::optional<std::string> PgRows::bytes(int row, int column) const {
  const char* hex = PQgetvalue(m_result.get(), row, column);
  const auto length = static_cast<std::size_t>(PQgetlength(m_result.get(), row, column));
  // bytea_output = 'hex' (the default since PostgreSQL 9.0): "\x" then two digits a byte.
  if (length < 2 || hex[0] != '\\' || hex[1] != 'x' || length % 2 != 0) {
    return std::nullopt;
  }
  std::string out;
  out.reserve((length - 2) / 2);
  for (std::size_t i = 2; i < length; i += 2) {
    const int high = hex_value(hex[i]);
    const int low = hex_value(hex[i + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

tl::expected<PgRows, PgFailure> pg_query(PGconn* connection, std::string_view sql,
                                         const PgParams& params) {
  const std::string statement(sql);
  PGresult* raw = PQexecParams(connection, statement.c_str(), params.size(), nullptr,
                               params.values(), params.lengths(), params.formats(), 0);
  PgRows rows(raw);
  const ExecStatusType status = raw != nullptr ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    return tl::make_unexpected(failure_of(connection, raw));
  }
  return rows;
}

tl::expected<void, PgFailure> pg_execute(PGconn* connection, const std::string& sql) {
  std::unique_ptr<PGresult, PgClear> result(PQexec(connection, sql.c_str()));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    return tl::make_unexpected(failure_of(connection, result.get()));
  }
  return {};
}

bool is_postgresql_location(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redacted_location(std::string_view location) {
  std::string out(location);
  // The user info's password: "scheme://user:password@host".
  const std::size_t authority = out.find("://");
  if (authority != std::string::npos) {
    const std::size_t start = authority + 3;
    const std::size_t end = out.find_first_of("/?", start);
    const std::size_t at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at != std::string::npos && at >= start) {
      const std::size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) {
        out.erase(colon, at - colon);
      }
    }
  }
  // A "password=" parameter of the query string.
  const std::size_t question = out.find('?');
  if (question == std::string::npos) {
    return out;
  }
  std::string kept;
  std::string_view rest = std::string_view(out).substr(question + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view parameter = rest.substr(0, amp);
    if (!parameter.starts_with("password=")) {
      kept += kept.empty() ? "" : "&";
      kept += parameter;
    }
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
  }
  out.resize(question);
  if (!kept.empty()) {
    out += "?" + kept;
  }
  return out;
}

std::string connection_problem(PGconn* connection) {
  return failure_of(connection, nullptr).message;
}

tl::expected<PgConnection, std::string> lock_pg_store_for_run(const std::string& location) {
  const std::string shown = redacted_location(location);
  PgConnection connection(PQconnectdb(location.c_str()));
  if (!connection || PQstatus(connection.get()) != CONNECTION_OK) {
    return tl::make_unexpected(
        shown + ": cannot connect: " +
        (connection ? failure_of(connection.get(), nullptr).message : "out of memory"));
  }
  PgParams key;
  key.add(k_pg_run_lock);
  auto locked = pg_query(connection.get(), "SELECT pg_try_advisory_lock($1)::int", key);
  if (!locked) {
    return tl::make_unexpected(shown + ": cannot take the run lock: " + locked.error().message);
  }
  if (locked->int64(0, 0) != 1) {
    return tl::make_unexpected(
        shown + ": another tracker run is using this store; try again when it has finished");
  }
  return connection;
}

}  // namespace tracker::store
