// The tests' private PostgreSQL server (support/postgres_server.h): a real server each test
// process starts itself, reachable only through its own Unix socket.

#include "support/postgres_server.h"

#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <sys/stat.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

using tracker::test::PostgresServer;
using tracker::test::shared_postgres;

namespace {

using PgConnection = std::unique_ptr<PGconn, decltype(&PQfinish)>;

PgConnection pg_connect(const std::string& uri) {
  PgConnection connection(PQconnectdb(uri.c_str()), &PQfinish);
  REQUIRE_MESSAGE(PQstatus(connection.get()) == CONNECTION_OK,
                  uri << ": " << PQerrorMessage(connection.get()));
  return connection;
}

// The one value `sql` returns; nullopt for SQL NULL.
std::optional<std::string> pg_value(PGconn* connection, const std::string& sql) {
  PGresult* result = PQexec(connection, sql.c_str());
  const bool ok =
      PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1 && PQnfields(result) == 1;
  const std::string problem = PQresultErrorMessage(result);
  std::optional<std::string> value;
  if (ok && PQgetisnull(result, 0, 0) == 0) {
    value = PQgetvalue(result, 0, 0);
  }
  PQclear(result);
  REQUIRE_MESSAGE(ok, sql << ": " << problem);
  return value;
}

void pg_command(PGconn* connection, const std::string& sql) {
  PGresult* result = PQexec(connection, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  const std::string problem = PQresultErrorMessage(result);
  PQclear(result);
  REQUIRE_MESSAGE(ok, sql << ": " << problem);
}

}  // namespace

TEST_CASE("the test PostgreSQL server answers SELECT 1 at a new database's URI") {
  PostgresServer& server = shared_postgres();
  const std::string uri = server.create_database();
  CHECK(uri.rfind("postgresql://tracker_test@/", 0) == 0);
  const PgConnection connection = pg_connect(uri);
  CHECK(pg_value(connection.get(), "SELECT 1") == "1");
  CHECK(pg_value(connection.get(), "SELECT current_user") == "tracker_test");
  CHECK(pg_value(connection.get(), "SELECT current_database()") != "postgres");
}

TEST_CASE("two databases from the test PostgreSQL server are distinct and empty") {
  PostgresServer& server = shared_postgres();
  const std::string first_uri = server.create_database();
  const std::string second_uri = server.create_database();
  REQUIRE(first_uri != second_uri);
  const PgConnection first = pg_connect(first_uri);
  const PgConnection second = pg_connect(second_uri);
  CHECK(pg_value(first.get(), "SELECT current_database()") !=
        pg_value(second.get(), "SELECT current_database()"));
  CHECK(pg_value(first.get(),
                 "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN "
                 "('pg_catalog', 'information_schema')") == "0");

  pg_command(first.get(), "CREATE TABLE snapshots (id integer PRIMARY KEY)");
  pg_command(first.get(), "INSERT INTO snapshots VALUES (1)");
  CHECK(pg_value(first.get(), "SELECT to_regclass('snapshots')::text") == "snapshots");
  CHECK(pg_value(second.get(), "SELECT to_regclass('snapshots')::text") == std::nullopt);
  // A third database is made from template0, so it has nothing of the first either.
  const PgConnection third = pg_connect(server.create_database());
  CHECK(pg_value(third.get(), "SELECT to_regclass('snapshots')::text") == std::nullopt);
}

TEST_CASE("the test PostgreSQL server runs without fsync, synchronous commit, full pages") {
  const PgConnection connection = pg_connect(shared_postgres().create_database());
  CHECK(pg_value(connection.get(), "SHOW fsync") == "off");
  CHECK(pg_value(connection.get(), "SHOW synchronous_commit") == "off");
  CHECK(pg_value(connection.get(), "SHOW full_page_writes") == "off");
  CHECK(pg_value(connection.get(), "SHOW server_encoding") == "UTF8");
}

TEST_CASE("the test PostgreSQL server listens on its own Unix socket and on no TCP port") {
  PostgresServer& server = shared_postgres();
  const PgConnection connection = pg_connect(server.create_database());
  CHECK(pg_value(connection.get(), "SHOW listen_addresses") == "");
  CHECK(pg_value(connection.get(), "SHOW unix_socket_directories") == server.socket_dir().string());
  CHECK(pg_value(connection.get(), "SHOW port") == "5432");
  CHECK(std::filesystem::is_socket(server.socket_dir() / ".s.PGSQL.5432"));
  // The connection came through that socket, not over TCP.
  CHECK(std::string(PQhost(connection.get())) == server.socket_dir().string());
  CHECK(pg_value(connection.get(), "SELECT inet_server_addr()") == std::nullopt);
  // The socket's folder is in the server's own temp folder, not a system cluster's.
  CHECK(server.socket_dir().string().find("/var/run/postgresql") == std::string::npos);
  CHECK(server.socket_dir().parent_path() ==
        std::filesystem::path(*pg_value(connection.get(), "SHOW data_directory")).parent_path());
}

TEST_CASE("the test PostgreSQL server never runs as root") {
  const PgConnection connection = pg_connect(shared_postgres().admin_uri());
  struct stat status {};
  const std::string data_directory = *pg_value(connection.get(), "SHOW data_directory");
  REQUIRE(::stat(data_directory.c_str(), &status) == 0);
  CHECK(status.st_uid != 0);
  CHECK(pg_value(connection.get(), "SELECT current_database()") == "postgres");
  CHECK(shared_postgres().log().find("ready to accept connections") != std::string::npos);
}

TEST_CASE("a test PostgreSQL server stops and removes its folder when it goes") {
  std::filesystem::path socket_dir;
  std::string admin;
  {
    PostgresServer server;
    socket_dir = server.socket_dir();
    admin = server.admin_uri();
    REQUIRE(PQping(admin.c_str()) == PQPING_OK);
  }
  CHECK(PQping(admin.c_str()) == PQPING_NO_RESPONSE);
  CHECK_FALSE(std::filesystem::exists(socket_dir.parent_path()));
}
