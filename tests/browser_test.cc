// The HTML report in a real browser: Debian's headless Chromium renders it, and a page whose
// stored texts carry script does not run any of it. CI installs chromium
// (scripts/install-deps.sh); a machine without it fails these tests rather than skip them.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/text_search.h"
#include "tracker/store/sqlite_store.h"

using nlohmann::json;
using tracker::test::contains;
using tracker::test::count;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

const std::filesystem::path k_chromium = "/usr/bin/chromium";

// Runs headless Chromium on `page` with `options`, in a fresh profile, with no network: every
// request goes to a proxy that is not there, and background services are off.
tracker::test::ProcessResult chromium(const std::filesystem::path& page,
                                      const std::vector<std::string>& options) {
  if (!std::filesystem::exists(k_chromium)) {
    FAIL("headless Chromium is missing (" << k_chromium.string()
                                          << "): install Debian's 'chromium' package, e.g. with "
                                             "scripts/install-deps.sh; these tests do not skip");
  }
  TempDir profile;
  std::vector<std::string> argv = {
      "/usr/bin/timeout", "120", k_chromium.string(), "--headless", "--disable-gpu",
      "--no-first-run", "--no-default-browser-check", "--disable-extensions",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--no-pings", "--proxy-server=http://127.0.0.1:9", "--hide-scrollbars",
      "--user-data-dir=" + profile.path().string(),
      // Lets timers and load events (an <img onerror>) run before the dump.
      "--virtual-time-budget=3000"};
  if (::geteuid() == 0) {
    argv.emplace_back("--no-sandbox");  // Chromium's sandbox refuses to run as root
  }
  argv.insert(argv.end(), options.begin(), options.end());
  argv.push_back("file://" + std::filesystem::absolute(page).string());
  auto result = tracker::test::run_process(argv);
  INFO(result.err);
  REQUIRE_MESSAGE(result.exit_code == 0, "chromium failed on " << page.string());
  return result;
}

// The DOM as Chromium has it after loading `page` and running whatever it would run.
std::string rendered_dom(const std::filesystem::path& page) {
  return chromium(page, {"--dump-dom"}).out;
}

// A store with two documents whose titles, URLs, source names and claims are script payloads.
void write_hostile_store(const std::filesystem::path& path) {
  using namespace tracker::store;
  auto opened = SqliteStore::open(path);
  REQUIRE_MESSAGE(opened, (opened ? "" : opened.error().message));
  SqliteStore& store = **opened;
  auto source = store.upsert_source("<script>document.title='PWNED'</script>",
                                    "https://example.org/feed.xml", "rss");
  REQUIRE(source);
  const std::vector<std::pair<std::string, std::string>> documents = {
      {"javascript:document.title='PWNED'", "<script>document.title='PWNED'</script> Kursk"},
      {"https://example.org/a\"><script>document.title='PWNED'</script>",
       "<img src=x onerror=\"document.title='PWNED'\"> troops"}};
  UnixSeconds now = 1'739'436'000;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    auto document = store.ensure_document(
        {*source, "key-" + std::to_string(i), documents[i].first, documents[i].second, now});
    REQUIRE(document);
    SnapshotInput first;
    first.fetched_at = now;
    first.http_status = 200;
    first.raw = "<p>one</p>";
    first.text = "one";
    first.claims_json = "[]";
    // Page fields come from the page too: a byline and a date that carry markup.
    first.fields.byline = "<script>document.title='PWNED'</script> Jane Roe";
    first.fields.modified = "<img src=x onerror=\"document.title='PWNED'\">";
    auto old_snapshot = store.add_snapshot(*document, first);
    REQUIRE((old_snapshot && *old_snapshot));
    SnapshotInput second = first;
    second.fetched_at = now + 60;
    second.text = "two";
    auto new_snapshot = store.add_snapshot(*document, second);
    REQUIRE((new_snapshot && *new_snapshot));
    ChangeInput modified;
    modified.document_id = *document;
    modified.snapshot_id = **new_snapshot;
    modified.previous_snapshot_id = **old_snapshot;
    modified.kind = "modified";
    modified.significance = "high";
    modified.topics = {"casualties"};
    modified.aspects = {"number"};
    modified.old_text = "Some 300 <img src=x onerror=\"document.title='PWNED'\"> were killed.";
    modified.new_text = "Some 400 <script>document.title='PWNED'</script> were killed.";
    modified.created_at = now + 60;
    ChangeInput added = modified;
    added.kind = "added";
    added.topics = {"<b>topic</b>"};
    added.old_text.reset();
    added.new_text = "<a href=\"javascript:document.title='PWNED'\">click</a> for more";
    REQUIRE(store.add_changes({modified, added}));
  }
}

// The demo's report stored, then its update (v3, then v4: the troop figure revised up).
void store_demo_update(tracker::test::DemoSite& site) {
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);  // the demo's "broken" source fails
  site.publish("v4-rotation.txt");
  REQUIRE(site.run().exit_code == 6);
}

}  // namespace

TEST_CASE("the browser check would notice a script that ran") {
  // Without this, a harness that never runs scripts would pass the tests below vacuously.
  TempDir dir;
  write_file(
      dir / "control.html",
      "<!DOCTYPE html><html><head><title>clean</title></head><body>"
      "<script>document.title='PWNED'</script>"
      "<img src=x onerror=\"document.body.setAttribute('data-pwned','yes')\"></body></html>");
  const std::string dom = rendered_dom(dir / "control.html");
  CHECK(contains(dom, "<title>PWNED</title>"));
  CHECK(contains(dom, "data-pwned=\"yes\""));
}

TEST_CASE("a report whose stored texts carry script runs none of it in Chromium") {
  TempDir dir;
  write_hostile_store(dir / "hostile.db");
  const auto written = run_tracker({"report", "--html", (dir / "report.html").string(), "--store",
                                    (dir / "hostile.db").string()});
  REQUIRE_MESSAGE(written.exit_code == 0, written.err);
  const std::string dom = rendered_dom(dir / "report.html");
  // No payload ran: the title is ours, and no element of the payloads exists.
  CHECK(contains(dom, "<title>tracker: claim changes</title>"));
  CHECK_FALSE(contains(dom, "<title>PWNED"));
  CHECK(count(dom, "<title>") == 1);
  CHECK_FALSE(contains(dom, "<script"));
  CHECK_FALSE(contains(dom, "<img"));
  CHECK_FALSE(contains(dom, "<b>"));
  CHECK_FALSE(contains(dom, "<a href=\"javascript:"));
  // The payloads are there as text, as a reader should see them (the DOM serialises text with
  // < > & escaped, quotes as they are).
  CHECK(contains(dom, "&lt;script&gt;document.title='PWNED'&lt;/script&gt; Kursk"));
  CHECK(contains(dom, "&lt;img src=x onerror=\"document.title='PWNED'\"&gt; troops"));
  CHECK(contains(dom, "&lt;script&gt;document.title='PWNED'&lt;/script&gt;</ins> were killed."));
  CHECK(contains(dom,
                 "&lt;a href=\"javascript:document.title='PWNED'\"&gt;click&lt;/a&gt; for more"));
  CHECK(contains(dom, "&lt;b&gt;topic&lt;/b&gt;"));
  // The http URL with a quote in it stays one attribute value: linked, not broken out of. (How
  // the DOM serialiser writes < and > inside it varies between Chromium versions.)
  const std::size_t link = dom.find("<a href=\"https://example.org/a&quot;");
  REQUIRE(link != std::string::npos);
  const std::size_t value_end = dom.find('"', link + 9);
  CHECK(std::string_view(dom).substr(value_end).starts_with("\" rel=\"noopener noreferrer\">"));
  CHECK(contains(dom.substr(link, value_end - link), "document.title='PWNED'"));
  // The javascript: URL is shown, not linked.
  CHECK(contains(dom, "javascript:document.title='PWNED'</p>"));
}

TEST_CASE("report --site: pages whose stored texts carry script run none of it, and link to each other") {
  TempDir dir;
  write_hostile_store(dir / "hostile.db");
  const auto site = dir / "site";
  const auto written =
      run_tracker({"report", "--site", site.string(), "--store", (dir / "hostile.db").string()});
  REQUIRE_MESSAGE(written.exit_code == 0, written.err);
  const std::string index = rendered_dom(site / "index.html");
  CHECK(contains(index, "<title>tracker: documents</title>"));
  CHECK(count(index, "<title>") == 1);
  CHECK_FALSE(contains(index, "<script"));
  CHECK_FALSE(contains(index, "<img"));
  CHECK(contains(index, "<a href=\"changes.html\">"));
  CHECK(contains(index, "<a href=\"document-1.html\">"));
  CHECK(contains(index, "<a href=\"document-2.html\">"));
  CHECK(contains(index, "&lt;script&gt;document.title='PWNED'&lt;/script&gt; Kursk"));

  const std::string page = rendered_dom(site / "document-1.html");
  CHECK(contains(page, "<title>tracker: &lt;script&gt;document.title='PWNED'&lt;/script&gt; Kursk</title>"));
  CHECK(count(page, "<title>") == 1);
  CHECK_FALSE(contains(page, "<script"));
  CHECK_FALSE(contains(page, "<img"));
  CHECK_FALSE(contains(page, "<a href=\"javascript:"));
  // Versions by number and time, never by the store's snapshot ids.
  CHECK(contains(page, "<strong>Version 1</strong>"));
  CHECK(contains(page, "<strong>Version 2</strong>"));
  CHECK(contains(page, "Version 2 against version 1"));
  CHECK_FALSE(contains(page, "snapshot"));
  CHECK(contains(page, "&lt;script&gt;document.title='PWNED'&lt;/script&gt;</ins> were killed."));
  // Each version says who it is by and when the page says it was modified, escaped.
  CHECK(contains(page, "by &lt;script&gt;document.title='PWNED'&lt;/script&gt; Jane Roe"));
  CHECK(contains(page, "modified <time>&lt;img src=x onerror="));
  CHECK(std::filesystem::exists(site / "changes.html"));
  CHECK(contains(index, "<a href=\"figures.html\">"));
  const std::string figures = rendered_dom(site / "figures.html");
  CHECK(contains(figures, "<title>tracker: figures</title>"));
  CHECK_FALSE(contains(figures, "<script"));
  CHECK_FALSE(contains(figures, "<img"));
  // The two titles share the payload's words (document, title, PWNED): one story, named by its
  // first document's title, escaped like every other.
  REQUIRE(contains(index, "<a href=\"story-1.html\">"));
  const std::string story = rendered_dom(site / "story-1.html");
  CHECK(contains(story, "<title>tracker: &lt;script&gt;document.title='PWNED'&lt;/script&gt; Kursk</title>"));
  CHECK(count(story, "<title>") == 1);
  CHECK_FALSE(contains(story, "<script"));
  CHECK_FALSE(contains(story, "<img"));
  CHECK(contains(story, "<a href=\"document-2.html\">"));
}

TEST_CASE("report --site: the figures page draws each measure's timeline as a step chart, with its table") {
  tracker::test::DemoSite site;
  store_demo_update(site);
  TempDir dir;
  const auto written = run_tracker({"report", "--site", (dir / "site").string(), "--store", site.store().string()});
  REQUIRE_MESSAGE(written.exit_code == 0, written.err);
  const std::string dom = rendered_dom(dir / "site" / "figures.html");
  CHECK_FALSE(contains(dom, "<script"));
  // The troop figure: one speaker, a step up from 10,000 to 12,000 drawn as one path with two
  // dots, and the table saying what the second figure did.
  // Its story (the demo's one document) heads its measures; a story of one document has no page
  // to link to.
  const std::size_t story = dom.find("<section class=\"story\"><h2>");
  REQUIRE(story != std::string::npos);
  CHECK_FALSE(contains(dom.substr(story, dom.find("</h2>", story) - story), "<a href"));
  const std::size_t troops = dom.find("<h3>troops</h3>");
  REQUIRE(troops != std::string::npos);
  CHECK(troops > story);
  const std::string section = dom.substr(troops, dom.find("</section>", troops) - troops);
  CHECK(contains(section, "latest <strong>some 12,000</strong>"));
  CHECK(count(section, "<svg") == 1);
  CHECK(count(section, "<path") == 1);
  CHECK(count(section, "<circle") == 2);
  CHECK(contains(section, "<title>some 12,000 \u2014 Western, South Korean and Ukrainian intelligence agencies, demo, "));
  CHECK(contains(section, "12,000</text>"));  // the value axis' top: the highest value
  CHECK(contains(section, "revised up: was more than 10,000 (Western, South Korean and Ukrainian intelligence agencies, demo)"));
  // The path steps up: its second level is higher on the page (a smaller y) than its first.
  const std::size_t d = section.find(" d=\"M");
  REQUIRE(d != std::string::npos);
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0, x3 = 0, y3 = 0;
  REQUIRE(std::sscanf(section.c_str() + d + 4, "M%lf %lf L%lf %lf L%lf %lf", &x1, &y1, &x2, &y2, &x3, &y3) == 6);
  CHECK(y2 == y1);
  CHECK(y3 < y1);
  CHECK(x3 == x2);
}

TEST_CASE("Chromium renders the report of the demo's update, changed words marked") {
  tracker::test::DemoSite site;
  store_demo_update(site);
  TempDir dir;
  const auto page = dir / "report.html";
  const auto written =
      run_tracker({"report", "--html", page.string(), "--store", site.store().string()});
  REQUIRE_MESSAGE(written.exit_code == 0, written.err);

  const std::string dom = rendered_dom(page);
  // The browser's parser built the structure the report meant: three side-by-side blocks,
  // the revised number marked on each side, the new claims marked as insertions.
  CHECK(count(dom, "<div class=\"sides\">") == 3);
  CHECK(contains(dom, "deployed <del>more than 10,000</del> troops"));
  CHECK(contains(dom, "deployed <ins>some 12,000</ins> troops"));
  CHECK(contains(
      dom, "<ins>Around 300 North Korean soldiers have been killed and 2,700 wounded in Kursk"));
  CHECK(contains(dom, "<h2>By topic</h2>"));
  CHECK(contains(dom, "<h2>Documents</h2>"));

  const auto shot = dir / "report.png";
  chromium(page, {"--screenshot=" + shot.string(), "--window-size=800,1000"});
  REQUIRE(std::filesystem::exists(shot));
  CHECK(std::filesystem::file_size(shot) > 10'000);
  const auto facts_run = tracker::test::run_process(
      {"/usr/bin/python3", (tracker::test::source_dir() / "tests/tools/png_facts.py").string(),
       shot.string()});
  REQUIRE_MESSAGE(facts_run.exit_code == 0, facts_run.err);
  const json facts = json::parse(facts_run.out);
  CHECK(facts["png"] == true);
  CHECK(facts["width"] == 800);
  CHECK(facts["height"] == 1000);
  // Text, badges and marks: many colours, and a fair share of the page is not background.
  CHECK(facts["colours"].get<int>() > 50);
  CHECK(facts["ink"].get<double>() > 0.02);
}
