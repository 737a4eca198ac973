// Limits on everything that grows with input ([limits] in tracker.toml): each is hit through
// the real path, gives an error naming the page or source and the limit, leaves the rest of
// the run stored, and lets the next run with a higher limit store what it refused.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/demo_site.h"
#include "support/http_server.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/store_checks.h"
#include "support/temp_dir.h"
#include "support/text_search.h"
#include "tracker/claims/claim_extractor.h"
#include "tracker/claims/lexicon.h"
#include "tracker/config/settings.h"
#include "tracker/extract/dom.h"
#include "tracker/extract/extractor.h"
#include "tracker/extract/html_document.h"
#include "tracker/net/fetcher.h"

using tracker::test::BackgroundProcess;
using tracker::test::contains;
using tracker::test::ProcessResult;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::stored_urls;
using tracker::test::TempDir;
using tracker::test::TestHttpServer;
using tracker::test::write_file;

namespace {

// A paragraph of `sentences` sentences of plain news prose, each a claim.
std::string prose(std::size_t paragraph, std::size_t sentences) {
  std::string text;
  for (std::size_t i = 0; i < sentences; ++i) {
    text += (i == 0 ? "" : " ") + std::string("Officials said that ") + std::to_string(100 + i) +
            " troops moved near the border in report " + std::to_string(paragraph) + ".";
  }
  return text;
}

// An article page: `paragraphs` paragraphs of `sentences` sentences, inside `depth` nested
// divs, with `filler` empty spans after the article.
std::string article_page(std::size_t paragraphs, std::size_t sentences, std::size_t depth = 0,
                         std::size_t filler = 0) {
  std::string html = "<html><head><title>Report</title></head><body>";
  for (std::size_t i = 0; i < depth; ++i) {
    html += "<div>";
  }
  html += "<article><h1>Report</h1>";
  for (std::size_t i = 0; i < paragraphs; ++i) {
    html += "<p>" + prose(i, sentences) + "</p>";
  }
  html += "</article>";
  for (std::size_t i = 0; i < depth; ++i) {
    html += "</div>";
  }
  html += "<div>";
  for (std::size_t i = 0; i < filler; ++i) {
    html += "<span></span>";
  }
  return html + "</div></body></html>";
}

struct TreeSize {
  std::size_t elements = 0;
  std::size_t depth = 0;
};

// The elements and depth of `html` as libxml2 builds it, counted the way DomLimits counts.
TreeSize tree_size(const std::string& html) {
  auto document = tracker::extract::HtmlDocument::parse(html, {}, {1'000'000, 1'000'000});
  REQUIRE(document);
  TreeSize size;
  xmlNode* root = document->root();
  for (xmlNode* at = root; at != nullptr; at = tracker::extract::dom::next_in_order(at, root)) {
    if (tracker::extract::dom::is_element(at)) {
      ++size.elements;
      std::size_t depth = 0;
      for (xmlNode* up = at; up != nullptr && up->type == XML_ELEMENT_NODE; up = up->parent) {
        ++depth;
      }
      size.depth = std::max(size.depth, depth);
    }
  }
  return size;
}

// Static pages and feeds on loopback (feeds/demo/serve.py over a temp folder), a tracker.toml
// whose [limits] each test sets, and the store beside them.
class LimitsSite {
 public:
  LimitsSite()
      : m_server({"/usr/bin/python3", (source_dir() / "feeds/demo/serve.py").string(),
                  (prepare() / "site").string(), (m_dir / "port").string()}) {
    m_base = tracker::test::loopback_base_from(m_dir / "port");
  }

  std::string url(const std::string& name) const { return m_base + "/" + name; }

  void page(const std::string& name, const std::string& html) { write_file(m_dir / "site" / name, html); }

  // An RSS feed `name` whose items link to `links`, each its own GUID.
  void feed(const std::string& name, const std::vector<std::string>& links) {
    std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + name +
                      "</title><link>" + m_base + "/</link><description>d</description>";
    for (const std::string& link : links) {
      xml += "<item><title>" + link + "</title><link>" + link + "</link><guid>" + link + "</guid></item>";
    }
    write_file(m_dir / "site" / name, xml + "</channel></rss>");
  }

  // Watches the feeds named (source name = feed file name) with `limits` as the [limits] table.
  void configure(const std::vector<std::string>& feeds, const std::string& limits) {
    std::string watch;
    for (const std::string& feed : feeds) {
      watch += "[[source]]\nname = \"" + feed + "\"\nurl = \"" + url(feed) + "\"\nkind = \"feed\"\n";
    }
    write_file(m_dir / "watch.toml", watch);
    write_file(m_dir / "tracker.toml",
               "watch = [\"watch.toml\"]\nstore = \"store/tracker.db\"\ntopics = \"" +
                   tracker::test::shipped_topics().string() + "\"\n[limits]\n" + limits);
  }

  ProcessResult run() {
    return run_tracker({"run", "--config", (m_dir / "tracker.toml").string(), "--all", "--color", "never"});
  }

  std::set<std::string> stored() const { return stored_urls(m_dir / "store/tracker.db"); }
  std::filesystem::path dir() const { return m_dir.path(); }

 private:
  const std::filesystem::path& prepare() {
    std::filesystem::create_directories(m_dir / "site");
    return m_dir.path();
  }

  TempDir m_dir;
  BackgroundProcess m_server;
  std::string m_base;
};

}  // namespace

// --- The pure core: just under and just over each limit. ---

TEST_CASE("a page with as many elements as max_dom_elements is read - one more is refused") {
  const std::string html = article_page(3, 2, 0, 40);
  const TreeSize size = tree_size(html);
  REQUIRE(size.elements > 40);
  tracker::extract::ExtractOptions options;
  options.dom_limits.max_elements = size.elements;
  auto within = tracker::extract::extract_article(html, options);
  REQUIRE(within);
  CHECK(within->blocks.size() >= 3);

  options.dom_limits.max_elements = size.elements - 1;
  auto over = tracker::extract::extract_article(html, options);
  REQUIRE_FALSE(over);
  CHECK(over.error().kind == tracker::extract::ExtractErrorKind::too_large);
  CHECK(over.error().dom_limit == tracker::extract::DomLimit::elements);
  CHECK(over.error().message ==
        "the page has more than " + std::to_string(size.elements - 1) + " elements");
}

TEST_CASE("a page nested as deep as max_dom_depth is read - one level deeper is refused") {
  const std::string html = article_page(3, 2, 30);
  const TreeSize size = tree_size(html);
  REQUIRE(size.depth > 30);
  tracker::extract::ExtractOptions options;
  options.dom_limits.max_depth = size.depth;
  auto within = tracker::extract::extract_article(html, options);
  REQUIRE(within);
  CHECK(within->text().find("report 2") != std::string::npos);

  options.dom_limits.max_depth = size.depth - 1;
  auto over = tracker::extract::extract_article(html, options);
  REQUIRE_FALSE(over);
  CHECK(over.error().dom_limit == tracker::extract::DomLimit::depth);
  CHECK(over.error().message ==
        "the page nests elements deeper than " + std::to_string(size.depth - 1) + " levels");
}

TEST_CASE("a depth limit above libxml2's own 256 keeps a deep article whole instead of cutting it") {
  const std::string html = article_page(3, 2, 300);
  // Without a depth limit of ours (so without HUGE), libxml2 stops building the tree at depth
  // 256, and the article below goes without a word: what the limit replaces with an error.
  auto cut = tracker::extract::extract_article(html);
  REQUIRE(cut);
  CHECK(cut->text().find("report 2") == std::string::npos);

  tracker::extract::ExtractOptions options;
  options.dom_limits.max_depth = 1000;
  auto article = tracker::extract::extract_article(html, options);
  REQUIRE(article);
  CHECK(article->text().find("report 2") != std::string::npos);
  CHECK(tree_size(html).depth > 300);
}

TEST_CASE("a page as deep as the highest max_dom_depth allowed (10000) is read without exhausting the stack") {
  const std::string html = article_page(3, 2, 9'990);
  tracker::extract::ExtractOptions options;
  options.dom_limits.max_depth = 10'000;
  auto article = tracker::extract::extract_article(html, options);
  REQUIRE(article);
  CHECK(article->text().find("report 2") != std::string::npos);
}

TEST_CASE("a document with max_sentences_per_page sentences gives its claims - one more is refused whole") {
  const tracker::claims::TopicLexicon lexicon;  // topics do not matter to the count
  tracker::claims::ClaimExtractor extractor(lexicon);
  const std::vector<std::string> paragraphs = {prose(0, 4), prose(1, 3)};  // 7 sentences
  auto within = extractor.extract(paragraphs, tracker::claims::ClaimLimits{7, {}});
  REQUIRE(within);
  REQUIRE(within->size() == 7);
  const std::vector<tracker::claims::Claim> unlimited = extractor.extract(paragraphs);
  REQUIRE(unlimited.size() == 7);  // the limit changes nothing under it
  for (std::size_t i = 0; i < 7; ++i) {
    CHECK((*within)[i].text == unlimited[i].text);
  }

  auto over = extractor.extract(paragraphs, tracker::claims::ClaimLimits{6, {}});
  REQUIRE_FALSE(over);
  CHECK(over.error().limit == 6);
  CHECK(over.error().message == "the text has more than 6 sentences");
}

// --- The fetcher's deadlines. ---

TEST_CASE("a transfer still going at its deadline comes back abandoned while the others finish") {
  TestHttpServer server;
  tracker::net::FetcherOptions options;
  options.max_retries = 0;
  tracker::net::Fetcher fetcher(options);
  tracker::net::FetchDeadlines deadlines;
  deadlines.all = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  const auto results = fetcher.fetch_all(
      {{server.url("/article"), {}, {}}, {server.url("/stall-once/fetcher"), {}, {}}}, deadlines);
  REQUIRE(results.size() == 2);
  CHECK(results[0].outcome == tracker::net::FetchOutcome::ok);
  CHECK(results[1].outcome == tracker::net::FetchOutcome::abandoned);
  CHECK(results[1].attempts == 1);  // it was sent, then cut off
  CHECK(results[1].body.empty());
  CHECK(std::string(tracker::net::describe(results[1].outcome)) == "abandoned");
}

TEST_CASE("a request whose own deadline has passed is abandoned without being sent") {
  TestHttpServer server;
  tracker::net::Fetcher fetcher(tracker::net::FetcherOptions{});
  tracker::net::FetchDeadlines deadlines;
  deadlines.each = {std::chrono::steady_clock::time_point::max(), std::chrono::steady_clock::now()};
  const auto results =
      fetcher.fetch_all({{server.url("/article"), {}, {}}, {server.url("/article"), {}, {}}}, deadlines);
  REQUIRE(results.size() == 2);
  CHECK(results[0].outcome == tracker::net::FetchOutcome::ok);
  CHECK(results[1].outcome == tracker::net::FetchOutcome::abandoned);
  CHECK(results[1].attempts == 0);
}

// --- Settings. ---

TEST_CASE("the [limits] keys for pages and runs are read, with defaults, and bad values name file and line") {
  TempDir dir;
  write_file(dir / "watch.toml", "[[source]]\nname = \"a\"\nurl = \"http://127.0.0.1:1/\"\n");
  write_file(dir / "tracker.toml", "watch = [\"watch.toml\"]\n");
  auto defaults = tracker::config::load_settings(dir / "tracker.toml");
  REQUIRE(defaults);
  CHECK(defaults->max_dom_elements == 200'000);
  CHECK(defaults->max_dom_depth == 256);
  CHECK(defaults->max_sentences_per_page == 5'000);
  CHECK(defaults->max_claims_per_run == 500'000);
  CHECK(defaults->source_timeout == std::chrono::minutes(10));
  CHECK(defaults->run_timeout == std::chrono::minutes(30));

  write_file(dir / "tracker.toml",
             "watch = [\"watch.toml\"]\n[limits]\nmax_dom_elements = 1000\nmax_dom_depth = 40\n"
             "max_sentences_per_page = 50\nmax_claims_per_run = 70\nsource_timeout = \"90s\"\n"
             "run_timeout = \"1h\"\n");
  auto set = tracker::config::load_settings(dir / "tracker.toml");
  REQUIRE(set);
  CHECK(set->max_dom_elements == 1000);
  CHECK(set->max_dom_depth == 40);
  CHECK(set->max_sentences_per_page == 50);
  CHECK(set->max_claims_per_run == 70);
  CHECK(set->source_timeout == std::chrono::seconds(90));
  CHECK(set->run_timeout == std::chrono::hours(1));

  const std::string file = (dir / "tracker.toml").string();
  write_file(dir / "tracker.toml", "watch = [\"watch.toml\"]\n[limits]\nmax_dom_depth = 20000\n");
  auto deep = tracker::config::load_settings(dir / "tracker.toml");
  REQUIRE_FALSE(deep);
  CHECK(deep.error() == file + ":3:17: 'max_dom_depth' must be a whole number from 1 to 10000");

  write_file(dir / "tracker.toml", "watch = [\"watch.toml\"]\n[limits]\nmax_claims_per_run = 0\n");
  auto none = tracker::config::load_settings(dir / "tracker.toml");
  REQUIRE_FALSE(none);
  CHECK(none.error().starts_with(file + ":3:22: 'max_claims_per_run' must be a whole number from 1"));

  write_file(dir / "tracker.toml", "watch = [\"watch.toml\"]\n[limits]\nrun_timeout = \"soon\"\n");
  auto soon = tracker::config::load_settings(dir / "tracker.toml");
  REQUIRE_FALSE(soon);
  CHECK(soon.error().starts_with(file + ":3:15: 'run_timeout': cannot read duration \"soon\""));

  write_file(dir / "tracker.toml", "watch = [\"watch.toml\"]\n[limits]\nrun_timout = \"1m\"\n");
  auto typo = tracker::config::load_settings(dir / "tracker.toml");
  REQUIRE_FALSE(typo);
  CHECK(contains(typo.error(), ":3:1: unknown key 'run_timout' (did you mean 'run_timeout'?)"));
}

// --- Through `tracker run`. ---

TEST_CASE("tracker run refuses a page over max_dom_elements or max_dom_depth, stores the others, and a higher limit stores it") {
  LimitsSite site;
  site.page("small.html", article_page(4, 2));
  site.page("wide.html", article_page(4, 2, 0, 3000));
  site.page("deep.html", article_page(4, 2, 120));
  site.feed("feed.xml", {site.url("small.html"), site.url("wide.html"), site.url("deep.html")});
  site.configure({"feed.xml"}, "max_dom_elements = 1000\nmax_dom_depth = 100\n");

  auto first = site.run();
  CHECK(first.exit_code == 0);  // page errors are warnings; the source itself worked
  CHECK(contains(first.err, site.url("wide.html") + ": the page has more than 1000 elements "
                            "(over [limits] max_dom_elements = 1000)"));
  CHECK(contains(first.err, site.url("deep.html") + ": the page nests elements deeper than 100 "
                            "levels (over [limits] max_dom_depth = 100)"));
  CHECK(site.stored() == std::set<std::string>{site.url("small.html")});

  site.configure({"feed.xml"}, "max_dom_elements = 10000\nmax_dom_depth = 200\n");
  auto second = site.run();
  CHECK(second.exit_code == 0);
  CHECK_FALSE(contains(second.err, "max_dom"));
  CHECK(site.stored() ==
        std::set<std::string>{site.url("small.html"), site.url("wide.html"), site.url("deep.html")});
}

TEST_CASE("tracker run refuses a page over max_sentences_per_page whole, and a higher limit stores it") {
  LimitsSite site;
  site.page("short.html", article_page(4, 2));
  site.page("long.html", article_page(20, 3));  // 60 sentences, and the heading
  site.feed("feed.xml", {site.url("short.html"), site.url("long.html")});
  site.configure({"feed.xml"}, "max_sentences_per_page = 30\n");

  auto first = site.run();
  CHECK(contains(first.err, site.url("long.html") +
                                ": the text has more than 30 sentences (over [limits] max_sentences_per_page = 30)"));
  CHECK(site.stored() == std::set<std::string>{site.url("short.html")});

  site.configure({"feed.xml"}, "max_sentences_per_page = 100\n");
  auto second = site.run();
  CHECK_FALSE(contains(second.err, "max_sentences_per_page"));
  CHECK(site.stored() == std::set<std::string>{site.url("short.html"), site.url("long.html")});
}

TEST_CASE("a gzip bomb through tracker run is a per-page error naming max_body_bytes - the other pages are stored") {
  LimitsSite site;
  TestHttpServer faults;
  site.page("fine.html", article_page(4, 2));
  site.feed("feed.xml", {site.url("fine.html"), faults.url("/gzip-bomb")});
  site.configure({"feed.xml"}, "max_body_bytes = 1000000\n");

  auto run = site.run();
  CHECK(run.exit_code == 0);
  CHECK(contains(run.err, faults.url("/gzip-bomb") + ": too large: body is larger than the limit of 1000000 "
                          "bytes (over [limits] max_body_bytes = 1000000)"));
  CHECK(site.stored() == std::set<std::string>{site.url("fine.html")});
}

TEST_CASE("once a run reaches max_claims_per_run the remaining pages are left, named, for the next run") {
  LimitsSite site;
  std::vector<std::string> pages;
  for (const char* name : {"a.html", "b.html", "c.html"}) {
    site.page(name, article_page(3, 2));  // 6 claims and the heading's
    pages.push_back(site.url(name));
  }
  site.feed("feed.xml", pages);
  site.configure({"feed.xml"}, "max_claims_per_run = 1\n");

  auto first = site.run();
  CHECK(first.exit_code == 6);
  CHECK(contains(first.err, "source 'feed.xml': the run reached [limits] max_claims_per_run = 1 claims: "
                            "2 pages left for the next run: "));
  const std::set<std::string> stored = site.stored();
  REQUIRE(stored.size() == 1);  // the first page in; the other two not touched
  for (const std::string& page : pages) {
    CHECK(contains(first.err, page) == (stored.count(page) == 0));
  }

  // The feed has not changed (a 304 if its validators were kept), yet the pages left are
  // fetched and stored: the source was marked to be read whole.
  site.configure({"feed.xml"}, "max_claims_per_run = 1000\n");
  auto second = site.run();
  CHECK(second.exit_code == 0);
  CHECK_FALSE(contains(second.err, "max_claims_per_run"));
  CHECK(site.stored() == std::set<std::string>(pages.begin(), pages.end()));
}

TEST_CASE("at run_timeout the transfers still going are abandoned and reported per source - the next run stores them") {
  LimitsSite site;
  TestHttpServer faults;
  site.page("fine.html", article_page(4, 2));
  const std::string stalled = faults.url("/stall-once/run-timeout");
  site.feed("feed.xml", {site.url("fine.html"), stalled});
  site.configure({"feed.xml"}, "run_timeout = \"3s\"\n");

  auto first = site.run();  // the stalled page would take a minute; the run gives up at 3s
  CHECK(first.exit_code == 6);
  CHECK(contains(first.err, "source 'feed.xml': the run went past [limits] run_timeout = 3s: 1 page left for "
                            "the next run: " + stalled));
  CHECK(site.stored() == std::set<std::string>{site.url("fine.html")});

  site.configure({"feed.xml"}, "run_timeout = \"10m\"\n");
  auto second = site.run();
  CHECK(second.exit_code == 0);
  CHECK_FALSE(contains(second.err, "run_timeout"));
  CHECK(site.stored() == std::set<std::string>{site.url("fine.html"), stalled});
}

TEST_CASE("a source past source_timeout gets the error and leaves its pages - the other sources are stored") {
  LimitsSite site;
  TestHttpServer faults;
  site.page("fine.html", article_page(4, 2));
  const std::string stalled = faults.url("/stall-once/source-timeout");
  site.feed("slow.xml", {stalled});
  site.feed("quick.xml", {site.url("fine.html")});
  site.configure({"slow.xml", "quick.xml"}, "source_timeout = \"3s\"\n");

  auto first = site.run();
  CHECK(first.exit_code == 6);
  CHECK(contains(first.err, "source 'slow.xml': the source went past [limits] source_timeout = 3s: 1 page "
                            "left for the next run: " + stalled));
  CHECK_FALSE(contains(first.err, "source 'quick.xml'"));
  CHECK(site.stored() == std::set<std::string>{site.url("fine.html")});

  site.configure({"slow.xml", "quick.xml"}, "source_timeout = \"10m\"\n");
  auto second = site.run();
  CHECK(second.exit_code == 0);
  CHECK(site.stored() == std::set<std::string>{site.url("fine.html"), stalled});
}
