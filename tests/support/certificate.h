#pragma once

#include <filesystem>
#include <stdexcept>

#include "support/process.h"

namespace tracker::test {

// A self-signed certificate for localhost and 127.0.0.1 in `dir` (cert.pem, key.pem), made
// now so that none is committed. No CA signed it: a verifying client refuses it.
inline void make_self_signed_certificate(const std::filesystem::path& dir) {
  const ProcessResult made = run_process(
      {"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-addext",
       "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "1", "-keyout", (dir / "key.pem").string(), "-out",
       (dir / "cert.pem").string()});
  if (made.exit_code != 0) {
    throw std::runtime_error("openssl could not make a test certificate: " + made.err);
  }
}

}  // namespace tracker::test
