// Crash consistency (issue 7): `tracker run` killed with SIGKILL at random moments, against a
// loopback news site whose pages change between runs and a loopback SMTP server. After every
// kill the store must be sound and read back whole, and the next run must complete; at the end
// every stored change must have been mailed once per rule. SMTP has no two-phase commit: a
// kill between the server's acceptance and the store's record sends that message again (the
// README says so), so a duplicate is allowed only when a kill landed right at its first copy.
#include <doctest/doctest.h>

#include <signal.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/paths.h"
#include "support/process.h"
#include "support/smtp_server.h"
#include "support/temp_dir.h"
#include "tracker/store/sha256.h"
#include "tracker/store/sqlite_store.h"

using tracker::test::BackgroundProcess;
using tracker::test::ProcessResult;
using tracker::test::ReceivedMail;
using tracker::test::run_process;
using tracker::test::run_tracker;
using tracker::test::SmtpServerOptions;
using tracker::test::TempDir;
using tracker::test::TestSmtpServer;
using tracker::test::write_file;

namespace {

// The SMTP server stamps receipts with Python's time.time(): kills are timed on the same clock.
using WallClock = std::chrono::system_clock;

// Under ASan+UBSan every run is several times slower, and the suite runs there for memory
// errors rather than for the spread of the kill moments: 20 kills there, 50 in the plain build.
#if defined(__SANITIZE_ADDRESS__)
constexpr int k_kills = 20;
#else
constexpr int k_kills = 50;
#endif
constexpr int k_feeds = 2;
constexpr int k_articles_per_feed = 4;
constexpr int k_new_article_every = 8;  // kills; the feed then changes too (a new item)
// A message may arrive twice when a kill lands this close to the server's receipt of its first
// copy: after the server took the whole message and before the store recorded it as sent.
constexpr double k_duplicate_window_seconds = 0.5;
constexpr const char* k_figure_sentence = "deployed more than 10,000 troops";

double unix_seconds(WallClock::time_point time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

// 12345 -> "12,345", as the page prints the troop figure.
std::string with_thousands(int number) {
  const std::string digits = std::to_string(number % 1000);
  return std::to_string(number / 1000) + "," + std::string(3 - digits.size(), '0') + digits;
}

std::string figure_sentence(int figure) {
  return "deployed more than " + with_thousands(figure) + " troops";
}

struct Article {
  int feed = 0;
  std::string key;   // the feed item's GUID: the document's key in the store
  std::string page;  // its file on the site
  int versions = 0;  // versions published so far
  int figure = 0;    // the troop figure the page shows now
};

// A loopback news site (feeds/demo/serve.py over a temp folder) with two feeds of articles, each
// a copy of the Kursk story whose troop figure changes with every version, and a tracker.toml
// watching both feeds with two [[alert]] rules (one message per new version; a digest) that
// take every change, sent to `smtp_url`.
class ChangingSite {
 public:
  explicit ChangingSite(const std::string& smtp_url)
      // The server's log takes the tracebacks Python prints when a killed run hangs up mid-page.
      : m_server({"/usr/bin/python3", (tracker::test::source_dir() / "feeds/demo/serve.py").string(),
                  (prepare() / "site").string(), (m_dir / "port").string()},
                 m_dir / "site-server.log") {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!std::filesystem::exists(m_dir / "port")) {
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    m_base = "http://127.0.0.1:" + tracker::test::read_file(m_dir / "port");
    const ProcessResult rendered =
        run_process({"/usr/bin/python3", (tracker::test::source_dir() / "feeds/demo/render_version.py").string(),
                     (tracker::test::source_dir() / "snapshots/kursk/v3-full.txt").string(),
                     (m_dir / "template.html").string()});
    REQUIRE_MESSAGE(rendered.exit_code == 0, rendered.err);
    m_template = tracker::test::read_file(m_dir / "template.html");
    REQUIRE(m_template.find(k_figure_sentence) != std::string::npos);

    std::string watch;
    for (int feed = 0; feed < k_feeds; ++feed) {
      watch += "[[source]]\nname = \"" + feed_name(feed) + "\"\nurl = \"" + m_base + "/" + feed_name(feed) +
               ".xml\"\ninterval = \"1h\"\n";
    }
    write_file(m_dir / "watch.toml", watch);
    write_file(
        m_dir / "tracker.toml",
        "watch = [\"watch.toml\"]\nstore = \"store/tracker.db\"\ntopics = \"" +
            tracker::test::shipped_topics().string() +
            "\"\nper_host = 4\n"
            "[limits]\nhost_delay = \"1ms\"\n"  // runs are short, kills spread over real work
            "[smtp]\nurl = \"" +
            smtp_url +
            "\"\nfrom = \"tracker@example.org\"\n"
            "[[alert]]\nto = [\"desk@example.org\"]\nmin_significance = \"low\"\n"
            "[[alert]]\nto = [\"digest@example.org\"]\nmin_significance = \"low\"\ndigest = "
            "true\n");
  }

  static std::string feed_name(int feed) { return feed == 0 ? "alpha" : "beta"; }

  // A new article, first version, listed in its feed.
  void add_article(int feed) {
    Article article;
    article.feed = feed;
    article.key = "story-" + std::to_string(m_articles.size());
    article.page = article.key + ".html";
    m_articles.push_back(article);
    publish(m_articles.size() - 1);
    write_feed(feed);
  }

  // The next version of article `index`: a new troop figure, so one changed claim.
  void publish(std::size_t index) {
    Article& article = m_articles[index];
    ++article.versions;
    article.figure = 11'000 + static_cast<int>(index) * 3'000 + article.versions * 7;
    std::string page = m_template;
    page.replace(page.find(k_figure_sentence), std::string(k_figure_sentence).size(),
                 figure_sentence(article.figure));
    write_file(m_dir / "site" / article.page, page);
    move_clock_on(m_dir / "site" / article.page);
  }

  std::vector<std::string> run_arguments() const {
    return {"run", "--config", (m_dir / "tracker.toml").string(), "--all", "--color", "never"};
  }
  ProcessResult run() const { return run_tracker(run_arguments()); }

  const std::vector<Article>& articles() const { return m_articles; }
  std::filesystem::path store() const { return m_dir / "store/tracker.db"; }
  std::filesystem::path dir() const { return m_dir.path(); }

 private:
  const std::filesystem::path& prepare() {
    std::filesystem::create_directories(m_dir / "site");
    return m_dir.path();
  }

  void write_feed(int feed) {
    std::string items;
    for (const Article& article : m_articles) {
      if (article.feed == feed) {
        items += "<item><title>Kursk, " + article.key + "</title><link>" + m_base + "/" + article.page +
                 "</link><guid isPermaLink=\"false\">" + article.key + "</guid></item>";
      }
    }
    const std::filesystem::path file = m_dir / "site" / (feed_name(feed) + ".xml");
    write_file(file, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + feed_name(feed) +
                         "</title><link>" + m_base + "/</link><description>d</description>" + items +
                         "</channel></rss>");
    move_clock_on(file);
  }

  // HTTP dates have whole seconds: every write moves the file's time 10 s on, so that
  // If-Modified-Since sees each new version however fast they come.
  void move_clock_on(const std::filesystem::path& file) {
    m_clock += std::chrono::seconds(10);
    std::filesystem::last_write_time(file, m_clock);
  }

  TempDir m_dir;
  std::filesystem::file_time_type m_clock = std::filesystem::file_time_type::clock::now();
  BackgroundProcess m_server;
  std::string m_base;
  std::string m_template;
  std::vector<Article> m_articles;
};

// The store file through SQLite itself, read-write as the next run opens it: a WAL left by a
// killed run is recovered on opening, which a read-only connection cannot do.
class RawStore {
 public:
  explicit RawStore(const std::filesystem::path& path) {
    sqlite3* raw = nullptr;
    const int opened = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
    m_db.reset(raw);
    REQUIRE(opened == SQLITE_OK);
  }

  // Every row of `sql`, each column as text (NULL as "").
  std::vector<std::vector<std::string>> rows(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    const int prepared = sqlite3_prepare_v2(m_db.get(), sql.c_str(), -1, &statement, nullptr);
    REQUIRE_MESSAGE(prepared == SQLITE_OK, sql, ": ", sqlite3_errmsg(m_db.get()));
    std::vector<std::vector<std::string>> out;
    int stepped = SQLITE_ROW;
    while ((stepped = sqlite3_step(statement)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        const unsigned char* text = sqlite3_column_text(statement, i);
        row.emplace_back(text == nullptr ? "" : reinterpret_cast<const char*>(text));
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(statement);
    REQUIRE_MESSAGE(stepped == SQLITE_DONE, sql, ": ", sqlite3_errmsg(m_db.get()));
    return out;
  }

  std::int64_t number(const std::string& sql) {
    const auto result = rows(sql);
    REQUIRE(result.size() == 1);
    return result[0][0].empty() ? 0 : std::stoll(result[0][0]);
  }

 private:
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> m_db{nullptr, sqlite3_close};
};

// What the store held after the last complete run.
struct Counts {
  std::int64_t snapshots = 0;
  std::int64_t outbox = 0;
  std::int64_t sent = 0;
  std::int64_t last_change = 0;
};

Counts count(RawStore& db) {
  return {db.number("SELECT count(*) FROM snapshots"), db.number("SELECT count(*) FROM outbox"),
          db.number("SELECT count(*) FROM outbox WHERE status = 'sent'"),
          db.number("SELECT coalesce(max(id), 0) FROM changes")};
}

// SQLite's own checks, and the invariants the run's transactions promise.
void check_sound(RawStore& db) {
  CHECK(db.rows("PRAGMA integrity_check") == std::vector<std::vector<std::string>>{{"ok"}});
  CHECK(db.rows("PRAGMA foreign_key_check").empty());
  // A snapshot and its changes are one transaction: no later version without its changes.
  CHECK(db.number("SELECT count(*) FROM snapshots s WHERE EXISTS (SELECT 1 FROM snapshots p "
                  "WHERE p.document_id = s.document_id AND p.id < s.id) AND NOT EXISTS "
                  "(SELECT 1 FROM changes c WHERE c.snapshot_id = s.id)") == 0);
  CHECK(db.number("SELECT count(*) FROM changes c WHERE c.previous_snapshot_id IS NULL") == 0);
}

// Every snapshot through the store API: its text against its hash, its raw page decompressed
// and checked against its own hash (raw_page does that). Returns how many were read.
std::size_t read_back_all_snapshots(const std::filesystem::path& path) {
  auto store = tracker::store::SqliteStore::open(path);
  REQUIRE_MESSAGE(store, store.error().message);
  RawStore db(path);
  std::size_t read = 0;
  for (const auto& row : db.rows("SELECT id FROM snapshots ORDER BY id")) {
    const std::int64_t id = std::stoll(row[0]);
    CAPTURE(id);
    auto snapshot = (*store)->snapshot(id);
    REQUIRE_MESSAGE(snapshot, snapshot.error().message);
    REQUIRE(snapshot->has_value());
    CHECK(tracker::store::sha256_hex((*snapshot)->text) == (*snapshot)->text_sha256);
    CHECK((*snapshot)->text.find("troops") != std::string::npos);
    auto raw = (*store)->raw_page(id);
    REQUIRE_MESSAGE(raw, raw.error().message);
    REQUIRE(raw->has_value());
    CHECK(static_cast<std::int64_t>((*raw)->size()) == (*snapshot)->raw_size);
    ++read;
  }
  return read;
}

// `tracker history` and `tracker show` on the latest stored version of `key`, as a user would
// look after a crash.
void check_cli_reads(const std::filesystem::path& store, const std::string& key) {
  const ProcessResult history = run_tracker({"history", key, "--store", store.string(), "--format", "json"});
  REQUIRE_MESSAGE(history.exit_code == 0, history.err);
  const auto listed = nlohmann::json::parse(history.out);
  REQUIRE_FALSE(listed.empty());
  const std::int64_t latest = listed.back()["id"].get<std::int64_t>();
  const ProcessResult shown =
      run_tracker({"show", std::to_string(latest), "--store", store.string(), "--format", "json"});
  REQUIRE_MESSAGE(shown.exit_code == 0, shown.err);
  const auto snapshot = nlohmann::json::parse(shown.out);
  CHECK(snapshot["text_sha256"] == listed.back()["text_sha256"]);
  CHECK(tracker::store::sha256_hex(snapshot["text"].get<std::string>()) == snapshot["text_sha256"]);
  const ProcessResult raw = run_tracker({"show", std::to_string(latest), "--store", store.string(), "--raw"});
  CHECK(raw.exit_code == 0);
  CHECK(tracker::store::sha256_hex(raw.out) == snapshot["raw_sha256"]);
}

// The Message-ID header of a received message (headers unfolded).
std::string message_id_of(const std::string& data) {
  const std::string headers = data.substr(0, data.find("\r\n\r\n"));
  std::string unfolded;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (headers.compare(i, 2, "\r\n") == 0 && i + 2 < headers.size() &&
        (headers[i + 2] == ' ' || headers[i + 2] == '\t')) {
      i += 1;  // a folded line goes on
      continue;
    }
    unfolded += headers[i];
  }
  std::istringstream lines(unfolded);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.size() > 11 && std::equal(line.begin(), line.begin() + 11, "message-id:", [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      const std::size_t start = line.find('<');
      const std::size_t end = line.find('>', start);
      if (start != std::string::npos && end != std::string::npos) {
        return line.substr(start, end - start + 1);
      }
    }
  }
  return {};
}

// Where in the run a kill landed, told from what the store and the SMTP server hold afterwards.
enum class Phase { starting, storing_pages, queueing, sending, after_sending, finished };
constexpr std::array<const char*, 6> k_phase_names = {
    "start-up and feeds (nothing stored yet)", "storing pages", "between pages and queue",
    "sending alerts", "after sending (exiting)", "run had finished"};

struct Kill {
  int iteration = 0;
  double before = 0;  // wall clock just before kill(2), and after the process was reaped
  double after = 0;
};

std::uint64_t seed_from_environment() {
  if (const char* given = std::getenv("TRACKER_CRASH_SEED"); given != nullptr && *given != '\0') {
    return std::stoull(given);
  }
  return std::random_device{}();
}

}  // namespace

TEST_CASE(
    "tracker run killed with SIGKILL at 50 random moments - 20 under sanitizers - loses nothing "
    "and alerts each change once") {
  const std::uint64_t seed = seed_from_environment();
  // The seed replays the page changes and the delays; where a kill lands still depends on the
  // machine's speed, so a replay hits the same phases, not the same instructions.
  std::cout << "crash consistency: seed " << seed << " (TRACKER_CRASH_SEED=" << seed << " replays it)\n";
  INFO("seed ", seed, " (set TRACKER_CRASH_SEED to replay)");
  std::mt19937_64 random(seed);

  SmtpServerOptions smtp_options;
  smtp_options.lifetime_seconds = 900;  // longer than the test under sanitizers
  TestSmtpServer smtp(smtp_options);
  ChangingSite site(smtp.url());
  for (int i = 0; i < k_feeds * k_articles_per_feed; ++i) {
    site.add_article(i % k_feeds);
  }
  const ProcessResult first = site.run();
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);  // first versions: no changes, no mail
  CHECK(smtp.received().empty());

  int changed_versions = 0;   // new versions of known articles: one message each
  int runs_with_changes = 0;  // one digest each
  const auto change_some = [&] {
    const std::size_t known = site.articles().size();
    std::uniform_int_distribution<std::size_t> how_many(1, (known + 1) / 2);
    std::vector<std::size_t> order(known);
    for (std::size_t i = 0; i < known; ++i) {
      order[i] = i;
    }
    std::shuffle(order.begin(), order.end(), random);
    const std::size_t changing = how_many(random);
    for (std::size_t i = 0; i < changing; ++i) {
      site.publish(order[i]);
    }
    changed_versions += static_cast<int>(changing);
    ++runs_with_changes;
    return changing;
  };

  // One unkilled run of the kind the loop kills, to learn how long a run takes here and when
  // in it the first message reaches the SMTP server.
  change_some();
  const auto started = WallClock::now();
  const ProcessResult measured = site.run();
  const auto run_time = std::chrono::duration_cast<std::chrono::microseconds>(WallClock::now() - started);
  REQUIRE_MESSAGE(measured.exit_code == 0, measured.err);
  const auto first_mails = smtp.received();
  REQUIRE_FALSE(first_mails.empty());
  const std::chrono::microseconds until_sending(std::clamp<std::int64_t>(
      static_cast<std::int64_t>((first_mails.front().received_at - unix_seconds(started)) * 1e6), 1,
      run_time.count()));
  std::cout << "crash consistency: an unkilled run takes " << run_time.count() / 1000 << " ms, "
            << until_sending.count() / 1000 << " ms of them before its first message is sent\n";

  Counts before;
  {
    RawStore db(site.store());
    before = count(db);
  }
  std::vector<Kill> kills;
  std::array<int, k_phase_names.size()> phases{};
  // Sending (one SMTP exchange per message) takes most of a run, so delays drawn over the whole
  // run alone would rarely land in fetching, storing or queueing: every other kill draws its
  // delay over the part of the run before sending instead.
  std::uniform_int_distribution<std::int64_t> whole_run(0, run_time.count());
  std::uniform_int_distribution<std::int64_t> before_sending(0, until_sending.count());
  for (int iteration = 0; iteration < k_kills; ++iteration) {
    CAPTURE(iteration);
    std::size_t new_snapshots = change_some();
    const std::int64_t new_messages = static_cast<std::int64_t>(new_snapshots) + 1;  // + the digest
    if (iteration % k_new_article_every == k_new_article_every - 1) {
      site.add_article(iteration % k_feeds);
      ++new_snapshots;
    }
    const std::chrono::microseconds delay(iteration % 2 == 0 ? whole_run(random) : before_sending(random));
    CAPTURE(delay.count());

    Kill kill;
    kill.iteration = iteration;
    int status = 0;
    {
      std::vector<std::string> argv = {tracker::test::tracker_binary().string()};
      const auto arguments = site.run_arguments();
      argv.insert(argv.end(), arguments.begin(), arguments.end());
      BackgroundProcess run(argv, site.dir() / "killed-run.log");
      std::this_thread::sleep_for(delay);
      kill.before = unix_seconds(WallClock::now());
      status = run.kill_and_wait(SIGKILL);
      kill.after = unix_seconds(WallClock::now());
    }
    // Killed, or done before the kill came; anything else is a failed run.
    CHECK_MESSAGE((status == -SIGKILL || status == 0), tracker::test::read_file(site.dir() / "killed-run.log"));
    kills.push_back(kill);

    // The store as the killed run left it.
    Phase phase = Phase::finished;
    {
      RawStore db(site.store());
      check_sound(db);
      const Counts now = count(db);
      const std::int64_t stored = now.snapshots - before.snapshots;
      const std::int64_t queued = now.outbox - before.outbox;
      CHECK(stored >= 0);
      CHECK(stored <= static_cast<std::int64_t>(new_snapshots));
      // The queue is one transaction with the rules' progress: all of the run's messages or none.
      CHECK((queued == 0 || queued == new_messages));
      const auto progress = db.rows("SELECT min(last_change_id), max(last_change_id) FROM alert_rules");
      REQUIRE(progress.size() == 1);
      const std::int64_t expected_progress = queued == 0 ? before.last_change : now.last_change;
      CHECK(std::stoll(progress[0][0]) == expected_progress);
      CHECK(std::stoll(progress[0][1]) == expected_progress);
      if (status == 0) {
        phase = Phase::finished;
      } else if (stored == 0) {
        phase = Phase::starting;
      } else if (stored < static_cast<std::int64_t>(new_snapshots)) {
        phase = Phase::storing_pages;
      } else if (queued == 0) {
        phase = Phase::queueing;
      } else if (now.sent < now.outbox) {
        phase = Phase::sending;
      } else {
        phase = Phase::after_sending;
      }
    }
    ++phases[static_cast<std::size_t>(phase)];
    read_back_all_snapshots(site.store());
    check_cli_reads(site.store(), site.articles()[static_cast<std::size_t>(iteration) % site.articles().size()].key);

    // The next run picks up where the killed one stopped. Exit 0, not 7: the SMTP server takes
    // every message, so nothing may stay queued (a kill leaves a message pending and due, never
    // deferred: only a failed attempt defers one).
    const ProcessResult next = site.run();
    CHECK_MESSAGE(next.exit_code == 0, next.err);
    RawStore db(site.store());
    check_sound(db);
    // Every article's current version is stored, once per version published.
    for (const Article& article : site.articles()) {
      CAPTURE(article.key);
      const auto latest = db.rows(
          "SELECT count(s.id), (SELECT text FROM snapshots WHERE document_id = d.id ORDER BY id DESC LIMIT 1) "
          "FROM documents d LEFT JOIN snapshots s ON s.document_id = d.id WHERE d.key = '" +
          article.key + "' GROUP BY d.id");
      // A feed item first listed this iteration must be stored by now, even when the kill
      // came after the killed run had recorded the feed: a 304 for the feed must not hide it.
      REQUIRE_MESSAGE(latest.size() == 1, "article ", article.key, " was never stored; the killed run ended in phase '",
                      std::string(k_phase_names[static_cast<std::size_t>(phase)]), "'; its feed's stored Last-Modified: ",
                      db.rows("SELECT last_status, last_modified FROM fetch_state WHERE url LIKE '%/" +
                              ChangingSite::feed_name(article.feed) + ".xml'")[0][1]);
      CHECK(std::stoi(latest[0][0]) == article.versions);
      CHECK(latest[0][1].find(figure_sentence(article.figure)) != std::string::npos);
    }
    CHECK(db.number("SELECT count(*) FROM outbox WHERE status != 'sent'") == 0);
    before = count(db);
  }

  // Every snapshot, after the last run too.
  CHECK(read_back_all_snapshots(site.store()) ==
        static_cast<std::size_t>(changed_versions) + site.articles().size());

  // Each stored change is in exactly one message of each rule, and every message was sent.
  RawStore db(site.store());
  std::map<std::string, std::map<std::int64_t, int>> covered;  // rule -> change -> messages
  std::map<std::string, std::vector<std::string>> recipients_of;
  std::map<std::int64_t, std::int64_t> snapshot_of_change;
  for (const auto& row : db.rows("SELECT id, snapshot_id FROM changes")) {
    snapshot_of_change[std::stoll(row[0])] = std::stoll(row[1]);
  }
  int version_messages = 0;
  int digests = 0;
  for (const auto& row : db.rows("SELECT message_id, rule_key, change_ids, status, recipients FROM outbox")) {
    const std::string& message_id = row[0];
    CAPTURE(message_id);
    CHECK(row[3] == "sent");
    recipients_of[message_id] = nlohmann::json::parse(row[4]).get<std::vector<std::string>>();
    std::set<std::int64_t> snapshots;
    for (const auto& change : nlohmann::json::parse(row[2])) {
      const std::int64_t id = change.get<std::int64_t>();
      ++covered[row[1]][id];
      snapshots.insert(snapshot_of_change.at(id));
    }
    if (message_id.find(".digest.") != std::string::npos) {
      ++digests;
    } else {
      ++version_messages;
      CHECK(snapshots.size() == 1);  // one message per new version
    }
  }
  CHECK(version_messages == changed_versions);
  CHECK(digests == runs_with_changes);
  REQUIRE(covered.size() == 2);  // the two rules
  for (const auto& [rule, changes] : covered) {
    CAPTURE(rule);
    CHECK(changes.size() == snapshot_of_change.size());
    for (const auto& [change, messages] : changes) {
      CAPTURE(change);
      CHECK(messages == 1);
      CHECK(snapshot_of_change.count(change) == 1);
    }
  }

  // The SMTP server got every message, to its recipients; a second copy only where a kill
  // landed right at the first one.
  std::map<std::string, std::vector<ReceivedMail>> arrived;
  for (ReceivedMail& mail : smtp.received()) {
    arrived[message_id_of(mail.data)].push_back(std::move(mail));
  }
  std::set<std::size_t> kills_used;
  std::string duplicate_kills;  // the iterations whose kills sent a message twice
  int duplicates = 0;
  for (const auto& [message_id, recipients] : recipients_of) {
    CAPTURE(message_id);
    const auto found = arrived.find(message_id);
    REQUIRE(found != arrived.end());
    const std::vector<ReceivedMail>& copies = found->second;
    CHECK(copies.size() <= 2);  // the run after a kill completes and records the message sent
    for (const ReceivedMail& copy : copies) {
      CHECK(copy.rcpt_tos == recipients);
      CHECK(copy.data == copies.front().data);  // the same message each time
    }
    if (copies.size() > 1) {
      ++duplicates;
      const double first_copy = copies.front().received_at;
      CAPTURE(first_copy);
      bool explained = false;
      for (std::size_t k = 0; k < kills.size() && !explained; ++k) {
        if (kills_used.count(k) == 0 && kills[k].before - k_duplicate_window_seconds <= first_copy &&
            first_copy <= kills[k].after + k_duplicate_window_seconds) {
          kills_used.insert(k);
          explained = true;
          duplicate_kills += (duplicate_kills.empty() ? "" : ", ") + std::to_string(kills[k].iteration);
        }
      }
      CHECK_MESSAGE(explained, "a message arrived twice with no kill near its first copy");
    }
  }
  for (const auto& [message_id, copies] : arrived) {
    CAPTURE(message_id);
    CHECK(recipients_of.count(message_id) == 1);  // nothing the outbox does not know
  }

  std::ostringstream summary;
  summary << "crash consistency: " << kills.size() << " kills (seed " << seed << "), landed in:";
  for (std::size_t i = 0; i < phases.size(); ++i) {
    summary << "\n  " << k_phase_names[i] << ": " << phases[i];
  }
  summary << "\n  " << recipients_of.size() << " alert messages for " << snapshot_of_change.size()
          << " changes; " << duplicates << " sent twice (by the kills of iteration(s) "
          << (duplicate_kills.empty() ? "none" : duplicate_kills) << ", within " << k_duplicate_window_seconds
          << " s of the first copy)\n";
  std::cout << summary.str();
  CHECK(phases[static_cast<std::size_t>(Phase::finished)] < k_kills);  // some kills hit a live run
}
