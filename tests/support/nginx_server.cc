#include "support/nginx_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "support/paths.h"

namespace tracker::test {
namespace {

using namespace std::chrono_literals;

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return false;
  }
  const sockaddr_in address = loopback(port);
  const bool connected =
      ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

std::string read_if_present(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return {};
  }
  return read_file(path);
}

NginxRequest parse_request(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) {
      break;
    }
    start = tab + 1;
  }
  if (fields.size() != 7) {
    throw std::runtime_error("unexpected nginx access log line: " + line);
  }
  NginxRequest request;
  request.status = std::stoi(fields[0]);
  request.uri = fields[1];
  request.if_none_match = fields[2];
  request.if_modified_since = fields[3];
  request.accept_encoding = fields[4];
  request.body_bytes = std::stoul(fields[5]);
  request.gzip_ratio = fields[6];
  return request;
}

}  // namespace

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw std::runtime_error("socket() failed");
  }
  sockaddr_in address = loopback(0);
  socklen_t length = sizeof address;
  const bool bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
                     ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  ::close(fd);
  if (!bound) {
    throw std::runtime_error("cannot find a free loopback port");
  }
  return ntohs(address.sin_port);
}

NginxServer::NginxServer(std::string server_directives)
    : m_docroot(m_dir / "docroot"),
      m_server_directives(std::move(server_directives)),
      m_mtime(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now() - 24h)) {
  if (!std::filesystem::exists(k_nginx_binary)) {
    throw std::runtime_error(std::string("nginx is not installed (") + k_nginx_binary +
                             "): these tests need Debian's nginx-light; run scripts/install-deps.sh");
  }
  std::filesystem::create_directories(m_docroot);
  std::string problem;
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (start(free_loopback_port(), problem)) {
      return;
    }
  }
  throw std::runtime_error("nginx did not start: " + problem);
}

std::string NginxServer::config(int port) const {
  const std::string prefix = m_dir.path().string();
  std::ostringstream out;
  out << "daemon off;\n"
         "worker_processes 1;\n";
  if (::geteuid() == 0) {
    // Workers would run as nobody, who cannot enter the private temp folder.
    out << "user root root;\n";
  }
  out << "pid " << prefix << "/nginx.pid;\n"
      << "error_log " << prefix << "/error.log notice;\n"
      << "events { worker_connections 64; }\n"
         "http {\n"
         "  types { text/html html; application/rss+xml xml; text/plain txt; }\n"
         "  default_type application/octet-stream;\n"
      << "  client_body_temp_path " << prefix << "/client_body;\n"
      << "  proxy_temp_path " << prefix << "/proxy;\n"
      << "  fastcgi_temp_path " << prefix << "/fastcgi;\n"
      << "  uwsgi_temp_path " << prefix << "/uwsgi;\n"
      << "  scgi_temp_path " << prefix << "/scgi;\n"
      << "  log_format tracker escape=none\n"
         "    '$status\\t$request_uri\\t$http_if_none_match\\t$http_if_modified_since\\t"
         "$http_accept_encoding\\t$body_bytes_sent\\t$gzip_ratio';\n"
      << "  access_log " << prefix << "/access.log tracker;\n"
      << "  server {\n"
      << "    listen 127.0.0.1:" << port << ";\n"
      << "    server_name localhost;\n"
      << "    root " << m_docroot.string() << ";\n"
      << m_server_directives << "\n"
      << "  }\n"
         "}\n";
  return out.str();
}

bool NginxServer::start(int port, std::string& problem) {
  std::error_code ignored;
  std::filesystem::remove(m_dir / "error.log", ignored);
  std::filesystem::remove(m_dir / "nginx.pid", ignored);
  write_file(m_dir / "nginx.conf", config(port));
  const std::string prefix = m_dir.path().string() + "/";
  m_process.emplace(std::vector<std::string>{k_nginx_binary, "-p", prefix, "-c",
                                             (m_dir / "nginx.conf").string(), "-e",
                                             (m_dir / "error.log").string()});
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string log = read_if_present(m_dir / "error.log");
    if (log.find("bind() to") != std::string::npos) {  // someone took the port: try another
      problem = log;
      m_process.reset();
      return false;
    }
    if (log.find("[emerg]") != std::string::npos) {
      m_process.reset();
      throw std::runtime_error("nginx did not start:\n" + log);
    }
    if (std::filesystem::exists(m_dir / "nginx.pid", ignored) && accepts_connections(port)) {
      m_port = port;
      return true;
    }
    std::this_thread::sleep_for(10ms);
  }
  m_process.reset();
  throw std::runtime_error("nginx did not accept connections within 10 s:\n" +
                           read_if_present(m_dir / "error.log"));
}

std::string NginxServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

void NginxServer::put(const std::string& relative, const std::string& content) {
  const std::filesystem::path path = m_docroot / relative;
  std::filesystem::create_directories(path.parent_path());
  write_file(path, content);
  m_mtime += 10s;
  timespec times[2] = {};
  times[0].tv_sec = times[1].tv_sec = std::chrono::system_clock::to_time_t(m_mtime);
  if (::utimensat(AT_FDCWD, path.c_str(), times, 0) != 0) {
    throw std::runtime_error("cannot set the modification time of " + path.string());
  }
}

std::vector<NginxRequest> NginxServer::requests(std::size_t at_least) const {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (true) {
    std::vector<NginxRequest> requests;
    std::string text = read_if_present(m_dir / "access.log");
    text.erase(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1);  // whole lines
    std::istringstream log(text);
    for (std::string line; std::getline(log, line);) {
      requests.push_back(parse_request(line));
    }
    if (requests.size() >= at_least || std::chrono::steady_clock::now() > deadline) {
      return requests;
    }
    std::this_thread::sleep_for(10ms);
  }
}

std::string NginxServer::error_log() const { return read_if_present(m_dir / "error.log"); }

}  // namespace tracker::test
