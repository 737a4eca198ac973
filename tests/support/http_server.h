#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace tracker::test {

// tests/servers/http_server.py on a free loopback port, for as long as this object lives.
class TestHttpServer {
 public:
  TestHttpServer()
      : m_process({"/usr/bin/python3", (source_dir() / "tests/servers/http_server.py").string(),
                   "--port-file", (m_dir / "port").string()}) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!std::filesystem::exists(m_dir / "port")) {
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("the test HTTP server did not start");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    m_port = std::stoi(read_file(m_dir / "port"));
  }

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
  }

 private:
  TempDir m_dir;
  BackgroundProcess m_process;
  int m_port = 0;
};

}  // namespace tracker::test
