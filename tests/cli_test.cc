#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/http_server.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"

using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::TempDir;
using tracker::test::TestHttpServer;
using tracker::test::write_file;

namespace {

const std::string k_demo = (source_dir() / "feeds/demo/kursk-afp.html").string();

}  // namespace

TEST_CASE("--help lists the subcommands and the exit codes") {
  auto result = run_tracker({"--help"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("extract") != std::string::npos);
  CHECK(result.out.find("Exit status:") != std::string::npos);
  CHECK(result.out.find("66  an input file is missing") != std::string::npos);
}

TEST_CASE("--version prints the program name and version") {
  auto result = run_tracker({"--version"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.starts_with("tracker 0."));
}

TEST_CASE("a mistyped subcommand gets a suggestion and the usage exit code") {
  auto result = run_tracker({"extrct", k_demo});
  CHECK(result.exit_code == 64);
  CHECK(result.err == "tracker: error: unknown command 'extrct' (did you mean 'extract'?); see 'tracker --help'\n");
  CHECK(result.out.empty());
}

TEST_CASE("no subcommand at all is a usage error") {
  auto result = run_tracker({});
  CHECK(result.exit_code == 64);
  CHECK(result.err.find("tracker: error:") == 0);
}

TEST_CASE("an unknown option and a bad --format value are usage errors") {
  CHECK(run_tracker({"extract", "--frmat", "json", k_demo}).exit_code == 64);
  auto result = run_tracker({"extract", "--format", "yaml", k_demo});
  CHECK(result.exit_code == 64);
  CHECK(result.err.find("yaml") != std::string::npos);
}

TEST_CASE("extract prints the demo article as text, quietly") {
  auto result = run_tracker({"extract", k_demo});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK(result.out == read_file(source_dir() / "feeds/demo/kursk-afp.expected.txt"));
}

TEST_CASE("extract --format json prints the documented fields") {
  auto result = run_tracker({"extract", "--format", "json", k_demo});
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  for (const char* key : {"title", "byline", "standfirst", "site_name", "published", "modified", "url", "language",
                          "paragraphs", "text"}) {
    CAPTURE(key);
    CHECK(json.contains(key));
  }
  CHECK(json["published"] == "2025-02-04T08:41:00Z");
  CHECK(json["paragraphs"].size() == 19);
  CHECK(json["text"].get<std::string>() + "\n" ==
        read_file(source_dir() / "feeds/demo/kursk-afp.expected.txt"));
}

TEST_CASE("extract reads standard input when the file is '-'") {
  auto result = run_tracker({"extract", "-"}, read_file(k_demo));
  CHECK(result.exit_code == 0);
  CHECK(result.out == read_file(source_dir() / "feeds/demo/kursk-afp.expected.txt"));
}

TEST_CASE("bad inputs get one line on stderr naming the source and a distinct exit code") {
  TempDir dir;
  write_file(dir / "empty.html", "");
  write_file(dir / "doc.pdf", "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n");
  struct Case {
    std::string path;
    int exit_code;
    std::string message;
  };
  const Case cases[] = {
      {(dir / "missing.html").string(), 66, "No such file or directory"},
      {dir.path().string(), 66, "is a directory"},
      {(dir / "empty.html").string(), 4, "page is empty"},
      {(dir / "doc.pdf").string(), 4, "looks like a PDF document"},
      {(source_dir() / "tests/data/extract/no-article.html").string(), 3, "no article text"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    auto result = run_tracker({"extract", c.path});
    CHECK(result.exit_code == c.exit_code);
    CHECK(result.err.starts_with("tracker: error: " + c.path + ": "));
    CHECK(result.err.find(c.message) != std::string::npos);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  }
}

TEST_CASE("a page over --max-page-bytes is refused without reading it") {
  auto result = run_tracker({"extract", "--max-page-bytes", "1000", k_demo});
  CHECK(result.exit_code == 4);
  CHECK(result.err.find("over the limit of 1000") != std::string::npos);
}

TEST_CASE("extract fetches a URL over HTTP") {
  TestHttpServer server;
  auto result = run_tracker({"extract", server.url("/redirect")});
  CHECK(result.exit_code == 0);
  CHECK(result.out == read_file(source_dir() / "feeds/demo/kursk-afp.expected.txt"));
}

TEST_CASE("fetch failures name the URL and exit with the fetch code") {
  TestHttpServer server;
  auto not_found = run_tracker({"extract", server.url("/status/404")});
  CHECK(not_found.exit_code == 5);
  CHECK(not_found.err == "tracker: error: " + server.url("/status/404") + ": server answered HTTP 404\n");

  auto slow = run_tracker({"extract", "--timeout", "0.5", server.url("/slow")});
  CHECK(slow.exit_code == 5);
  CHECK(slow.err.find("imed out") != std::string::npos);

  auto pdf = run_tracker({"extract", server.url("/pdf")});
  CHECK(pdf.exit_code == 4);
  CHECK(pdf.err.find("PDF") != std::string::npos);
}

TEST_CASE("URLs with other schemes are refused as usage errors") {
  auto result = run_tracker({"extract", "file:///etc/passwd"});
  CHECK(result.exit_code == 64);
  CHECK(result.err.find("only http:// and https://") != std::string::npos);
}
