// HTTPS certificates are verified: Debian's nginx with a self-signed certificate made now.
#include <doctest/doctest.h>

#include <string>

#include "support/certificate.h"
#include "support/nginx_server.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"

using tracker::test::NginxServer;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::TempDir;

TEST_CASE("a page over HTTPS with a certificate no CA signed is refused, not fetched") {
  TempDir keys;
  tracker::test::make_self_signed_certificate(keys.path());
  const int tls_port = tracker::test::free_loopback_port();
  // The same server block also listens with TLS on a second port.
  NginxServer nginx("    listen 127.0.0.1:" + std::to_string(tls_port) + " ssl;\n    ssl_certificate " +
                    (keys / "cert.pem").string() + ";\n    ssl_certificate_key " + (keys / "key.pem").string() + ";\n");
  nginx.put("article.html", read_file(source_dir() / "feeds/demo/kursk-afp.html"));

  // Over plain HTTP the same page is served and extracted: the server works.
  const auto plain = run_tracker({"extract", nginx.url("/article.html")});
  REQUIRE_MESSAGE(plain.exit_code == 0, plain.err);
  CHECK(plain.out.find("North Korea") != std::string::npos);

  for (const std::string host : {"127.0.0.1", "localhost"}) {
    CAPTURE(host);
    const auto secure = run_tracker({"extract", "https://" + host + ":" + std::to_string(tls_port) + "/article.html"});
    CHECK(secure.exit_code == 5);  // fetch_failed
    CHECK(secure.out.empty());
    CHECK(secure.err.find("certificate") != std::string::npos);
  }
}
