// What a server says reaches messages, the log and the store without control characters:
// no terminal escapes, no bare CR to forge a log line, no bidi overrides.
#include "tracker/text/server_text.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "support/demo_site.h"
#include "support/http_server.h"
#include "support/process.h"
#include "tracker/store/sqlite_store.h"

using tracker::test::DemoSite;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::TestHttpServer;
using tracker::test::write_file;
using tracker::text::server_text;

TEST_CASE("server text loses its control characters and bidi overrides but keeps its words") {
  CHECK(server_text("HTTP/1.1 403 Forbidden") == "HTTP/1.1 403 Forbidden");
  CHECK(server_text("403 \x1b[2J\rFAKE") == "403 ?[2J FAKE");
  CHECK(server_text("a\tb\nc\x7f"
                    "d\x01") == "a b c?d?");
  CHECK(server_text("C1 \xc2\x9b"
                    "31m") == "C1 ?31m");
  CHECK(server_text("\xe2\x80\xae"
                    "evil \xe2\x81\xa6x\xe2\x80\x8f") == "?evil ?x?");
  CHECK(server_text("caf\xc3\xa9 \xe9t\xe9") == "caf\xc3\xa9 \xef\xbf\xbdt\xef\xbf\xbd");
  CHECK(server_text("Kyiv\xe2\x80\x99s") == "Kyiv\xe2\x80\x99s");  // ordinary non-ASCII stays
  // Cut to the limit, never inside a character.
  CHECK(server_text("abcdef", 3) == "abc...");
  CHECK(server_text("ab\xc3\xa9\xc3\xa9", 3) == "ab\xc3\xa9...");
}

TEST_CASE(
    "a status line with escapes and a bare CR reaches stderr, the log, the store and status "
    "clean") {
  TestHttpServer server;
  DemoSite site;
  const std::string url = server.url("/hostile-status");
  write_file(site.dir() / "watch.toml",
             "[[source]]\nname = \"hostile\"\nurl = \"" + url + "\"\nkind = \"page\"\n" +
                 "[[source]]\nname = \"validators\"\nurl = \"" + server.url("/hostile-validators") +
                 "\"\nkind = \"page\"\n");
  const std::filesystem::path log = site.dir() / "tracker.log";
  const auto run = run_tracker({"-vv", "--log-file", log.string(), "run", "--config",
                                site.config().string(), "--all", "--color", "never"});
  CHECK(run.exit_code != 0);
  const auto status = run_tracker({"status", "--config", site.config().string()});

  std::string last_error;
  {
    auto store = tracker::store::SqliteStore::open(site.store());
    REQUIRE(store.has_value());
    auto state = (*store)->fetch_state(url);
    REQUIRE(state.has_value());
    REQUIRE(state->has_value());
    last_error = (**state).last_error;
  }
  for (const auto& [where, text] :
       std::vector<std::pair<std::string, std::string>>{{"run stderr", run.err},
                                                        {"log file", read_file(log)},
                                                        {"store last_error", last_error},
                                                        {"status", status.out + status.err}}) {
    CAPTURE(where);
    CAPTURE(text);
    CHECK(text.find("403 Forbidden") != std::string::npos);  // still names the status
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find('\a') == std::string::npos);
    CHECK(text.find("\r") == std::string::npos);
    CHECK(text.find("\xc2\x9b") == std::string::npos);
    CHECK(text.find("\xe2\x80\xae") == std::string::npos);
  }
  CHECK(run.out.find('\x1b') == std::string::npos);
  // Nor the validators of the page that was stored: not in any of the store's files.
  for (const auto& entry : std::filesystem::directory_iterator(site.store().parent_path())) {
    CAPTURE(entry.path());
    CHECK(read_file(entry.path()).find("\x1b[2J") == std::string::npos);
  }
}
