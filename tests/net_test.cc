#include <doctest/doctest.h>

#include "support/http_server.h"
#include "tracker/extract/extractor.h"
#include "tracker/net/http_get.h"

using namespace tracker::net;
using tracker::test::TestHttpServer;

TEST_CASE("a plain GET returns the body, status and content type") {
  TestHttpServer server;
  auto response = http_get(server.url("/article"));
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->content_type == "text/html; charset=utf-8");
  CHECK(response->body.find("Kursk") != std::string::npos);
}

TEST_CASE("a gzip-encoded body arrives decoded") {
  TestHttpServer server;
  auto response = http_get(server.url("/gzip"));
  REQUIRE(response);
  CHECK(response->body.starts_with("<!DOCTYPE html>"));
}

TEST_CASE("redirects are followed and the final URL is reported") {
  TestHttpServer server;
  auto response = http_get(server.url("/redirect"));
  REQUIRE(response);
  CHECK(response->effective_url == server.url("/article"));
}

TEST_CASE("a redirect loop ends with a redirects error") {
  TestHttpServer server;
  auto response = http_get(server.url("/loop"));
  REQUIRE_FALSE(response);
  CHECK(response.error().kind == FetchErrorKind::redirects);
}

TEST_CASE("HTTP errors are errors that carry the status") {
  TestHttpServer server;
  for (int status : {404, 500, 503}) {
    auto response = http_get(server.url("/status/" + std::to_string(status)));
    REQUIRE_FALSE(response);
    CHECK(response.error().kind == FetchErrorKind::http_status);
    CHECK(response.error().status == status);
  }
}

TEST_CASE("a slow server runs into the timeout") {
  TestHttpServer server;
  FetchOptions options;
  options.total_timeout = std::chrono::milliseconds(500);
  auto response = http_get(server.url("/slow"), options);
  REQUIRE_FALSE(response);
  CHECK(response.error().kind == FetchErrorKind::timeout);
}

TEST_CASE("a body past the limit is cut off while downloading") {
  TestHttpServer server;
  FetchOptions options;
  options.max_body_bytes = 1 << 20;
  auto response = http_get(server.url("/huge"), options);
  REQUIRE_FALSE(response);
  CHECK(response.error().kind == FetchErrorKind::too_large);
}

TEST_CASE("a gzip bomb is stopped by the limit on the decompressed size") {
  TestHttpServer server;
  FetchOptions options;
  options.max_body_bytes = 1 << 20;
  auto response = http_get(server.url("/gzip-bomb"), options);
  REQUIRE_FALSE(response);
  CHECK(response.error().kind == FetchErrorKind::too_large);
}

TEST_CASE("a body shorter than its Content-Length is a network error, not a page") {
  TestHttpServer server;
  auto response = http_get(server.url("/truncated"));
  REQUIRE_FALSE(response);
  CHECK(response.error().kind == FetchErrorKind::network);
}

TEST_CASE("a refused connection is a network error naming the problem") {
  TestHttpServer server;  // binds a port; port 1 on loopback has no listener
  auto response = http_get("http://127.0.0.1:1/");
  REQUIRE_FALSE(response);
  CHECK(response.error().kind == FetchErrorKind::network);
  CHECK_FALSE(response.error().message.empty());
}

TEST_CASE("only http and https are fetched") {
  for (const char* url : {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"}) {
    CAPTURE(url);
    auto response = http_get(url);
    REQUIRE_FALSE(response);
    CHECK(response.error().kind == FetchErrorKind::bad_url);
  }
}

TEST_CASE("http_get sends the configured User-Agent") {
  TestHttpServer server;
  FetchOptions options;
  options.user_agent = "tracker-test-agent/9";
  auto response = http_get(server.url("/user-agent"), options);
  REQUIRE(response);
  CHECK(response->body.find("tracker-test-agent/9") != std::string::npos);
}

TEST_CASE("the charset from the HTTP header decodes a page that does not declare one") {
  TestHttpServer server;
  auto response = http_get(server.url("/latin1-header"));
  REQUIRE(response);
  REQUIRE(response->body.find("charset") == std::string::npos);
  tracker::extract::ExtractOptions options;
  options.content_type = response->content_type;
  auto article = tracker::extract::extract_article(response->body, options);
  REQUIRE(article);
  CHECK(article->text().find("Z\xC3\xBCrich") != std::string::npos);
}
