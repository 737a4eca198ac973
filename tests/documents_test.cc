// `tracker documents`, and `--document` / `--source` of `changes` and `report`: finding stored
// documents. The stores are written through the store API with known times (so the order is
// pinned), or by `tracker run` on the loopback demo site; the tracker binary reads them.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/days.h"
#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/text_search.h"
#include "tracker/cli/document_filter.h"
#include "tracker/store/sqlite_store.h"

using nlohmann::json;
using tracker::test::contains;
using tracker::test::count;
using tracker::test::DemoSite;
using tracker::test::run_tracker;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

namespace store = tracker::store;

using tracker::test::k_day;
constexpr store::UnixSeconds k_t0 = 1'739'260'800;  // 2025-02-11T08:00:00Z

struct StoredIds {
  store::DocumentId kursk = 0;     // afp; snapshots on days 1 and 3, one change on day 3
  store::DocumentId refinery = 0;  // reuters; one snapshot on day 2, one change
  store::DocumentId pending = 0;   // afp; seen on day 0, no snapshot yet
};

store::DocumentId add_document(store::SqliteStore& db, store::SourceId source,
                               const std::string& key, const std::string& url,
                               const std::string& title) {
  auto id = db.ensure_document({source, key, url, title, k_t0});
  REQUIRE(id);
  return *id;
}

store::SnapshotId add_snapshot(store::SqliteStore& db, store::DocumentId document,
                               store::UnixSeconds at, const std::string& text) {
  store::SnapshotInput version;
  version.fetched_at = at;
  version.http_status = 200;
  version.raw = "<p>" + text + "</p>";
  version.text = text;
  version.claims_json = "[]";
  auto id = db.add_snapshot(document, version);
  REQUIRE(id);
  REQUIRE(id->has_value());
  return **id;
}

void add_change(store::SqliteStore& db, store::DocumentId document, store::SnapshotId snapshot,
                store::UnixSeconds at, const std::string& new_text) {
  store::ChangeInput change;
  change.document_id = document;
  change.snapshot_id = snapshot;
  change.kind = "added";
  change.significance = "high";
  change.topics = {"deployment"};
  change.new_text = new_text;
  change.created_at = at;
  REQUIRE(db.add_changes({change}));
}

// Two sources and three documents with known times; the store is closed when this returns.
StoredIds write_store(const std::filesystem::path& path) {
  auto opened = store::SqliteStore::open(path);
  REQUIRE(opened);
  store::SqliteStore& db = **opened;
  auto afp = db.upsert_source("afp", "https://afp.example/feed.xml", "rss");
  auto reuters = db.upsert_source("reuters", "https://reuters.example/feed.xml", "rss");
  REQUIRE(afp);
  REQUIRE(reuters);
  StoredIds ids;
  ids.kursk = add_document(db, *afp, "afp-1", "https://afp.example/world/kursk-troops",
                           "North Korean troops in Kursk");
  ids.refinery =
      add_document(db, *reuters, "https://reuters.example/ukraine-refinery/",
                   "https://reuters.example/ukraine-refinery/", "Ukraine's drones hit a refinery");
  ids.pending = add_document(db, *afp, "afp-2", "https://afp.example/world/ceasefire", "");
  add_snapshot(db, ids.kursk, k_t0 + k_day, "More than 10,000 troops.");
  const store::SnapshotId second =
      add_snapshot(db, ids.kursk, k_t0 + 3 * k_day, "Some 12,000 troops.");
  add_change(db, ids.kursk, second, k_t0 + 3 * k_day, "Some 12,000 troops.");
  const store::SnapshotId refinery =
      add_snapshot(db, ids.refinery, k_t0 + 2 * k_day, "Drones hit it.");
  add_change(db, ids.refinery, refinery, k_t0 + 2 * k_day, "Drones hit it.");
  return ids;
}

std::vector<std::int64_t> listed_ids(const std::string& json_text) {
  std::vector<std::int64_t> ids;
  for (const json& document : json::parse(json_text)) {
    ids.push_back(document["id"].get<std::int64_t>());
  }
  return ids;
}

// An id as the text listing right-aligns it.
std::string padded_id(std::int64_t id) {
  const std::string digits = std::to_string(id);
  return std::string(6 - digits.size(), ' ') + digits;
}

}  // namespace

TEST_CASE(
    "comparable_url ignores the scheme, host case, default port, trailing slash and fragment") {
  using tracker::cli::comparable_url;
  CHECK(comparable_url("https://Example.org/a/#top") == "//example.org/a");
  CHECK(comparable_url("http://example.org:80/a") == comparable_url("https://example.org:443/a/"));
  CHECK(comparable_url("https://example.org/") == comparable_url("http://example.org"));
  CHECK(comparable_url("https://example.org/a/?id=1") == "//example.org/a?id=1");
  // What does tell pages apart stays: path case, the query, another port.
  CHECK(comparable_url("https://example.org/A") != comparable_url("https://example.org/a"));
  CHECK(comparable_url("https://example.org/a?id=2") !=
        comparable_url("https://example.org/a?id=1"));
  CHECK(comparable_url("https://example.org:8443/a") != comparable_url("https://example.org/a"));
  // Not an http(s) URL: a feed GUID, compared as given.
  CHECK(comparable_url("urn:afp:Kursk-1/") == "urn:afp:Kursk-1/");
}

TEST_CASE("documents lists every stored document, newest activity first") {
  TempDir dir;
  const StoredIds ids = write_store(dir / "tracker.db");
  const std::string store_path = (dir / "tracker.db").string();

  SUBCASE("as JSON, with source, URL, counts and times") {
    const auto listed = run_tracker({"documents", "--store", store_path, "--format", "json"});
    REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
    const json list = json::parse(listed.out);
    REQUIRE(list.size() == 3);
    CHECK(listed_ids(listed.out) ==
          std::vector<std::int64_t>{ids.kursk, ids.refinery, ids.pending});
    CHECK(list[0]["title"] == "North Korean troops in Kursk");
    CHECK(list[0]["source"] == "afp");
    CHECK(list[0]["url"] == "https://afp.example/world/kursk-troops");
    CHECK(list[0]["key"] == "afp-1");
    CHECK(list[0]["snapshots"] == 2);
    CHECK(list[0]["changes"] == 1);
    CHECK(list[0]["first_seen"] == "2025-02-11T08:00:00Z");
    CHECK(list[0]["last_snapshot_at"] == "2025-02-14T08:00:00Z");
    CHECK(list[0]["last_change_at"] == "2025-02-14T08:00:00Z");
    CHECK(list[1]["source"] == "reuters");
    CHECK(list[1]["snapshots"] == 1);
    CHECK(list[1]["last_snapshot_at"] == "2025-02-13T08:00:00Z");
    CHECK(list[2]["snapshots"] == 0);
    CHECK(list[2]["changes"] == 0);
    CHECK(list[2]["last_snapshot_at"].is_null());
    CHECK(list[2]["last_change_at"].is_null());
  }

  SUBCASE("as text, two lines a document") {
    const auto listed = run_tracker({"documents", "--store", store_path});
    REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
    const std::string kursk = padded_id(ids.kursk);
    CHECK(listed.out.starts_with(
        kursk +
        "  2025-02-14T08:00:00Z  afp  2 snapshots  North Korean troops in Kursk\n"
        "        https://afp.example/world/kursk-troops\n"));
    CHECK(
        contains(listed.out,
                 "  2025-02-13T08:00:00Z  reuters  1 snapshot  Ukraine's drones hit a refinery\n"));
    // No snapshot: the time it was first seen, and a placeholder for the missing title.
    CHECK(contains(listed.out, "  2025-02-11T08:00:00Z  afp  0 snapshots  (no title)\n"));
    CHECK(count(listed.out, "\n") == 6);
  }
}

TEST_CASE("documents --source keeps one source's documents, and an unknown name is a usage error") {
  TempDir dir;
  const StoredIds ids = write_store(dir / "tracker.db");
  const std::string store_path = (dir / "tracker.db").string();

  const auto afp =
      run_tracker({"documents", "--store", store_path, "--source", "afp", "--format", "json"});
  REQUIRE_MESSAGE(afp.exit_code == 0, afp.err);
  CHECK(listed_ids(afp.out) == std::vector<std::int64_t>{ids.kursk, ids.pending});
  const auto reuters =
      run_tracker({"documents", "--store", store_path, "--source", "reuters", "--format", "json"});
  CHECK(listed_ids(reuters.out) == std::vector<std::int64_t>{ids.refinery});

  const auto typo = run_tracker({"documents", "--store", store_path, "--source", "reuter"});
  CHECK(typo.exit_code == 64);
  CHECK(typo.out.empty());
  CHECK(contains(typo.err, "--source 'reuter': no source 'reuter' in " + store_path +
                               " (did you mean 'reuters'?)"));
  const auto unknown = run_tracker({"documents", "--store", store_path, "--source", "bbc-world"});
  CHECK(unknown.exit_code == 64);
  CHECK(contains(unknown.err,
                 "no source 'bbc-world' in " + store_path + " (the sources there: afp, reuters)"));
  // Names are exact: a source is not found by its URL or another case.
  CHECK(run_tracker({"documents", "--store", store_path, "--source", "AFP"}).exit_code == 64);
}

TEST_CASE("--source may name a tag of the configuration: every source that carries it") {
  TempDir dir;
  const StoredIds ids = write_store(dir / "data" / "tracker.db");
  write_file(dir / "watch.toml",
             "[[source]]\nname = \"afp\"\nurl = \"https://afp.example/feed.xml\"\ntags = [\"wires\", \"europe\"]\n"
             "[[source]]\nname = \"reuters\"\nurl = \"https://reuters.example/feed.xml\"\ntags = \"wires\"\n");
  write_file(dir / "tracker.toml", "watch = [\"watch.toml\"]\nstore = \"data/tracker.db\"\n");
  const std::string config = (dir / "tracker.toml").string();
  const auto listed = [&](const std::string& command, const std::string& source) {
    return run_tracker({command, "--config", config, "--source", source, "--format", "json"});
  };

  const auto wires = listed("documents", "wires");
  REQUIRE_MESSAGE(wires.exit_code == 0, wires.err);
  CHECK(listed_ids(wires.out) == std::vector<std::int64_t>{ids.kursk, ids.refinery, ids.pending});
  const auto europe = listed("documents", "europe");
  CHECK(listed_ids(europe.out) == std::vector<std::int64_t>{ids.kursk, ids.pending});
  CHECK(listed("changes", "europe").exit_code == 0);  // every reading command takes it

  // A source's name wins over a tag; a typo of a tag is named with the likely one.
  CHECK(listed_ids(listed("documents", "reuters").out) == std::vector<std::int64_t>{ids.refinery});
  const auto typo = listed("documents", "wirse");
  CHECK(typo.exit_code == 64);
  CHECK(contains(typo.err, "--source 'wirse': no source 'wirse' in " + (dir / "data" / "tracker.db").string() +
                               ", nor a tag of " + config + " (did you mean 'wires'?)"));
  // Without a configuration, --store has no tags to read.
  CHECK(run_tracker({"documents", "--store", (dir / "data" / "tracker.db").string(), "--source", "wires"})
            .exit_code == 64);
}

TEST_CASE("documents --search needs every word, in the title or the URL, whatever the case") {
  TempDir dir;
  const StoredIds ids = write_store(dir / "tracker.db");
  const std::string store_path = (dir / "tracker.db").string();
  const auto search = [&](const std::string& words) {
    const auto listed =
        run_tracker({"documents", "--store", store_path, "--search", words, "--format", "json"});
    REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
    return listed_ids(listed.out);
  };
  using Ids = std::vector<std::int64_t>;
  CHECK(search("KURSK troops") == Ids{ids.kursk});
  CHECK(search("kursk-troops") == Ids{ids.kursk});        // punctuation reads as a space
  CHECK(search("ukraines drones") == Ids{ids.refinery});  // "Ukraine's"
  CHECK(search("ceasefire") == Ids{ids.pending});         // in the URL only
  CHECK(search("world") == Ids{ids.kursk, ids.pending});  // both URLs, newest first
  CHECK(search("kursk refinery").empty());                // each word, but in different documents
  CHECK(search("kursk").size() == 1);
  const auto none =
      run_tracker({"documents", "--store", store_path, "--search", "nothing-like-it"});
  CHECK(none.exit_code == 0);
  CHECK(none.out.empty());
  // With --source, both must hold.
  const auto both = run_tracker({"documents", "--store", store_path, "--source", "reuters",
                                 "--search", "world", "--format", "json"});
  CHECK(json::parse(both.out).empty());
}

TEST_CASE("documents and the other reading commands find their store by default, --store or --config") {
  TempDir dir;
  const StoredIds ids = write_store(dir / "data" / "tracker.db");

  const auto missing = run_tracker({"documents", "--store", (dir / "none.db").string()});
  CHECK(missing.exit_code == 2);  // as `history` exits for a missing store
  CHECK(contains(missing.err, "none.db"));
  CHECK_FALSE(std::filesystem::exists(dir / "none.db"));

  write_file(dir / "watch.toml",
             "[[source]]\nname = \"afp\"\nurl = \"https://afp.example/feed.xml\"\n");
  write_file(dir / "tracker.toml", "watch = [\"watch.toml\"]\nstore = \"data/tracker.db\"\n");
  const auto configured =
      run_tracker({"documents", "--config", (dir / "tracker.toml").string(), "--format", "json"});
  REQUIRE_MESSAGE(configured.exit_code == 0, configured.err);
  CHECK(listed_ids(configured.out) ==
        std::vector<std::int64_t>{ids.kursk, ids.refinery, ids.pending});

  const auto no_config = run_tracker({"documents", "--config", (dir / "nope.toml").string()});
  CHECK(no_config.exit_code == 2);
  CHECK(contains(no_config.err, "nope.toml"));
  const auto both = run_tracker({"documents", "--config", (dir / "tracker.toml").string(),
                                 "--store", (dir / "data" / "tracker.db").string()});
  CHECK(both.exit_code == 64);
  CHECK(contains(both.err, "--config"));

  // Every reading command takes the store of a configuration the same way.
  const std::string config = (dir / "tracker.toml").string();
  const auto history = run_tracker({"history", "afp-1", "--config", config, "--format", "json"});
  REQUIRE_MESSAGE(history.exit_code == 0, history.err);
  REQUIRE_FALSE(json::parse(history.out).empty());
  const std::string snapshot = std::to_string(json::parse(history.out)[0]["id"].get<std::int64_t>());
  CHECK(run_tracker({"show", snapshot, "--config", config}).exit_code == 0);
  const auto changes = run_tracker({"changes", "--config", config, "--format", "json"});
  REQUIRE_MESSAGE(changes.exit_code == 0, changes.err);
  CHECK(json::parse(changes.out).size() == 2);
  CHECK(run_tracker({"figures", "--config", config, "--format", "csv"}).exit_code == 0);
  CHECK(run_tracker({"report", "--config", config, "--html", (dir / "r.html").string()}).exit_code == 0);
  CHECK(std::filesystem::exists(dir / "r.html"));
  for (const std::string command : {"history", "show", "changes", "figures", "report"}) {
    CAPTURE(command);
    std::vector<std::string> args = {command};
    if (command == "history") {
      args.push_back("afp-1");
    } else if (command == "show") {
      args.push_back(snapshot);
    } else if (command == "report") {
      args.insert(args.end(), {"--html", (dir / "again.html").string()});
    }
    auto elsewhere = args;
    elsewhere.insert(elsewhere.end(), {"--config", (dir / "nope.toml").string()});
    const auto failed = run_tracker(elsewhere);
    CHECK(failed.exit_code == 2);
    CHECK(contains(failed.err, "nope.toml"));
    args.insert(args.end(), {"--config", config, "--store", (dir / "data" / "tracker.db").string()});
    CHECK(run_tracker(args).exit_code == 64);
  }
}

TEST_CASE("changes and report --document and --source keep those documents' changes") {
  TempDir dir;
  const StoredIds ids = write_store(dir / "tracker.db");
  const std::string store_path = (dir / "tracker.db").string();
  const auto changed_documents = [&](std::vector<std::string> filter) {
    std::vector<std::string> args = {"changes", "--store", store_path, "--format", "json"};
    args.insert(args.end(), filter.begin(), filter.end());
    const auto listed = run_tracker(args);
    REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
    std::vector<std::int64_t> documents;
    for (const json& change : json::parse(listed.out)) {
      documents.push_back(change["document_id"].get<std::int64_t>());
    }
    return documents;
  };
  using Ids = std::vector<std::int64_t>;
  REQUIRE(changed_documents({}) == Ids{ids.kursk, ids.refinery});  // newest change first

  SUBCASE("a document by id, key or any spelling of its URL") {
    CHECK(changed_documents({"--document", std::to_string(ids.kursk)}) == Ids{ids.kursk});
    CHECK(changed_documents({"--document", "afp-1"}) == Ids{ids.kursk});
    CHECK(changed_documents({"--document", "https://afp.example/world/kursk-troops"}) ==
          Ids{ids.kursk});
    CHECK(changed_documents({"--document", "http://afp.example/world/kursk-troops/"}) ==
          Ids{ids.kursk});
    // Stored with a trailing slash, asked for without one and over http.
    CHECK(changed_documents({"--document", "http://REUTERS.example/ukraine-refinery"}) ==
          Ids{ids.refinery});
    CHECK(
        changed_documents({"--document", std::to_string(ids.pending)}).empty());  // no changes yet
  }

  SUBCASE("a source by name, alone or with a document") {
    CHECK(changed_documents({"--source", "reuters"}) == Ids{ids.refinery});
    CHECK(changed_documents({"--source", "afp"}) == Ids{ids.kursk});
    CHECK(changed_documents({"--source", "afp", "--document", "afp-1"}) == Ids{ids.kursk});
    CHECK(changed_documents({"--source", "reuters", "--document", "afp-1"}).empty());
  }

  SUBCASE("an unknown document exits 66 naming it; an unknown source 64") {
    const auto document =
        run_tracker({"changes", "--store", store_path, "--document", "https://afp.example/nope"});
    CHECK(document.exit_code == 66);
    CHECK(document.out.empty());
    CHECK(contains(document.err,
                   "--document 'https://afp.example/nope': no document with id, URL or key "
                   "'https://afp.example/nope' in " +
                       store_path));
    CHECK(run_tracker({"changes", "--store", store_path, "--document", "999"}).exit_code == 66);
    const auto source = run_tracker({"changes", "--store", store_path, "--source", "apf"});
    CHECK(source.exit_code == 64);
    CHECK(contains(source.err, "(did you mean 'afp'?)"));
  }

  SUBCASE("the Atom feed holds only the document's changes, under an id of its own") {
    const auto all = run_tracker({"changes", "--store", store_path, "--format", "atom"});
    const auto one =
        run_tracker({"changes", "--store", store_path, "--format", "atom", "--document", "afp-1"});
    REQUIRE(all.exit_code == 0);
    REQUIRE(one.exit_code == 0);
    CHECK(count(all.out, "<entry>") == 2);
    CHECK(count(one.out, "<entry>") == 1);
    CHECK(contains(one.out, "Some 12,000 troops."));
    CHECK_FALSE(contains(one.out, "Drones hit it."));
    CHECK(contains(one.out, "tracker: claim changes (document afp-1)"));
    const auto feed_id = [](const std::string& feed) {
      const std::size_t start = feed.find("<id>");
      return feed.substr(start, feed.find("</id>", start) - start);
    };
    CHECK(feed_id(all.out) != feed_id(one.out));
  }

  SUBCASE("report takes the same options") {
    const auto afp =
        run_tracker({"report", "--html", "-", "--store", store_path, "--source", "afp"});
    REQUIRE_MESSAGE(afp.exit_code == 0, afp.err);
    CHECK(contains(afp.out, "1 change in 1 document &middot; source afp"));
    CHECK(contains(afp.out, "Some 12,000 troops."));
    CHECK_FALSE(contains(afp.out, "Drones hit it."));
    const auto refinery = run_tracker({"report", "--html", "-", "--store", store_path, "--document",
                                       std::to_string(ids.refinery)});
    CHECK(contains(refinery.out, "Drones hit it."));
    CHECK_FALSE(contains(refinery.out, "Some 12,000 troops."));
    CHECK(run_tracker({"report", "--html", "-", "--store", store_path, "--document", "nope"})
              .exit_code == 66);
    CHECK(run_tracker({"report", "--html", "-", "--store", store_path, "--source", "nope"})
              .exit_code == 64);
  }
}

TEST_CASE("documents and changes --document find what tracker run stored") {
  DemoSite site;
  site.publish("v3-full.txt");
  REQUIRE(site.run().exit_code == 6);  // the demo's "broken" source fails
  site.publish("v4-rotation.txt");
  REQUIRE(site.run().exit_code == 6);
  const std::string store_path = site.store().string();

  const auto listed = run_tracker({"documents", "--store", store_path, "--format", "json"});
  REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
  const json list = json::parse(listed.out);
  REQUIRE(list.size() == 1);
  CHECK(list[0]["source"] == "demo");
  CHECK(list[0]["url"] == site.base() + "/kursk.html");
  CHECK(list[0]["key"] == "kursk-1");
  CHECK(list[0]["snapshots"] == 2);
  CHECK(list[0]["changes"] == 3);
  CHECK(list[0]["last_change_at"] == list[0]["last_snapshot_at"]);

  // The run fetched it over http; asked for over https with a trailing slash, it is the same page.
  const std::string https_url = "https" + site.base().substr(4) + "/kursk.html/";
  const auto changes =
      run_tracker({"changes", "--store", store_path, "--format", "json", "--document", https_url});
  REQUIRE_MESSAGE(changes.exit_code == 0, changes.err);
  CHECK(json::parse(changes.out).size() == 3);
  const auto by_id = run_tracker({"changes", "--store", store_path, "--format", "json",
                                  "--document", std::to_string(list[0]["id"].get<std::int64_t>())});
  CHECK(json::parse(by_id.out).size() == 3);
  // The configured source that never stored anything is still a known source name.
  const auto broken =
      run_tracker({"changes", "--store", store_path, "--format", "json", "--source", "broken"});
  CHECK(broken.exit_code == 0);
  CHECK(json::parse(broken.out).empty());
}
