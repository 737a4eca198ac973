// The fetcher and `tracker run` against Debian's nginx: the server users will meet, for
// conditional GET, gzip and redirects (tests/servers/http_server.py covers the faults).

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <ctime>
#include <string>
#include <vector>

#include "support/nginx_server.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "tracker/net/fetcher.h"

using namespace tracker::net;
using namespace std::chrono_literals;
using tracker::test::NginxRequest;
using tracker::test::NginxServer;
using tracker::test::read_file;
using tracker::test::source_dir;

namespace {

// Options for tests: fast retries, repeatable jitter, no politeness delay.
FetcherOptions test_options() {
  FetcherOptions options;
  options.host_delay = 0ms;
  options.backoff_base = 10ms;
  options.jitter_seed = 42;
  return options;
}

FetchResult fetch_one(FetchRequest request, FetcherOptions options = test_options()) {
  auto results = Fetcher(std::move(options)).fetch_all({request});
  REQUIRE(results.size() == 1);
  return results[0];
}

// An IMF-fixdate, as nginx writes Last-Modified.
std::string http_date(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char out[64];
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return out;
}

// nginx's strong ETag for a static file: hex mtime, hex size.
std::string nginx_etag(std::chrono::system_clock::time_point mtime, std::size_t size) {
  char out[64];
  std::snprintf(out, sizeof out, "\"%llx-%zx\"",
                static_cast<unsigned long long>(std::chrono::system_clock::to_time_t(mtime)), size);
  return out;
}

// The requests of the access log from position `from` on, once there are `count` of them.
std::vector<NginxRequest> requests_since(const NginxServer& server, std::size_t from,
                                         std::size_t count) {
  auto all = server.requests(from + count);
  REQUIRE(all.size() == from + count);
  return {all.begin() + static_cast<std::ptrdiff_t>(from), all.end()};
}

// A page large enough for gzip to matter: the demo's news page, chrome and all.
std::string news_page() { return read_file(source_dir() / "feeds/demo/kursk-afp.html"); }

// gzip_types always has text/html (naming it again only draws a warning).
const char* const k_gzip = "gzip on; gzip_min_length 0; gzip_types application/rss+xml application/xml;";

}  // namespace

TEST_CASE("nginx answers the fetcher's conditional GET with 304 until the file changes") {
  NginxServer server;
  server.put("page.html", "<p>first version</p>\n");
  const auto first_mtime = server.last_mtime();

  const FetchResult first = fetch_one({server.url("/page.html"), "", ""});
  REQUIRE(first.outcome == FetchOutcome::ok);
  CHECK(first.status == 200);
  CHECK(first.body == "<p>first version</p>\n");
  // The validators are nginx's, captured exactly.
  CHECK(first.etag == nginx_etag(first_mtime, 21));
  CHECK(first.last_modified == http_date(first_mtime));

  const FetchResult same = fetch_one({server.url("/page.html"), first.etag, first.last_modified});
  CHECK(same.outcome == FetchOutcome::not_modified);
  CHECK(same.status == 304);
  CHECK(same.body.empty());
  CHECK(same.etag == first.etag);  // nginx repeats the ETag on a 304: keep it for next time
  CHECK(same.last_modified == first.last_modified);

  // Each validator alone is enough for nginx.
  CHECK(fetch_one({server.url("/page.html"), first.etag, ""}).outcome == FetchOutcome::not_modified);
  CHECK(fetch_one({server.url("/page.html"), "", first.last_modified}).outcome ==
        FetchOutcome::not_modified);

  server.put("page.html", "<p>second version, longer</p>\n");
  const FetchResult changed = fetch_one({server.url("/page.html"), first.etag, first.last_modified});
  REQUIRE(changed.outcome == FetchOutcome::ok);
  CHECK(changed.status == 200);
  CHECK(changed.body == "<p>second version, longer</p>\n");
  CHECK(changed.etag == nginx_etag(server.last_mtime(), 30));
  CHECK(changed.etag != first.etag);
  CHECK(changed.last_modified == http_date(server.last_mtime()));

  // What nginx saw: the validators went out as they came in.
  const auto log = server.requests(5);
  REQUIRE(log.size() == 5);
  CHECK(log[0].status == 200);
  CHECK(log[0].if_none_match.empty());
  CHECK(log[0].if_modified_since.empty());
  CHECK(log[0].gzip_ratio.empty());  // gzip is off here
  CHECK(log[1].status == 304);
  CHECK(log[1].if_none_match == first.etag);
  CHECK(log[1].if_modified_since == first.last_modified);
  CHECK(log[1].body_bytes == 0);
  CHECK(log[2].status == 304);
  CHECK(log[3].status == 304);
  CHECK(log[4].status == 200);
  CHECK(log[4].if_none_match == first.etag);
}

TEST_CASE("nginx gzips a page and the fetcher gets it back byte for byte") {
  NginxServer server(k_gzip);
  const std::string page = news_page();
  REQUIRE(page.size() > 30'000);
  server.put("article.html", page);

  const FetchResult result = fetch_one({server.url("/article.html"), "", ""});
  REQUIRE(result.outcome == FetchOutcome::ok);
  CHECK(result.content_type == "text/html");
  CHECK(result.body.size() == page.size());
  CHECK(result.body == page);

  const auto log = server.requests(1);
  REQUIRE(log.size() == 1);
  CHECK(log[0].status == 200);
  CHECK(log[0].accept_encoding.find("gzip") != std::string::npos);
  CHECK_FALSE(log[0].gzip_ratio.empty());  // nginx compressed it
  CHECK(log[0].body_bytes < page.size() / 3);  // and what went over the wire was small
}

TEST_CASE("a feed from nginx arrives decoded when gzipped") {
  NginxServer server(k_gzip);
  std::string feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>";
  for (int i = 0; i < 200; ++i) {
    feed += "<item><title>Item " + std::to_string(i) + "</title><link>" +
            server.url("/a" + std::to_string(i) + ".html") + "</link></item>";
  }
  feed += "</channel></rss>\n";
  server.put("feed.xml", feed);
  const FetchResult result = fetch_one({server.url("/feed.xml"), "", ""});
  REQUIRE(result.outcome == FetchOutcome::ok);
  CHECK(result.content_type == "application/rss+xml");
  CHECK(result.body == feed);
  const auto log = server.requests(1);
  REQUIRE(log.size() == 1);
  CHECK_FALSE(log[0].gzip_ratio.empty());
}

TEST_CASE("a gzipped page's weak ETag from nginx still gets a 304") {
  NginxServer server(k_gzip);
  server.put("article.html", news_page());
  const FetchResult first = fetch_one({server.url("/article.html"), "", ""});
  REQUIRE(first.outcome == FetchOutcome::ok);
  // nginx weakens the ETag of a body it compresses.
  CHECK(first.etag == "W/" + nginx_etag(server.last_mtime(), news_page().size()));
  const FetchResult again = fetch_one({server.url("/article.html"), first.etag, ""});
  CHECK(again.outcome == FetchOutcome::not_modified);
  CHECK(again.body.empty());
  const auto log = server.requests(2);
  REQUIRE(log.size() == 2);
  CHECK(log[1].status == 304);
  CHECK(log[1].if_none_match == first.etag);
}

namespace {

// /r0 -> /r1 -> ... -> /r5 -> /final.html, one of each redirect status; /loop-a <-> /loop-b.
const char* const k_redirects =
    "location = /r0 { return 301 /r1; }\n"
    "location = /r1 { return 301 /r2; }\n"
    "location = /r2 { return 302 /r3; }\n"
    "location = /r3 { return 303 /r4; }\n"
    "location = /r4 { return 307 /r5; }\n"
    "location = /r5 { return 308 /final.html; }\n"
    "location = /loop-a { return 302 /loop-b; }\n"
    "location = /loop-b { return 302 /loop-a; }\n";

}  // namespace

TEST_CASE("a chain of five nginx redirects of every kind ends at the final page") {
  NginxServer server(k_redirects);
  server.put("final.html", "<p>the end of the chain</p>\n");
  const FetchResult result = fetch_one({server.url("/r1"), "", ""});
  REQUIRE(result.outcome == FetchOutcome::ok);
  CHECK(result.status == 200);
  CHECK(result.url == server.url("/r1"));
  CHECK(result.effective_url == server.url("/final.html"));
  CHECK(result.body == "<p>the end of the chain</p>\n");
  CHECK(result.attempts == 1);
  const auto log = server.requests(6);
  REQUIRE(log.size() == 6);
  const std::vector<std::pair<int, std::string>> expected = {
      {301, "/r1"}, {302, "/r2"}, {303, "/r3"}, {307, "/r4"}, {308, "/r5"}, {200, "/final.html"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(log[i].status == expected[i].first);
    CHECK(log[i].uri == expected[i].second);
  }
}

TEST_CASE("a sixth nginx redirect is an error naming too many redirects") {
  NginxServer server(k_redirects);
  server.put("final.html", "<p>the end of the chain</p>\n");
  const FetchResult result = fetch_one({server.url("/r0"), "", ""});
  CHECK(result.outcome == FetchOutcome::http_error);
  CHECK(result.body.empty());
  CAPTURE(result.error);
  CHECK(result.error.find("redirects") != std::string::npos);
  CHECK(result.attempts == 1);  // not retried
  CHECK(result.effective_url == server.url("/r5"));
  // Six requests, the last answered with a redirect that was not followed.
  const auto log = server.requests(6);
  CHECK(log.size() == 6);
  CHECK(log.back().uri == "/r5");
}

TEST_CASE("an nginx redirect loop is an error, not a hang") {
  NginxServer server(k_redirects);
  const auto start = std::chrono::steady_clock::now();
  const FetchResult result = fetch_one({server.url("/loop-a"), "", ""});
  CHECK(std::chrono::steady_clock::now() - start < 10s);
  CHECK(result.outcome == FetchOutcome::http_error);
  CHECK(result.status == 302);
  CHECK(result.error.find("redirects") != std::string::npos);
  CHECK(result.attempts == 1);
  const auto log = server.requests(6);
  CHECK(log.size() == 6);  // the first request and five redirects followed
}

namespace {

// A news site on nginx: a feed of three articles, a watch file, and `tracker run`.
class NginxNewsSite {
 public:
  // `kursk_link`: the Kursk item's link in the feed (a path on the server), which
  // `server_directives` may redirect.
  explicit NginxNewsSite(std::string server_directives = {},
                         const std::string& kursk_link = "/kursk.html")
      : m_server(std::move(server_directives)) {
    publish_kursk("v3-full.txt");
    m_server.put("transport.html", read_file(tracker::test::fixture("extract/list-and-quote.html")));
    m_server.put("harbour.html",
                 read_file(tracker::test::fixture("extract/windows1252-smart-quotes.html")));
    std::string feed =
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Nginx news</title><link>" +
        m_server.url("/") + "</link><description>d</description>\n";
    for (const std::string& link : {kursk_link, std::string("/transport.html"),
                                    std::string("/harbour.html")}) {
      feed += "<item><title>" + link + "</title><link>" + m_server.url(link) + "</link></item>\n";
    }
    feed += "</channel></rss>\n";
    m_server.put("feed.xml", feed);
    tracker::test::write_file(m_dir / "watch.toml", "[[source]]\nname = \"nginx-news\"\nurl = \"" +
                                                        m_server.url("/feed.xml") +
                                                        "\"\nkind = \"feed\"\ninterval = \"1h\"\n");
  }

  // Puts version `name` of the Kursk story (a snapshots/kursk text) on the site.
  void publish_kursk(const std::string& name) {
    const auto rendered = m_dir / "kursk.html";
    auto result = tracker::test::run_process(
        {"/usr/bin/python3", (source_dir() / "feeds/demo/render_version.py").string(),
         (source_dir() / "snapshots/kursk" / name).string(), rendered.string()});
    REQUIRE(result.exit_code == 0);
    m_server.put("kursk.html", read_file(rendered));
  }

  // `tracker run --format json`, every source whatever its interval; the parsed output.
  nlohmann::json run() {
    auto result = tracker::test::run_tracker({"run", "--config", (m_dir / "watch.toml").string(),
                                              "--store", (m_dir / "tracker.db").string(), "--all",
                                              "--format", "json"});
    CAPTURE(result.err);
    CHECK(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
  }

  NginxServer& server() { return m_server; }

 private:
  tracker::test::TempDir m_dir;
  NginxServer m_server;
};

// The status nginx gave each URI among `requests`; a URI asked twice fails the test.
std::map<std::string, int> statuses(const std::vector<NginxRequest>& requests) {
  std::map<std::string, int> out;
  for (const NginxRequest& request : requests) {
    CAPTURE(request.uri);
    CHECK(out.emplace(request.uri, request.status).second);
  }
  return out;
}

}  // namespace

TEST_CASE("tracker run against nginx: a second run is all 304s and a new version reports its claims") {
  NginxNewsSite site;

  const auto first = site.run();
  CHECK(first["sources"][0]["error"].is_null());
  CHECK(first["page_errors"].empty());
  REQUIRE(first["documents"].size() == 3);
  for (const auto& document : first["documents"]) {
    CHECK(document["first_version"] == true);
    CHECK(document["changes"].empty());
  }
  CHECK(statuses(requests_since(site.server(), 0, 4)) ==
        std::map<std::string, int>{
            {"/feed.xml", 200}, {"/kursk.html", 200}, {"/transport.html", 200}, {"/harbour.html", 200}});

  // Nothing changed: every request is conditional and answered 304.
  const auto second = site.run();
  CHECK(second["documents"].empty());
  CHECK(second["page_errors"].empty());
  CHECK(second["sources"][0]["not_modified"] == true);
  CHECK(second["pages_not_modified"] == 3);
  const auto second_log = requests_since(site.server(), 4, 4);
  CHECK(statuses(second_log) ==
        std::map<std::string, int>{
            {"/feed.xml", 304}, {"/kursk.html", 304}, {"/transport.html", 304}, {"/harbour.html", 304}});
  for (const NginxRequest& request : second_log) {
    CAPTURE(request.uri);
    CHECK_FALSE(request.if_none_match.empty());
    CHECK_FALSE(request.if_modified_since.empty());
  }

  // The outlet updates one article: only that page comes back whole, only it has changes.
  site.publish_kursk("v4-rotation.txt");
  const auto third = site.run();
  CHECK(third["page_errors"].empty());
  REQUIRE(third["documents"].size() == 1);
  const auto& kursk = third["documents"][0];
  CHECK(kursk["url"] == site.server().url("/kursk.html"));
  CHECK(kursk["first_version"] == false);
  REQUIRE(!kursk["changes"].empty());
  const std::string changes = kursk["changes"].dump();
  CHECK(changes.find("some 12,000") != std::string::npos);
  CHECK(changes.find("North Korea has rotated fresh troops") != std::string::npos);
  CHECK(statuses(requests_since(site.server(), 8, 4)) ==
        std::map<std::string, int>{
            {"/feed.xml", 304}, {"/kursk.html", 200}, {"/transport.html", 304}, {"/harbour.html", 304}});
}

TEST_CASE("tracker run against nginx: a page touched without a change reports nothing and is 304 again") {
  NginxNewsSite site;
  site.run();
  const std::string page = read_file(site.server().docroot() / "transport.html");
  site.server().put("transport.html", page);  // same bytes, new mtime: a new ETag

  const auto touched = site.run();
  // The page came back whole, but its text is the same: listed, with no new snapshot and
  // no changes.
  REQUIRE(touched["documents"].size() == 1);
  CHECK(touched["documents"][0]["url"] == site.server().url("/transport.html"));
  CHECK(touched["documents"][0]["snapshot"].is_null());
  CHECK(touched["documents"][0]["first_version"] == false);
  CHECK(touched["documents"][0]["changes"].empty());
  CHECK(touched["page_errors"].empty());
  CHECK(touched["pages_fetched"] == 1);
  CHECK(statuses(requests_since(site.server(), 4, 4)) ==
        std::map<std::string, int>{
            {"/feed.xml", 304}, {"/kursk.html", 304}, {"/transport.html", 200}, {"/harbour.html", 304}});

  // The new validators were kept, though nothing was stored.
  const auto again = site.run();
  CHECK(again["documents"].empty());
  CHECK(again["pages_not_modified"] == 3);
  const auto log = requests_since(site.server(), 8, 4);
  CHECK(statuses(log) ==
        std::map<std::string, int>{
            {"/feed.xml", 304}, {"/kursk.html", 304}, {"/transport.html", 304}, {"/harbour.html", 304}});
  for (const NginxRequest& request : log) {
    if (request.uri == "/transport.html") {
      CHECK(request.if_none_match == nginx_etag(site.server().last_mtime(), page.size()));
    }
  }
}

TEST_CASE("tracker run against nginx follows a feed item's redirect and stays conditional") {
  NginxNewsSite site("location = /go/kursk { return 301 /kursk.html; }", "/go/kursk");
  const auto first = site.run();
  CHECK(first["page_errors"].empty());
  CHECK(first["documents"].size() == 3);
  CHECK(statuses(requests_since(site.server(), 0, 5)) ==
        std::map<std::string, int>{{"/feed.xml", 200},
                                   {"/go/kursk", 301},
                                   {"/kursk.html", 200},
                                   {"/transport.html", 200},
                                   {"/harbour.html", 200}});

  // The validators of the page behind the redirect go out again, through the redirect.
  const auto second = site.run();
  CHECK(second["documents"].empty());
  CHECK(second["pages_not_modified"] == 3);
  const auto log = requests_since(site.server(), 5, 5);
  CHECK(statuses(log) ==
        std::map<std::string, int>{{"/feed.xml", 304},
                                   {"/go/kursk", 301},
                                   {"/kursk.html", 304},
                                   {"/transport.html", 304},
                                   {"/harbour.html", 304}});

  site.publish_kursk("v4-rotation.txt");
  const auto third = site.run();
  REQUIRE(third["documents"].size() == 1);
  CHECK(third["documents"][0]["url"] == site.server().url("/go/kursk"));  // the feed's link
  CHECK(third["documents"][0]["changes"].dump().find("some 12,000") != std::string::npos);
}

TEST_CASE("tracker run against nginx: a page it could not store is fetched whole next time") {
  NginxNewsSite site;
  site.run();
  // The outlet replaces an article with a page that holds none: nothing can be stored.
  site.server().put("harbour.html", "<html><body><nav><a href=\"/\">Home</a></nav></body></html>\n");
  const auto failed = site.run();
  REQUIRE(failed["page_errors"].size() == 1);
  CHECK(failed["page_errors"][0].get<std::string>().find("harbour.html") != std::string::npos);
  CHECK(failed["page_errors"][0].get<std::string>().starts_with("source 'nginx-news': "));  // which watch entry

  // Without its validators the next run cannot take a 304 for the version it never stored;
  // nor for the feed, whose 304 would only recheck the pages stored already.
  const auto again = site.run();
  CHECK(again["page_errors"].size() == 1);
  const auto log = requests_since(site.server(), 8, 4);
  CHECK(statuses(log) ==
        std::map<std::string, int>{
            {"/feed.xml", 200}, {"/kursk.html", 304}, {"/transport.html", 304}, {"/harbour.html", 200}});
  for (const NginxRequest& request : log) {
    if (request.uri == "/harbour.html") {
      CHECK(request.if_none_match.empty());
      CHECK(request.if_modified_since.empty());
    }
  }
}
