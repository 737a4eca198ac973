// A story that goes away is a change of its own: tracker run against Debian's nginx, whose
// stories are deleted (404), marked gone (410) or sent to the front page by a redirect.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/listed_changes.h"
#include "support/nginx_server.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "tracker/pipeline/takedown.h"

using tracker::test::NginxServer;
using tracker::test::read_file;
using tracker::test::run_tracker;
using tracker::test::source_dir;

namespace {

// A missing story under /pulled/ is sent to the front page, as outlets do; a story under
// /expired/ answers 410 when a ".gone" file sits beside it; anything else missing is a 404.
constexpr const char* k_site_rules =
    "location /pulled/ { error_page 404 = @front; }\n"
    "location @front { return 302 /; }\n"
    "location /expired/ { if (-f $request_filename.gone) { return 410; } }\n";

// Three stories in one feed, a front page, and a store, on nginx.
class VanishingSite {
 public:
  VanishingSite() : m_server(k_site_rules) {
    for (const char* story : {"world/kursk.html", "pulled/kursk.html", "expired/kursk.html"}) {
      publish(story, "v3-full.txt");
    }
    m_server.put("index.html", "<!doctype html><html><head><title>Front</title></head><body>"
                               "<h1>Today</h1><p>Many stories about many things today.</p></body></html>");
    std::string feed = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>News</title><link>" +
                       m_server.url("/") + "</link><description>d</description>\n";
    for (const char* link : {"/world/kursk.html", "/pulled/kursk.html", "/expired/kursk.html"}) {
      feed += "<item><title>Kursk</title><link>" + m_server.url(link) + "</link></item>\n";
    }
    m_server.put("feed.xml", feed + "</channel></rss>\n");
    tracker::test::write_file(m_dir / "watch.toml", "[[source]]\nname = \"news\"\nurl = \"" +
                                                        m_server.url("/feed.xml") + "\"\nkind = \"feed\"\n");
  }

  // Puts version `name` (a snapshots/kursk text) on the site at `path`.
  void publish(const std::string& path, const std::string& name) {
    const auto rendered = m_dir / "rendered.html";
    auto result = tracker::test::run_process(
        {"/usr/bin/python3", (source_dir() / "feeds/demo/render_version.py").string(),
         (source_dir() / "snapshots/kursk" / name).string(), rendered.string()});
    REQUIRE(result.exit_code == 0);
    m_server.put(path, read_file(rendered));
  }

  void remove(const std::string& path) { std::filesystem::remove(m_server.docroot() / path); }

  tracker::test::ProcessResult run() {
    return run_tracker({"run", "--config", (m_dir / "watch.toml").string(), "--store", store(), "--all",
                        "--format", "json", "--color", "never"});
  }

  // Every stored change, in the order the runs stored them.
  nlohmann::json changes() const { return tracker::test::changes_as_stored(store()); }

  std::string url(const std::string& path) const { return m_server.url(path); }
  std::string store() const { return (m_dir / "tracker.db").string(); }
  NginxServer& server() { return m_server; }

 private:
  tracker::test::TempDir m_dir;
  NginxServer m_server;
};

// The changes of one kind.
std::vector<nlohmann::json> of_kind(const nlohmann::json& changes, const std::string& kind) {
  std::vector<nlohmann::json> found;
  for (const nlohmann::json& change : changes) {
    if (change["kind"] == kind) {
      found.push_back(change);
    }
  }
  return found;
}

}  // namespace

TEST_CASE("a story that answers 404 or 410, or is sent to the front page, is taken down once") {
  VanishingSite site;
  REQUIRE(site.run().exit_code == 0);
  const std::size_t first_run_changes = site.changes().size();

  site.remove("world/kursk.html");                          // 404
  site.remove("pulled/kursk.html");                         // 302 to the front page
  site.server().put("expired/kursk.html.gone", "");         // 410
  const auto gone = site.run();
  CAPTURE(gone.out);
  CAPTURE(gone.err);
  auto changes = site.changes();
  const auto taken_down = of_kind(changes, "taken_down");
  REQUIRE(taken_down.size() == 3);
  CHECK(changes.size() == first_run_changes + 3);  // the takedowns and nothing else
  std::vector<std::string> reasons;
  for (const nlohmann::json& change : taken_down) {
    CHECK(change["significance"] == "high");
    // The last version's headline is what went, with the topics of what it said.
    CHECK(change["old_text"].get<std::string>().find("Kursk") != std::string::npos);
    CHECK(change["new_text"].is_null());
    CHECK_FALSE(change["topics"].empty());
    reasons.push_back(change["detail"]["story"]["reason"].get<std::string>());
  }
  std::sort(reasons.begin(), reasons.end());
  CHECK(reasons[0] == "the page answers 404 Not Found");
  CHECK(reasons[1] == "the page answers 410 Gone");
  CHECK(reasons[2] == "the page now redirects to the site's front page (" + site.url("/") + ")");
  // The run's own report says so too, and the pages are not errors any more.
  CHECK(gone.out.find("taken_down") != std::string::npos);
  CHECK(gone.out.find("\"reason\": \"the page answers 404 Not Found\"") != std::string::npos);
  // Not among the page errors. (The output is parsed: a loopback port such as 40475 holds "404".)
  const auto report = nlohmann::json::parse(gone.out);
  CHECK(report["page_errors"].empty());
  // Every output says it in words: here `changes`, as the report, the feed and the e-mail do.
  auto listed = run_tracker({"changes", "--store", site.store()});
  CHECK(listed.out.find("The story was taken down: the page answers 410 Gone.") != std::string::npos);

  // Still gone at the next run: nothing new.
  REQUIRE(site.run().exit_code == 0);
  CHECK(site.changes().size() == changes.size());

  // The site's page of the story names the takedown as a version of its own.
  const auto pages = std::filesystem::path(site.store()).parent_path() / "site";
  auto written = run_tracker({"report", "--site", pages.string(), "--store", site.store()});
  REQUIRE(written.exit_code == 0);
  bool found = false;
  for (const auto& entry : std::filesystem::directory_iterator(pages)) {
    const std::string html = read_file(entry.path());
    if (entry.path().filename().string().starts_with("document-") &&
        html.find("/world/kursk.html") != std::string::npos) {
      found = true;
      CHECK(html.find("<strong>Version 2</strong> &middot; <time>") != std::string::npos);
      CHECK(html.find("taken down: the page answers 404 Not Found") != std::string::npos);
      CHECK(html.find("Version 2 against version 1") != std::string::npos);
    }
  }
  CHECK(found);

  // history shows the takedown as a version of its own.
  auto history = run_tracker({"history", site.url("/world/kursk.html"), "--store", site.store()});
  CHECK(history.exit_code == 0);
  CHECK(history.out.find("taken down: the page answers 404 Not Found\n") != std::string::npos);
}

TEST_CASE("a story that comes back is restored, and compared with its last version before the takedown") {
  VanishingSite site;
  REQUIRE(site.run().exit_code == 0);
  site.remove("world/kursk.html");
  site.run();
  const std::size_t before = site.changes().size();

  // Back, updated: v4 of the reviewed Kursk story (a troop rotation, a changed figure).
  site.publish("world/kursk.html", "v4-rotation.txt");
  REQUIRE(site.run().exit_code == 0);
  auto changes = site.changes();
  REQUIRE(changes.size() > before);
  const nlohmann::json& restored = changes[before];
  CHECK(restored["kind"] == "restored");
  CHECK(restored["significance"] == "medium");
  CHECK(restored["new_text"].get<std::string>().find("Kursk") != std::string::npos);
  // The rest are the claim changes against v3, not a whole story added from nothing.
  CHECK(of_kind(changes, "added").size() < 5);
  bool number_change = false;
  for (std::size_t i = before + 1; i < changes.size(); ++i) {
    CHECK(changes[i]["previous_snapshot_id"] == restored["previous_snapshot_id"]);
    for (const nlohmann::json& aspect : changes[i]["aspects"]) {
      number_change = number_change || aspect == "number";
    }
  }
  CHECK(number_change);

  // reprocess makes the same changes again, takedown and return included, and verify finds
  // nothing drifted in a store that holds a takedown.
  auto reprocess = run_tracker({"reprocess", "--store", site.store()});
  CAPTURE(reprocess.err);
  CHECK(reprocess.exit_code == 0);
  auto again = site.changes();
  REQUIRE(again.size() == changes.size());
  for (std::size_t i = 0; i < again.size(); ++i) {
    CHECK(again[i]["kind"] == changes[i]["kind"]);
    CHECK(again[i]["significance"] == changes[i]["significance"]);
  }
  auto verify = run_tracker({"verify", "--store", site.store()});
  CAPTURE(verify.out);
  CAPTURE(verify.err);
  CHECK(verify.exit_code == 0);
}

TEST_CASE("a page that was never stored still answers its 404 as an error") {
  VanishingSite site;
  site.remove("world/kursk.html");  // gone before tracker ever saw it
  const auto first = site.run();
  CHECK(first.err.find("404") != std::string::npos);
  CHECK(of_kind(site.changes(), "taken_down").empty());
}

namespace {

tracker::net::FetchResult answer(tracker::net::FetchOutcome outcome, long status, std::string landed = {}) {
  tracker::net::FetchResult result;
  result.outcome = outcome;
  result.status = status;
  result.effective_url = std::move(landed);
  return result;
}

}  // namespace

TEST_CASE("what counts as a takedown: 404, 410, a redirect to the front page or a section front") {
  using tracker::net::FetchOutcome;
  using tracker::pipeline::takedown_reason;
  const std::string story = "https://www.example.org/world/2026/12/kursk-troops.html";
  CHECK(takedown_reason(answer(FetchOutcome::http_error, 404), story) == "the page answers 404 Not Found");
  CHECK(takedown_reason(answer(FetchOutcome::http_error, 410), story) == "the page answers 410 Gone");
  // A server in trouble or a refused request says nothing about the story.
  CHECK_FALSE(takedown_reason(answer(FetchOutcome::http_error, 500), story));
  CHECK_FALSE(takedown_reason(answer(FetchOutcome::http_error, 403), story));
  CHECK_FALSE(takedown_reason(answer(FetchOutcome::timeout, 0), story));
  CHECK_FALSE(takedown_reason(answer(FetchOutcome::ok, 200), story));  // no redirect
  CHECK(takedown_reason(answer(FetchOutcome::ok, 200, "https://example.org/"), story) ==
        "the page now redirects to the site's front page (https://example.org/)");
  CHECK(takedown_reason(answer(FetchOutcome::ok, 200, "https://www.example.org/index.html?from=404"), story) ==
        "the page now redirects to the site's front page (https://www.example.org/index.html?from=404)");
  CHECK(takedown_reason(answer(FetchOutcome::ok, 200, "https://www.example.org/world/"), story) ==
        "the page now redirects to a section front (https://www.example.org/world/)");
  // A story that moved, to another path or another site, is not gone; nor is a slash added.
  CHECK_FALSE(takedown_reason(answer(FetchOutcome::ok, 200, "https://www.example.org/world/2026/12/kursk-troops-update.html"), story));
  CHECK_FALSE(takedown_reason(answer(FetchOutcome::ok, 200, "https://news.example.com/"), story));
  CHECK_FALSE(takedown_reason(answer(FetchOutcome::ok, 200, "https://www.example.org/world/2026/12/kursk-troops.html/"), story));
  CHECK_FALSE(takedown_reason(answer(FetchOutcome::ok, 200, "https://www.example.org/login?next=/world/"), story));
  // A front page watched as a page is not taken down by its own redirect to itself.
  CHECK_FALSE(takedown_reason(answer(FetchOutcome::ok, 200, "https://example.org/"), "https://example.org/index.html"));
}

TEST_CASE("a watched page that goes away is taken down too, and one never stored is only the source's failure") {
  VanishingSite site;
  tracker::test::TempDir dir;
  tracker::test::write_file(dir / "pages.toml", "[[source]]\nname = \"story\"\nurl = \"" + site.url("/world/kursk.html") +
                                                    "\"\nkind = \"page\"\n[[source]]\nname = \"never\"\nurl = \"" +
                                                    site.url("/world/never.html") + "\"\nkind = \"page\"\n");
  const std::string store = (dir / "pages.db").string();
  const auto run = [&] {
    return run_tracker({"run", "--config", (dir / "pages.toml").string(), "--store", store, "--all"});
  };
  auto first = run();
  CHECK(first.exit_code == 6);  // "never" fails
  site.remove("world/kursk.html");
  auto gone = run();
  CHECK(gone.exit_code == 6);   // both fail now, as sources
  CHECK(gone.out.find("HIGH taken_down") != std::string::npos);
  // The page never stored is named once, as its source's failure, not again as a page.
  std::size_t mentions = 0;
  for (std::size_t at = gone.err.find("'never'"); at != std::string::npos; at = gone.err.find("'never'", at + 1)) {
    ++mentions;
  }
  CAPTURE(gone.err);
  CHECK(mentions == 1);
  CHECK(gone.err.find("never.html") == std::string::npos);  // no page error besides
  auto listed = run_tracker({"changes", "--store", store, "--format", "json"});
  CHECK(of_kind(nlohmann::json::parse(listed.out), "taken_down").size() == 1);
}
