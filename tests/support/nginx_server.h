#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/temp_dir.h"

namespace tracker::test {

// A loopback port that was free a moment ago, for servers that cannot listen on port 0 and
// tell which port they got (nginx).
int free_loopback_port();

// One line of NginxServer's access log.
struct NginxRequest {
  int status = 0;
  std::string uri;                // $request_uri: path and query as requested
  std::string if_none_match;      // the request's header, empty when it had none
  std::string if_modified_since;  // likewise
  std::string accept_encoding;    // likewise
  std::size_t body_bytes = 0;     // $body_bytes_sent: the body as sent, compressed or not
  std::string gzip_ratio;         // empty when the body went uncompressed
};

// Debian's nginx (/usr/sbin/nginx) serving docroot() on a free loopback port, for as long as
// this object lives. Its configuration, pid file, logs and temp folders all live in a temp
// folder. `server_directives` go into the server block as they are (gzip, locations).
// Throws when nginx is not installed or does not start: a missing nginx fails the test.
class NginxServer {
 public:
  explicit NginxServer(std::string server_directives = {});
  NginxServer(const NginxServer&) = delete;
  NginxServer& operator=(const NginxServer&) = delete;

  // "http://127.0.0.1:PORT" + path.
  std::string url(const std::string& path) const;
  const std::filesystem::path& docroot() const { return m_docroot; }

  // Writes `content` to docroot()/relative and gives it a modification time ten seconds
  // after the last put's, so each put changes nginx's ETag and Last-Modified.
  void put(const std::string& relative, const std::string& content);
  // The modification time the last put gave, as nginx reports it (whole seconds).
  std::chrono::system_clock::time_point last_mtime() const { return m_mtime; }

  // The access log's lines, waiting (up to 5 s) until there are at least `at_least`:
  // nginx writes a line only after the response is out.
  std::vector<NginxRequest> requests(std::size_t at_least = 0) const;
  // The error log, for failure messages.
  std::string error_log() const;

 private:
  bool start(int port, std::string& problem);
  std::string config(int port) const;

  TempDir m_dir;
  std::filesystem::path m_docroot;
  std::string m_server_directives;
  std::optional<BackgroundProcess> m_process;
  int m_port = 0;
  std::chrono::system_clock::time_point m_mtime;
};

// The nginx binary the tests run.
inline constexpr const char* k_nginx_binary = "/usr/sbin/nginx";

}  // namespace tracker::test
