#include "support/postgres_server.h"

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "support/paths.h"

extern char** environ;

namespace tracker::test {
namespace {

using namespace std::chrono_literals;

constexpr auto k_postgres_start_timeout = 30s;
// Given to the server and in every URI, so that a PGPORT in the environment (which both the
// server and libpq read) changes neither.
constexpr const char* k_postgres_port = "5432";

// The user that initdb and postgres run as when the tests run as root.
struct PostgresOsUser {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
};

// Debian installs each major version's binaries in /usr/lib/postgresql/N/bin: the highest N.
std::filesystem::path postgres_bin_dir() {
  const std::filesystem::path root = "/usr/lib/postgresql";
  int best = -1;
  std::error_code error;
  for (std::filesystem::directory_iterator it(root, error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name.size() > 4 ||
        !std::all_of(name.begin(), name.end(), [](char c) { return std::isdigit(c) != 0; })) {
      continue;
    }
    const std::filesystem::path bin = it->path() / "bin";
    std::error_code ignored;
    if (std::stoi(name) > best && std::filesystem::exists(bin / "initdb", ignored) &&
        std::filesystem::exists(bin / "postgres", ignored)) {
      best = std::stoi(name);
    }
  }
  if (best < 0) {
    throw std::runtime_error(
        "PostgreSQL is not installed (no /usr/lib/postgresql/N/bin/initdb): these tests need "
        "Debian's postgresql-15; run scripts/install-deps.sh");
  }
  return root / std::to_string(best) / "bin";
}

std::optional<PostgresOsUser> postgres_os_user(const char* name) {
  passwd entry{};
  passwd* found = nullptr;
  std::vector<char> buffer(16384);
  if (::getpwnam_r(name, &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
    return std::nullopt;
  }
  return PostgresOsUser{entry.pw_name, entry.pw_uid, entry.pw_gid};
}

// initdb and postgres refuse root: Debian's `postgres` user, else `nobody`.
PostgresOsUser unprivileged_postgres_user() {
  for (const char* name : {"postgres", "nobody"}) {
    if (auto user = postgres_os_user(name)) {
      return *user;
    }
  }
  throw std::runtime_error(
      "the tests run as root, which PostgreSQL refuses, and there is neither a `postgres` nor a "
      "`nobody` user to run it as");
}

bool user_in_group(const PostgresOsUser& user, gid_t group) {
  int count = 64;
  std::vector<gid_t> groups(static_cast<std::size_t>(count));
  if (::getgrouplist(user.name.c_str(), user.gid, groups.data(), &count) < 0) {
    groups.resize(static_cast<std::size_t>(count));
    ::getgrouplist(user.name.c_str(), user.gid, groups.data(), &count);
  }
  groups.resize(static_cast<std::size_t>(std::max(count, 0)));
  return std::find(groups.begin(), groups.end(), group) != groups.end();
}

// Whether `user` may pass through `dir`, by the permission bits of the class it falls in.
bool user_can_enter(const PostgresOsUser& user, const std::filesystem::path& dir) {
  struct stat status {};
  if (::stat(dir.c_str(), &status) != 0) {
    return false;
  }
  if (status.st_uid == user.uid) {
    return (status.st_mode & S_IXUSR) != 0;
  }
  if (user_in_group(user, status.st_gid)) {
    return (status.st_mode & S_IXGRP) != 0;
  }
  return (status.st_mode & S_IXOTH) != 0;
}

void check_postgres_user_reaches(const PostgresOsUser& user, const std::filesystem::path& dir) {
  for (std::filesystem::path parent = dir.parent_path();; parent = parent.parent_path()) {
    if (!user_can_enter(user, parent)) {
      throw std::runtime_error("the test PostgreSQL server runs as " + user.name +
                               ", who cannot enter " + parent.string() + " (above " + dir.string() +
                               "); point TMPDIR at a folder it can reach, e.g. /tmp");
    }
    if (parent == parent.root_path()) {
      return;
    }
  }
}

void give_to(const PostgresOsUser& user, const std::filesystem::path& path) {
  if (::chown(path.c_str(), user.uid, user.gid) != 0) {
    throw std::system_error(errno, std::generic_category(),
                            "cannot give " + path.string() + " to " + user.name);
  }
}

// Every byte but RFC 3986's unreserved ones as %XX, for a socket path inside a URI.
std::string percent_encoded(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out += c;
    } else {
      char escape[4];
      std::snprintf(escape, sizeof escape, "%%%02X", static_cast<unsigned char>(c));
      out += escape;
    }
  }
  return out;
}

// "postgresql://tracker_test@/DATABASE?host=%2Ftmp%2F...&port=5432".
std::string postgres_uri(const std::filesystem::path& socket_dir, const std::string& database) {
  return std::string("postgresql://") + k_postgres_test_user + "@/" + database +
         "?host=" + percent_encoded(socket_dir.string()) + "&port=" + k_postgres_port;
}

// The last `count` lines of `text`.
std::string last_lines(const std::string& text, int count) {
  std::size_t start = text.size();
  for (int seen = 0; start > 0; --start) {
    if (text[start - 1] == '\n' && start != text.size() && ++seen == count) {
      break;
    }
  }
  return text.substr(start);
}

bool process_has_exited(pid_t pid) {
  siginfo_t info{};
  return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == pid;
}

// The watchdog: a shell reading the test process's end of a socket pair. The test process
// tells it the postmaster's pid ("postmaster PID"), and "done" once it has stopped the server
// itself. Should the socket close without "done" (the test process died: a crash, SIGKILL),
// it stops the postmaster (SIGQUIT: immediate shutdown), waits for it to go, and removes the
// folder. It ignores the signals a terminal or a harness sends the whole process group.
constexpr const char* k_postgres_watchdog_script = R"sh(
cd / || exit 1
trap '' INT HUP TERM QUIT PIPE
pid=
while read -r word value; do
  case "$word" in
    postmaster) pid=$value ;;
    done) exit 0 ;;
  esac
done
if [ -n "$pid" ]; then
  kill -QUIT "$pid" 2>/dev/null
  tries=0
  while kill -0 "$pid" 2>/dev/null && [ -e "$2/postmaster.pid" ] && [ $tries -lt 100 ]; do
    sleep 0.1
    tries=$((tries + 1))
  done
fi
rm -rf -- "$1"
)sh";

pid_t spawn_postgres_watchdog(std::vector<std::string> argv, const std::filesystem::path& folder,
                              const std::filesystem::path& data_dir, int& socket) {
  argv.insert(argv.end(), {"/bin/sh", "-c", k_postgres_watchdog_script, "postgres-watchdog",
                           folder.string(), data_dir.string()});
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
    throw std::system_error(errno, std::generic_category(), "socketpair");
  }
  std::vector<char*> args;
  for (std::string& arg : argv) {
    args.push_back(arg.data());
  }
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, ends[1], 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(ends[1]);
  if (spawned != 0) {
    ::close(ends[0]);
    throw std::system_error(spawned, std::generic_category(), "cannot start " + argv[0]);
  }
  socket = ends[0];
  return pid;
}

void tell_postgres_watchdog(int socket, const std::string& line) {
  ::send(socket, line.data(), line.size(), MSG_NOSIGNAL);
}

}  // namespace

PostgresServer::PostgresServer()
    : m_data_dir(m_dir / "data"), m_socket_dir(m_dir / "socket"), m_log(m_dir / "server.log") {
  const std::filesystem::path bin = postgres_bin_dir();
  std::filesystem::create_directory(m_socket_dir);
  const std::string socket_file =
      (m_socket_dir / (std::string(".s.PGSQL.") + k_postgres_port)).string();
  if (socket_file.size() >= sizeof(sockaddr_un::sun_path)) {
    throw std::runtime_error("the test PostgreSQL server's socket path is too long (" +
                             socket_file + "); point TMPDIR at a shorter folder");
  }
  if (::geteuid() == 0) {
    const PostgresOsUser user = unprivileged_postgres_user();
    check_postgres_user_reaches(user, m_dir.path());
    give_to(user, m_dir.path());
    give_to(user, m_socket_dir);
    m_as_server_user = {"/usr/bin/setpriv", "--reuid=" + std::to_string(user.uid),
                        "--regid=" + std::to_string(user.gid), "--init-groups", "--"};
  }
  // Both run from the temp folder: the server user may not enter the test's own directory.
  m_as_server_user.insert(m_as_server_user.end(),
                          {"/usr/bin/env", "--chdir=" + m_dir.path().string()});
  try {
    m_watchdog =
        spawn_postgres_watchdog(m_as_server_user, m_dir.path(), m_data_dir, m_watchdog_socket);

    std::vector<std::string> initdb = m_as_server_user;
    initdb.insert(initdb.end(),
                  {(bin / "initdb").string(), "--pgdata=" + m_data_dir.string(),
                   std::string("--username=") + k_postgres_test_user, "--auth=trust",
                   "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"});
    const ProcessResult made = run_process(initdb);
    if (made.exit_code != 0) {
      throw std::runtime_error("initdb failed (exit " + std::to_string(made.exit_code) + "):\n" +
                               made.out + made.err);
    }

    std::vector<std::string> postgres = m_as_server_user;
    postgres.insert(
        postgres.end(),
        {(bin / "postgres").string(), "-D", m_data_dir.string(), "-p", k_postgres_port, "-c",
         "listen_addresses=", "-c", "unix_socket_directories=" + m_socket_dir.string(), "-c",
         "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"});
    m_postmaster.emplace(postgres, m_log);
    // setpriv and env exec, so this pid is the postmaster's.
    tell_postgres_watchdog(m_watchdog_socket,
                           "postmaster " + std::to_string(m_postmaster->pid()) + "\n");

    const std::string admin = admin_uri();
    const auto deadline = std::chrono::steady_clock::now() + k_postgres_start_timeout;
    while (PQping(admin.c_str()) != PQPING_OK) {
      if (process_has_exited(m_postmaster->pid())) {
        throw std::runtime_error("the test PostgreSQL server exited at start; its log ends:\n" +
                                 last_lines(log(), 40));
      }
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error(
            "the test PostgreSQL server did not accept connections within 30 s; its log ends:\n" +
            last_lines(log(), 40));
      }
      std::this_thread::sleep_for(5ms);
    }
    m_admin = PQconnectdb(admin.c_str());
    if (PQstatus(m_admin) != CONNECTION_OK) {
      throw std::runtime_error(std::string("cannot connect to the test PostgreSQL server: ") +
                               PQerrorMessage(m_admin) + "its log ends:\n" + last_lines(log(), 40));
    }
  } catch (...) {
    stop();
    throw;
  }
}

PostgresServer::~PostgresServer() {
  stop();
}

void PostgresServer::stop() noexcept {
  if (m_admin != nullptr) {
    PQfinish(m_admin);
    m_admin = nullptr;
  }
  if (m_postmaster) {
    m_postmaster->kill_and_wait(SIGQUIT);  // immediate shutdown: nothing here needs keeping
    m_postmaster.reset();
  }
  if (m_watchdog_socket >= 0) {
    tell_postgres_watchdog(m_watchdog_socket, "done\n");
    ::close(m_watchdog_socket);
    m_watchdog_socket = -1;
  }
  if (m_watchdog > 0) {
    ::waitpid(m_watchdog, nullptr, 0);
    m_watchdog = -1;
  }
}

std::string PostgresServer::create_database() {
  const std::lock_guard lock(m_mutex);
  if (PQstatus(m_admin) != CONNECTION_OK) {
    PQreset(m_admin);
  }
  const std::string name = "test_" + std::to_string(++m_databases);
  // FILE_COPY: about 12 ms, against 20 to 45 ms for 15's default, WAL_LOG (fsync off). template0:
  // nothing anyone made in template1 comes along.
  PGresult* result = PQexec(
      m_admin, ("CREATE DATABASE " + name + " TEMPLATE template0 STRATEGY FILE_COPY").c_str());
  const bool created = PQresultStatus(result) == PGRES_COMMAND_OK;
  const std::string problem = created ? std::string() : PQresultErrorMessage(result);
  PQclear(result);
  if (!created) {
    throw std::runtime_error("CREATE DATABASE " + name + " failed: " + problem +
                             "the server log ends:\n" + last_lines(log(), 40));
  }
  return postgres_uri(m_socket_dir, name);
}

std::string PostgresServer::admin_uri() const {
  return postgres_uri(m_socket_dir, "postgres");
}

std::string PostgresServer::log() const {
  std::error_code error;
  if (!std::filesystem::exists(m_log, error)) {
    return {};
  }
  return read_file(m_log);
}

PostgresServer& shared_postgres() {
  // Destroyed by exit(), after main returns: the server stops with the test process. Should
  // the process die without exit() the server's watchdog stops it.
  static PostgresServer server;
  return server;
}

}  // namespace tracker::test
