// Pages built to cost CPU rather than bytes: an element with a flood of attributes (libxml2's
// work on them is quadratic), a chain of hyphenated number words, and a page whose reading
// runs past the source's deadline. Each goes through `tracker run` against a loopback site;
// the pure core is checked too, where the deadline can be made to pass at a chosen point.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/store_checks.h"
#include "support/temp_dir.h"
#include "support/text_search.h"
#include "tracker/claims/claim_extractor.h"
#include "tracker/extract/attribute_scan.h"
#include "tracker/extract/extractor.h"
#include "tracker/pipeline/page_claims.h"

using tracker::test::BackgroundProcess;
using tracker::test::contains;
using tracker::test::ProcessResult;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::stored_urls;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

std::string page(const std::string& body) {
  return "<!DOCTYPE html><html><head><title>Report</title></head><body><article>" + body +
         "</article></body></html>";
}

// `count` sentences of news prose in paragraphs of 20.
std::string prose_page(std::size_t count) {
  std::string body = "<p>";
  for (std::size_t i = 0; i < count; ++i) {
    body += "Officials said that " + std::to_string(100 + i) + " troops moved near the border. ";
    if (i % 20 == 19) {
      body += "</p><p>";
    }
  }
  return page(body + "</p>");
}

// An article of `count` sentences (see prose_page) after a <div> with `attributes` attributes.
std::string attribute_page(std::size_t attributes) {
  std::string tag = "<div";
  for (std::size_t i = 0; i < attributes; ++i) {
    tag += " a" + std::to_string(i);
  }
  std::string html = prose_page(40);
  html.insert(html.find("<article>"), tag + "></div>");
  return html;
}

// Static pages and one feed linking to them on loopback (feeds/demo/serve.py), and a
// tracker.toml with the [limits] a test gives.
class HostileSite {
 public:
  HostileSite()
      : m_server({"/usr/bin/python3", (source_dir() / "feeds/demo/serve.py").string(),
                  (prepare() / "site").string(), (m_dir / "port").string()}) {
    m_base = tracker::test::loopback_base_from(m_dir / "port");
  }

  std::string url(const std::string& name) const { return m_base + "/" + name; }

  // Serves `html` as `name` and lists it in the feed.
  void page(const std::string& name, const std::string& html) {
    write_file(m_dir / "site" / name, html);
    m_items += "<item><title>" + name + "</title><link>" + url(name) + "</link><guid>" + url(name) +
               "</guid></item>";
    write_file(m_dir / "site/feed.xml",
               "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>" + m_base +
                   "/</link><description>d</description>" + m_items + "</channel></rss>");
  }

  ProcessResult run(const std::string& limits) {
    write_file(m_dir / "watch.toml", "[[source]]\nname = \"hostile\"\nurl = \"" + url("feed.xml") +
                                         "\"\nkind = \"feed\"\n");
    write_file(m_dir / "tracker.toml",
               "watch = [\"watch.toml\"]\nstore = \"store/tracker.db\"\ntopics = \"" +
                   tracker::test::shipped_topics().string() + "\"\n[limits]\n" + limits);
    return run_tracker({"run", "--config", (m_dir / "tracker.toml").string(), "--all", "--color", "never"});
  }

  std::set<std::string> stored() const { return stored_urls(m_dir / "store/tracker.db"); }

 private:
  const std::filesystem::path& prepare() {
    std::filesystem::create_directories(m_dir / "site");
    return m_dir.path();
  }

  TempDir m_dir;
  BackgroundProcess m_server;
  std::string m_base;
  std::string m_items;
};

}  // namespace

// --- Attributes. ---

TEST_CASE("an element with as many attributes as the limit is read - one more is refused before parsing") {
  tracker::extract::ExtractOptions options;
  options.dom_limits.max_attributes = 50;
  auto within = tracker::extract::extract_article(attribute_page(50), options);
  REQUIRE(within);
  CHECK(contains(within->text(), "139 troops"));

  auto over = tracker::extract::extract_article(attribute_page(51), options);
  REQUIRE_FALSE(over);
  CHECK(over.error().kind == tracker::extract::ExtractErrorKind::too_large);
  CHECK(over.error().dom_limit == tracker::extract::DomLimit::attributes);
  CHECK(over.error().message == "the page has a <div> element with more than 50 attributes");
}

TEST_CASE("the attribute scan reads tags as libxml2 does: quotes, raw text, comments, NUL bytes") {
  using tracker::extract::find_crowded_tag;
  CHECK_FALSE(find_crowded_tag("<p a='x > y' b=\"2\" c=3 d>", 4));
  REQUIRE(find_crowded_tag("<p a='x > y' b=\"2\" c=3 d e>", 4));
  CHECK(find_crowded_tag("<P a b c>", 2)->name == "p");
  CHECK(find_crowded_tag("x <br a b c/>", 2)->offset == 2);
  // Attribute-like words in a script are text to libxml2, up to the script's end tag.
  CHECK_FALSE(find_crowded_tag("<script>if (a<b c d e) {}</SCRIPT><p a>", 2));
  CHECK(find_crowded_tag("<script>x</script><p a b c>", 2)->name == "p");
  // libxml2 ends a tag at a NUL byte and reads on: a quote must not hide what follows.
  const std::string nul("<p a=\"\0\"><div a b c>", 21);
  CHECK(find_crowded_tag(nul, 2)->name == "div");
  // Comments are not skipped: a tag inside one still counts (libxml2 ends comments in ways a
  // scan could misjudge, and a false refusal needs a thousand words before a '>').
  CHECK(find_crowded_tag("<!-- <p a b c> -->", 2)->name == "p");
  // Attributes glued together after a quoted value are two, as libxml2 reads them.
  REQUIRE(find_crowded_tag("<p a=\"1\"b=\"2\">", 1));
  CHECK_FALSE(find_crowded_tag("</p a b c d>", 2));
}

TEST_CASE("tracker run refuses a page whose element has 100,000 attributes, naming it and the limit, and stores the others") {
  HostileSite site;
  site.page("fine.html", prose_page(40));
  site.page("flood.html", attribute_page(100'000));  // 0.7 MB; minutes of libxml2 time unbounded
  site.page("limit.html", attribute_page(1000));

  auto run = site.run("");
  CHECK(run.exit_code == 0);  // page errors are warnings; the source itself worked
  CHECK(contains(run.err, site.url("flood.html") + ": the page has a <div> element with more than 1000 "
                          "attributes (over [limits] max_attributes_per_element = 1000)"));
  CHECK(site.stored() == std::set<std::string>{site.url("fine.html"), site.url("limit.html")});

  HostileSite lower_site;
  lower_site.page("limit.html", attribute_page(1000));
  auto lower = lower_site.run("max_attributes_per_element = 999\n");
  CHECK(contains(lower.err, lower_site.url("limit.html") + ": the page has a <div> element with more than 999 "
                            "attributes (over [limits] max_attributes_per_element = 999)"));
}

// --- Hyphen chains. ---

TEST_CASE("tracker run stores a page of 1.4 MB of hyphenated number words with its claim") {
  HostileSite site;
  std::string chain;
  for (std::size_t i = 0; i < 200'000; ++i) {
    chain += "twenty-";
  }
  site.page("chain.html", page("<p>" + chain + "</p>"));

  auto run = site.run("");
  CHECK(run.exit_code == 0);
  CHECK(site.stored() == std::set<std::string>{site.url("chain.html")});
}

// --- Deadlines over CPU work. ---

TEST_CASE("a page is given up at the first check once its deadline has passed, at each stage of reading it") {
  const tracker::claims::TopicLexicon lexicon;
  tracker::claims::ClaimExtractor extractor(lexicon);
  tracker::pipeline::PageClaimsOptions options;
  options.url = "https://example.org/a.html";
  const std::string html = prose_page(600);  // 30 paragraphs: too few elements for a poll
  std::string spans;
  for (int i = 0; i < 2000; ++i) {
    spans += "<span>x</span>";
  }
  const std::string many_elements = page("<p>Officials said that 300 troops moved.</p>" + spans);

  std::size_t asked = 0;
  options.out_of_time = [&asked] { return ++asked > 0; };  // past already
  auto before = tracker::pipeline::read_page_claims(html, extractor, options);
  REQUIRE_FALSE(before);
  CHECK(before.error() == "https://example.org/a.html: out of time before parsing");

  asked = 0;
  options.out_of_time = [&asked] { return ++asked > 1; };  // passes while libxml2 parses
  auto parsing = tracker::pipeline::read_page_claims(many_elements, extractor, options);
  REQUIRE_FALSE(parsing);
  CHECK(parsing.error() == "https://example.org/a.html: out of time while parsing");

  // Through parsing (one poll before, one per 256 elements, one after), then some sentences.
  asked = 0;
  options.out_of_time = [&asked] { return ++asked > 100; };
  auto claims = tracker::pipeline::read_page_claims(html, extractor, options);
  REQUIRE_FALSE(claims);
  CHECK(claims.error() == "https://example.org/a.html: out of time reading claims");
  CHECK(asked == 101);

  options.out_of_time = [] { return false; };
  auto whole = tracker::pipeline::read_page_claims(html, extractor, options);
  REQUIRE(whole);
  CHECK(whole->claims.size() == 600);
}

TEST_CASE("a page whose reading runs past source_timeout is left for the next run, which stores it") {
  HostileSite site;
  // 3 MB of elements with 1000 attributes each: within every limit, yet seconds of libxml2
  // time (its work per element is quadratic in them), far past the half second given here.
  std::string tag = "<span";
  for (std::size_t i = 0; i < 1000; ++i) {
    tag += " a" + std::to_string(i);
  }
  tag += "></span>";
  std::string spans;
  while (spans.size() < (std::size_t{3} << 20)) {
    spans += tag;
  }
  // The article first, the crowded elements after it, outside the article.
  std::string heavy = prose_page(40);
  heavy.insert(heavy.find("</body>"), "<div>" + spans + "</div>");
  site.page("heavy.html", heavy);

  auto first = site.run("source_timeout = \"500ms\"\n");
  CHECK(first.exit_code == 6);
  CHECK(contains(first.err, "source 'hostile': the source went past [limits] source_timeout = 500ms: 1 page "
                            "left for the next run: " + site.url("heavy.html")));
  CHECK(site.stored().empty());

  auto second = site.run("source_timeout = \"10m\"\n");
  INFO(second.err);
  CHECK(second.exit_code == 0);
  CHECK(site.stored() == std::set<std::string>{site.url("heavy.html")});
}
