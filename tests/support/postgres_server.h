#pragma once

#include <sys/types.h>

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/temp_dir.h"

struct pg_conn;  // libpq's PGconn; only the .cc includes libpq-fe.h

namespace tracker::test {

// A private PostgreSQL cluster (Debian's binaries, the highest /usr/lib/postgresql/N/bin),
// made with initdb in a temp folder and running for as long as this object lives. It listens
// on a Unix socket in a folder of its own and nowhere else (listen_addresses is empty), trusts
// every local connection, and trades durability for speed (fsync, synchronous_commit and
// full_page_writes off). Its superuser is k_postgres_test_user.
//
// initdb and postgres refuse to run as root: when the tests run as root, both run as the
// system user `postgres` (Debian's postgresql-common makes it), or `nobody` when there is none,
// through setpriv, and the temp folder is theirs; the test process, root, still connects.
//
// A watchdog shell beside the server stops it and removes its folder should the test process
// die without running this destructor (a crash, SIGKILL), so no postmaster outlives its test.
//
// Throws std::runtime_error when PostgreSQL is not installed or the server does not start
// within 30 s, with initdb's output or the server log's tail.
class PostgresServer {
 public:
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // Creates a new, empty database with a name no other call gave, and returns a libpq
  // connection URI for it: "postgresql://tracker_test@/NAME?host=<socket folder>&port=5432",
  // the folder percent-encoded.
  // Thread-safe.
  std::string create_database();
  // The URI of the `postgres` database, for administration.
  std::string admin_uri() const;
  // The folder of the server's Unix socket (.s.PGSQL.5432).
  const std::filesystem::path& socket_dir() const { return m_socket_dir; }
  // The server log (the postmaster's stdout and stderr), for failure messages.
  std::string log() const;

 private:
  void stop() noexcept;

  TempDir m_dir;  // first: removed after the server and its watchdog have stopped
  std::filesystem::path m_data_dir;
  std::filesystem::path m_socket_dir;
  std::filesystem::path m_log;
  std::vector<std::string> m_as_server_user;  // the argv prefix that runs a command as that user
  std::optional<BackgroundProcess> m_postmaster;
  pid_t m_watchdog = -1;
  int m_watchdog_socket = -1;  // the watchdog acts when this closes without "done" sent on it
  std::mutex m_mutex;          // guards m_admin and m_databases
  pg_conn* m_admin = nullptr;  // to `postgres`, for CREATE DATABASE
  int m_databases = 0;
};

// The server of this test process: started on first use, stopped at exit.
PostgresServer& shared_postgres();

// The cluster's superuser (initdb -U), the user in every URI.
inline constexpr const char* k_postgres_test_user = "tracker_test";

}  // namespace tracker::test
