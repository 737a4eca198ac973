// import-opml writes only what tracker's loader accepts, escapes everything it writes, and
// says what it left out.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/text_search.h"
#include "tracker/cli/import_opml_command.h"
#include "tracker/cli/toml_text.h"
#include "tracker/config/settings.h"

using tracker::test::contains;
using tracker::test::count;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

std::string opml_of(const std::string& outlines) {
  return "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>t</title></head><body>" +
         outlines + "</body></opml>";
}

std::string outline(const std::string& title, const std::string& url) {
  return "<outline type=\"rss\" text=\"" + title + "\" xmlUrl=\"" + url + "\"/>";
}

}  // namespace

TEST_CASE("an OPML file name with a newline cannot add a key to the watch file") {
  TempDir dir;
  const std::string name = "x\nallow_file_urls = true\n#.opml";
  write_file(dir / name, opml_of(outline("A", "https://a.example/feed.xml")));
  const auto written =
      run_tracker({"import-opml", (dir / name).string(), "--output", (dir / "watch.toml").string()});
  REQUIRE_MESSAGE(written.exit_code == 0, written.err);
  const std::string text = read_file(dir / "watch.toml");
  CHECK_FALSE(contains(text, "\nallow_file_urls"));
  CHECK(contains(text, "# Imported from \"x\\u000Aallow_file_urls = true\\u000A#.opml\""));
  // tracker's own loader reads it, and allows no file: URLs.
  const auto settings = tracker::config::load_settings(dir / "watch.toml");
  REQUIRE_MESSAGE(settings, (settings ? "" : settings.error()));
  REQUIRE(settings->sources.size() == 1);
  CHECK_FALSE(settings->sources[0].allow_file);
}

TEST_CASE("import-opml skips subscriptions tracker would refuse, naming each, and keeps the rest") {
  TempDir dir;
  write_file(dir / "subs.opml",
             opml_of(outline("Good", "https://good.example/feed.xml") +
                     outline("Passwords", "file:///etc/passwd") +
                     outline("Script", "javascript:alert(1)") +
                     outline("Gopher", "gopher://old.example/1") +
                     outline("Spaces", "https://bad host.example/feed") +
                     outline("Quote &quot;&#10;x = 1", "https://quote.example/feed?a=&quot;b&quot;") +
                     outline("Also good", "http://also.example/rss")));
  const auto written =
      run_tracker({"import-opml", (dir / "subs.opml").string(), "--output", (dir / "watch.toml").string()});
  CAPTURE(written.err);
  REQUIRE(written.exit_code == 0);
  CHECK(contains(written.err, "tracker: warning: " + (dir / "subs.opml").string() +
                                  ": skipped the subscription \"Passwords\" (\"file:///etc/passwd\")"));
  CHECK(contains(written.err, "skipped the subscription \"Script\" (\"javascript:alert(1)\")"));
  CHECK(contains(written.err, "skipped the subscription \"Gopher\""));
  CHECK(contains(written.err, "skipped the subscription \"Spaces\""));
  CHECK(count(written.err, "skipped the subscription") == 4);

  const auto settings = tracker::config::load_settings(dir / "watch.toml");
  REQUIRE_MESSAGE(settings, (settings ? "" : settings.error()));
  REQUIRE(settings->sources.size() == 3);
  CHECK(settings->sources[0].url == "https://good.example/feed.xml");
  CHECK(settings->sources[1].url == "https://quote.example/feed?a=\"b\"");
  CHECK(settings->sources[1].name == "quote-x-1");
  CHECK(settings->sources[2].url == "http://also.example/rss");
}

TEST_CASE("import-opml with no subscription it can watch fails naming the file") {
  TempDir dir;
  write_file(dir / "bad.opml", opml_of(outline("Passwords", "file:///etc/passwd")));
  const auto written =
      run_tracker({"import-opml", (dir / "bad.opml").string(), "--output", (dir / "watch.toml").string()});
  CHECK(written.exit_code == 4);
  CHECK(contains(written.err, "tracker: error: " + (dir / "bad.opml").string() +
                                  ": none of its 1 subscriptions can be watched"));
  CHECK_FALSE(std::filesystem::exists(dir / "watch.toml"));
}

TEST_CASE("import-opml warns when an OPML file has more subscriptions than it imports") {
  TempDir dir;
  std::string outlines;
  for (int i = 0; i < 10'003; ++i) {
    outlines += outline("F", "https://f.example/" + std::to_string(i));
  }
  write_file(dir / "big.opml", opml_of(outlines));
  const auto written = run_tracker({"import-opml", (dir / "big.opml").string()});
  CHECK(written.exit_code == 0);
  CHECK(contains(written.err, "tracker: warning: " + (dir / "big.opml").string() +
                                  ": only the first 10000 subscriptions are imported; 3 more were left out"));
  CHECK(count(written.out, "[[source]]") == 10'000);
}

TEST_CASE("opml_watch_file escapes the origin and every value, and skips what it cannot watch") {
  const std::vector<tracker::syndication::OpmlOutline> outlines = {
      {"T", "https://a.example/\x7f\x01", "", {}}, {"U", "vbscript:x", "", {}}};
  const auto watch = tracker::cli::opml_watch_file(outlines, "15m", "a\"b\\c\n");
  CHECK(contains(watch.text, "# Imported from \"a\\\"b\\\\c\\u000A\" by tracker import-opml\n"));
  CHECK(watch.skipped.size() == 2);
  CHECK(watch.sources == 0);
}

TEST_CASE("opml_watch_file numbers feeds of one title on, past names another title took") {
  const std::vector<tracker::syndication::OpmlOutline> outlines = {
      {"News", "https://a.example/1", "", {}},
      {"News 2", "https://a.example/2", "", {}},
      {"News", "https://a.example/3", "", {}},
      {"News", "https://a.example/4", "", {}},
      {"News 2", "https://a.example/5", "", {}}};
  const auto watch = tracker::cli::opml_watch_file(outlines, "15m", "o.opml");
  // "news-2" is the second title's own slug, so the second "News" counts on to -3.
  const std::vector<std::string> expected = {"news", "news-2", "news-3", "news-4", "news-2-2"};
  std::size_t at = 0;
  for (const std::string& name : expected) {
    at = watch.text.find("name = '" + name + "'\n", at);
    CHECK_MESSAGE(at != std::string::npos, name);
  }
  CHECK(watch.sources == 5);
}

TEST_CASE("source names from titles keep their letters: accents are taken off, not the letters") {
  using tracker::cli::slug;
  CHECK(slug("Le Monde: À la une") == "le-monde-a-la-une");
  CHECK(slug("Süddeutsche Zeitung – Politik") == "suddeutsche-zeitung-politik");
  CHECK(slug("El País España") == "el-pais-espana");
  CHECK(slug("Straße ﬁnance") == "strasse-finance");
  CHECK(slug("Новости") == "feed");  // no Latin letters at all: the fallback
  CHECK(slug("bad \xff utf-8") == "bad-utf-8");  // not UTF-8: the ASCII letters still count
}

TEST_CASE("import-opml skips a feed another watch file has, and takes no name twice") {
  TempDir dir;
  std::filesystem::create_directories(dir / "feeds");
  write_file(dir / "feeds/asia.toml", "[[source]]\nname = \"le-monde\"\nurl = \"https://a.example/monde.xml\"\n");
  write_file(dir / "tracker.toml", "watch = [\"feeds/*.toml\"]\n");
  write_file(dir / "subs.opml",
             "<opml version=\"2.0\"><body>"
             "<outline title=\"Le Monde\" xmlUrl=\"https://a.example/monde.xml\"/>"
             "<outline title=\"Le Monde\" xmlUrl=\"https://b.example/monde-international.xml\"/>"
             "</body></opml>");
  const std::string config = (dir / "tracker.toml").string();
  auto imported = run_tracker({"import-opml", (dir / "subs.opml").string(), "--config", config, "--output",
                               (dir / "feeds/imported.toml").string()});
  CAPTURE(imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK(contains(imported.err, "(\"https://a.example/monde.xml\"): watched already as source 'le-monde' (" +
                                   (dir / "feeds/asia.toml").string() + ":1)"));
  const std::string written = read_file(dir / "feeds/imported.toml");
  CHECK(count(written, "[[source]]") == 1);
  CHECK(contains(written, "name = 'le-monde-2'"));
  // The whole configuration still loads: no feed and no name twice.
  CHECK(run_tracker({"status", "--config", config}).exit_code == 0);

  // Written over the watch file that has the feed, the feed is that file's to keep; the one
  // imported above is now the other file's.
  auto again = run_tracker({"import-opml", (dir / "subs.opml").string(), "--config", config, "--output",
                            (dir / "feeds/asia.toml").string()});
  CHECK(again.exit_code == 0);
  const std::string rewritten = read_file(dir / "feeds/asia.toml");
  CHECK(count(rewritten, "[[source]]") == 1);
  CHECK(contains(rewritten, "url = 'https://a.example/monde.xml'"));
  CHECK(contains(again.err, "watched already as source 'le-monde-2' (" + (dir / "feeds/imported.toml").string()));
  CHECK(run_tracker({"status", "--config", config}).exit_code == 0);
}

TEST_CASE("import-opml keeps a feed's folders as its tags, and an [[alert]] can name one") {
  TempDir dir;
  write_file(dir / "subs.opml",
             "<opml version=\"2.0\"><body>"
             "<outline text=\"World\"><outline title=\"Asia &amp; Pacific\">"
             "<outline title=\"Meridian\" xmlUrl=\"https://a.example/asia.xml\"/></outline>"
             "<outline title=\"Wire\" xmlUrl=\"https://b.example/wire.xml\"/></outline>"
             "<outline text=\"Wires\"><outline title=\"Wire\" xmlUrl=\"https://b.example/wire.xml\"/>"
             "<outline title=\"Bad\" xmlUrl=\"https://c.example/bad.xml\"/></outline>"
             "<outline title=\"Loose\" xmlUrl=\"https://d.example/loose.xml\"/>"
             "</body></opml>");
  auto imported = run_tracker({"import-opml", (dir / "subs.opml").string(), "--output",
                               (dir / "feeds.toml").string()});
  CAPTURE(imported.err);
  REQUIRE(imported.exit_code == 0);
  const std::string written = read_file(dir / "feeds.toml");
  CAPTURE(written);
  CHECK(count(written, "[[source]]") == 4);
  CHECK(contains(written, "name = 'meridian'\nurl = 'https://a.example/asia.xml'\nkind = \"feed\"\n"
                          "interval = '15m'\ntags = ['Asia & Pacific', 'World']\n"));
  // One feed in two folders: watched once, with the tags of both places.
  CHECK(count(written, "https://b.example/wire.xml") == 1);
  CHECK(contains(written, "name = 'wire'\nurl = 'https://b.example/wire.xml'\nkind = \"feed\"\n"
                          "interval = '15m'\ntags = ['Wires', 'World']\n"));
  CHECK_FALSE(contains(written.substr(written.find("name = 'loose'")), "tags"));

  // The written file loads, and a rule naming a folder covers the feeds in it.
  write_file(dir / "tracker.toml",
             "watch = [\"feeds.toml\"]\n[smtp]\nurl = \"smtp://127.0.0.1:2525\"\nfrom = \"t@example.org\"\n"
             "[[alert]]\nto = \"desk@example.org\"\nsources = \"Wires\"\n");
  auto settings = tracker::config::load_settings(dir / "tracker.toml");
  REQUIRE_MESSAGE(settings, (settings ? "" : settings.error()));
  REQUIRE(settings->alerts.size() == 1);
  CHECK(settings->alerts[0].matched_sources == std::vector<std::string>{"wire", "bad"});
}
