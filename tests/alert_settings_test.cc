// [smtp] and [[alert]] in watch files and tracker.toml, and SMTP credentials.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cstdlib>

#include "support/paths.h"
#include "support/temp_dir.h"
#include "tracker/alert/rules.h"
#include "tracker/config/settings.h"

using namespace tracker::config;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

const std::string k_source = "[[source]]\nname = \"afp-asia\"\nurl = \"http://127.0.0.1:8080/feed.xml\"\n";
const std::string k_smtp = "[smtp]\nurl = \"smtp://127.0.0.1:2525\"\nfrom = \"tracker@example.org\"\n";

tl::expected<Settings, std::string> load(TempDir& dir, const std::string& text) {
  write_file(dir / "w.toml", text);
  return load_settings(dir / "w.toml");
}

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : m_name(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(m_name); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* m_name;
};

}  // namespace

TEST_CASE("a watch file's [smtp] and [[alert]] tables are read with their defaults") {
  TempDir dir;
  auto settings = load(dir, k_source + k_smtp + "starttls = \"required\"\ntimeout = \"20s\"\n" +
                                "[[alert]]\nto = [\"desk@example.org\", \"night@example.org\"]\n"
                                "topics = [\"casualties\", \"deployment\"]\nmin_significance = \"medium\"\n"
                                "sources = [\"afp-asia\"]\ndigest = true\n"
                                "[[alert]]\nto = \"chief@example.org\"\n");
  REQUIRE_MESSAGE(settings, (settings ? "" : settings.error()));
  REQUIRE(settings->smtp);
  CHECK(settings->smtp->server.url == "smtp://127.0.0.1:2525");
  CHECK(settings->smtp->server.from == "tracker@example.org");
  CHECK(settings->smtp->server.tls == tracker::alert::TlsMode::required);
  CHECK(settings->smtp->server.total_timeout == std::chrono::seconds(20));
  CHECK(settings->smtp->server.verify_tls);
  REQUIRE(settings->alerts.size() == 2);
  const auto& desk = settings->alerts[0];
  CHECK(desk.to == std::vector<std::string>{"desk@example.org", "night@example.org"});
  CHECK(desk.topics == std::vector<std::string>{"casualties", "deployment"});
  CHECK(desk.min_significance == tracker::diff::Significance::medium);
  CHECK(desk.sources == std::vector<std::string>{"afp-asia"});
  CHECK(desk.digest);
  const auto& chief = settings->alerts[1];
  CHECK(chief.to == std::vector<std::string>{"chief@example.org"});
  CHECK(chief.topics.empty());
  CHECK(chief.min_significance == tracker::diff::Significance::high);  // quiet unless asked
  CHECK_FALSE(chief.digest);
  CHECK(chief.origin == (dir / "w.toml").string() + ":15");  // its [[alert]] line
}

TEST_CASE("an [[alert]] with events is a figure-ledger rule, with its own identity") {
  TempDir dir;
  const std::string claims_rule = "[[alert]]\nto = [\"desk@example.org\"]\ntopics = [\"casualties\"]\n";
  auto settings = load(dir, k_source + k_smtp + claims_rule +
                                "[[alert]]\nto = [\"desk@example.org\"]\ntopics = [\"casualties\"]\n"
                                "events = [\"revised\", \"contradicted\"]\nmeasures = [\"killed\"]\n"
                                "search = \"kursk korea\"\n");
  REQUIRE_MESSAGE(settings, settings.error());
  REQUIRE(settings->alerts.size() == 2);
  const tracker::alert::AlertRule& claims = settings->alerts[0];
  const tracker::alert::AlertRule& figures = settings->alerts[1];
  CHECK_FALSE(claims.ledger());
  CHECK(figures.ledger());
  CHECK(figures.events == std::vector<std::string>{"revised", "contradicted"});
  CHECK(figures.measures == std::vector<std::string>{"killed"});
  CHECK(figures.search == "kursk korea");
  // Same addresses and topics, but one mails ledger events: two rules, two progresses.
  CHECK(tracker::alert::rule_key(claims) != tracker::alert::rule_key(figures));
  tracker::alert::AlertRule other_search = figures;
  other_search.search = "gaza";
  CHECK(tracker::alert::rule_key(other_search) != tracker::alert::rule_key(figures));
  tracker::alert::AlertRule reordered = figures;
  reordered.events = {"contradicted", "revised"};
  CHECK(tracker::alert::rule_key(reordered) == tracker::alert::rule_key(figures));
}

TEST_CASE("an [[alert]]'s story is a [[story]] pin's name or a document id, and is part of its identity") {
  TempDir dir;
  const std::string pin = "[[story]]\nname = \"kursk\"\nsearch = \"kursk\"\n";
  auto settings = load(dir, k_source + k_smtp + pin + "[[alert]]\nto = \"a@example.org\"\nstory = \"kursk\"\n" +
                                "[[alert]]\nto = \"a@example.org\"\nstory = 12\n[[alert]]\nto = \"a@example.org\"\n");
  REQUIRE_MESSAGE(settings, (settings ? "" : settings.error()));
  REQUIRE(settings->alerts.size() == 3);
  CHECK(settings->alerts[0].story == "kursk");
  CHECK(settings->alerts[1].story == "12");
  CHECK(settings->alerts[2].story.empty());
  // Naming a story makes another rule; a rule without one keeps its key.
  tracker::alert::AlertRule plain = settings->alerts[2];
  const std::string key = tracker::alert::rule_key(plain);
  plain.story = "kursk";
  CHECK(tracker::alert::rule_key(plain) != key);
  plain.story.clear();
  CHECK(tracker::alert::rule_key(plain) == key);

  auto unknown = load(dir, k_source + k_smtp + pin + "[[alert]]\nto = \"a@example.org\"\nstory = \"kursks\"\n");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().find("'story': no [[story]] is named 'kursks' (did you mean 'kursk'?)") != std::string::npos);
  for (const std::string bad : {"0", "-3", "true", "\"\"", "[\"kursk\"]"}) {
    CAPTURE(bad);
    auto refused = load(dir, k_source + k_smtp + pin + "[[alert]]\nto = \"a@example.org\"\nstory = " + bad + "\n");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().find("'story' must be a story's document id") != std::string::npos);
  }
}

TEST_CASE("smtps:// means TLS from the first byte") {
  TempDir dir;
  auto settings = load(dir, k_source + "[smtp]\nurl = \"smtps://mail.example.org\"\nfrom = \"t@example.org\"\n");
  REQUIRE(settings);
  CHECK(settings->smtp->server.tls == tracker::alert::TlsMode::implicit);
}

TEST_CASE("mistakes in [smtp] and [[alert]] name the file, the line and the problem") {
  TempDir dir;
  const std::string file = (dir / "w.toml").string();
  struct Case {
    std::string text;
    std::string error;
  };
  const Case cases[] = {
      {k_source + "[smtp]\nurl = \"http://mail\"\nfrom = \"t@example.org\"\n",
       file + ":5:7: 'url' must be smtp://HOST[:PORT] or smtps://HOST[:PORT]"},
      {k_source + "[smtp]\nurl = \"smtp://mail\"\n", file + ":4: [smtp] needs 'url' and 'from'"},
      {k_source + "[smtp]\nurl = \"smtp://mail\"\nfrom = \"tracker\"\n",
       file + ":6:8: 'from': \"tracker\" is not an email address (write name@example.org)"},
      {k_source + k_smtp + "password = \"hunter2\"\n",
       file + ":7:12: a password does not belong in a config file; set TRACKER_SMTP_PASSWORD or name a "
              "password_file only you can read"},
      {k_source + k_smtp + "starttl = \"required\"\n",
       file + ":7:1: unknown key 'starttl' (did you mean 'starttls'?)"},
      {k_source + k_smtp + "[[alert]]\nto = [\"desk@example.org\"]\nmin_significance = \"hight\"\n",
       file + ":9:20: 'min_significance' must be \"high\", \"medium\" or \"low\" (did you mean 'high'?)"},
      {k_source + k_smtp + "[[alert]]\nto = [\"desk@example.org\"]\nsources = [\"afp-asai\"]\n",
       file + ":7: 'sources': no source is named or tagged 'afp-asai' (did you mean 'afp-asia'?)"},
      {k_source + "tags = [\"asia\"]\n" + k_smtp + "[[alert]]\nto = [\"desk@example.org\"]\nsources = [\"asai\"]\n",
       file + ":8: 'sources': no source is named or tagged 'asai' (did you mean 'asia'?)"},
      {k_source + "tags = [\"asia\", \"\"]\n", file + ":4:8: 'tags': each tag must be 1 to 200 bytes on one line"},
      {k_source + "tags = [\"asia\\nwires\"]\n", file + ":4:8: 'tags': each tag must be 1 to 200 bytes on one line"},
      {k_source + k_smtp + "[[alert]]\ntopics = [\"casualties\"]\n",
       file + ":7: an [[alert]] needs 'to', the addresses to alert"},
      {k_source + k_smtp + "[[alert]]\nto = [\"desk@example.org\\r\\nBcc: x@evil.example\"]\n",
       file + ":8:7: 'to': \"desk@example.org\r\nBcc: x@evil.example\" is not an email address (write "
              "name@example.org)"},
      {k_source + "[[alert]]\nto = \"desk@example.org\"\n",
       file + ":4: [[alert]] needs an [smtp] table (url and from) to send from"},
      {k_source + k_smtp + "[[alert]]\nto = [\"desk@example.org\"]\nevents = [\"revized\"]\n",
       file + ":9:10: 'events': \"revized\" is not a ledger event (new-figure, corroborated, repeated, revised, "
              "contradicted); did you mean 'revised'?"},
      {k_source + k_smtp + "[[alert]]\nto = [\"desk@example.org\"]\nevents = []\n",
       file + ":9:10: 'events' must name at least one ledger event"},
      {k_source + k_smtp + "[[alert]]\nto = [\"desk@example.org\"]\nmeasures = [\"troops\"]\n",
       file + ":7: 'measures' and 'search' choose figure-ledger events; add 'events' (e.g. events = "
              "[\"new-figure\", \"revised\", \"contradicted\"])"},
      {k_source + k_smtp + "[[alert]]\nto = [\"desk@example.org\"]\nevents = [\"revised\"]\nmin_significance = \"high\"\n",
       file + ":7: 'min_significance' grades claim changes, and a rule with 'events' mails ledger events; use two "
              "[[alert]] tables"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto settings = load(dir, c.text);
    REQUIRE_FALSE(settings);
    CHECK(settings.error() == c.error);
  }
}

TEST_CASE("a tracker.toml's [smtp] serves the rules of its watch files - two [smtp] are refused") {
  TempDir dir;
  std::filesystem::create_directories(dir / "feeds");
  write_file(dir / "feeds/asia.toml", k_source + "[[alert]]\nto = \"desk@example.org\"\n");
  write_file(dir / "tracker.toml", "watch = [\"feeds/*.toml\"]\n" + k_smtp);
  auto settings = load_settings(dir / "tracker.toml");
  REQUIRE_MESSAGE(settings, (settings ? "" : settings.error()));
  CHECK(settings->smtp->origin == (dir / "tracker.toml").string() + ":2");
  CHECK(settings->alerts.size() == 1);

  write_file(dir / "feeds/asia.toml", k_source + k_smtp);
  auto twice = load_settings(dir / "tracker.toml");
  REQUIRE_FALSE(twice);
  CHECK(twice.error() == (dir / "feeds/asia.toml").string() + ":4:1: [smtp] is already set at " +
                             (dir / "tracker.toml").string() + ":2");
}

TEST_CASE("SMTP credentials come from the environment or a private password file, never shown") {
  TempDir dir;
  write_file(dir / "secret", "s3cret-pass\n");
  ::chmod((dir / "secret").c_str(), 0600);
  auto settings = load(dir, k_source + k_smtp + "username = \"alice\"\npassword_file = \"secret\"\n");
  REQUIRE(settings);
  auto resolved = smtp_with_credentials(*settings->smtp);
  REQUIRE(resolved);
  CHECK(resolved->username == "alice");
  CHECK(resolved->password == "s3cret-pass");
  {
    ScopedEnv user("TRACKER_SMTP_USER", "bob");
    ScopedEnv password("TRACKER_SMTP_PASSWORD", "from-env");
    auto from_env = smtp_with_credentials(*settings->smtp);
    REQUIRE(from_env);
    CHECK(from_env->username == "bob");
    CHECK(from_env->password == "from-env");
  }
  ::chmod((dir / "secret").c_str(), 0644);
  auto exposed = smtp_with_credentials(*settings->smtp);
  REQUIRE_FALSE(exposed);
  CHECK(exposed.error().find("can be read by others") != std::string::npos);
  CHECK(exposed.error().find("chmod 600") != std::string::npos);
  CHECK(exposed.error().find("s3cret") == std::string::npos);

  auto no_user = load(dir, k_source + k_smtp + "password_file = \"secret\"\n");
  ::chmod((dir / "secret").c_str(), 0600);
  REQUIRE(no_user);
  auto refused = smtp_with_credentials(*no_user->smtp);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().find("no user") != std::string::npos);
}

TEST_CASE("an [[alert]]'s sources may name a tag: it covers every source that carries it") {
  TempDir dir;
  const std::string sources =
      "[[source]]\nname = \"afp-asia\"\nurl = \"http://127.0.0.1:8080/a.xml\"\ntags = [\"asia\", \"wires\"]\n"
      "[[source]]\nname = \"reuters\"\nurl = \"http://127.0.0.1:8080/r.xml\"\ntags = \"wires\"\n"
      "[[source]]\nname = \"courier\"\nurl = \"http://127.0.0.1:8080/c.xml\"\n";
  auto settings = load(dir, sources + k_smtp +
                                "[[alert]]\nto = \"desk@example.org\"\nsources = [\"wires\", \"courier\"]\n"
                                "[[alert]]\nto = \"asia@example.org\"\nsources = \"asia\"\n");
  REQUIRE_MESSAGE(settings, (settings ? "" : settings.error()));
  CHECK(settings->sources[0].tags == std::vector<std::string>{"asia", "wires"});
  CHECK(settings->sources[1].tags == std::vector<std::string>{"wires"});  // one string is a list of one
  CHECK(settings->sources[2].tags.empty());
  const auto& desk = settings->alerts[0];
  CHECK(desk.sources == std::vector<std::string>{"wires", "courier"});  // as written: the rule's identity
  CHECK(desk.matched_sources == std::vector<std::string>{"afp-asia", "reuters", "courier"});
  CHECK(settings->alerts[1].matched_sources == std::vector<std::string>{"afp-asia"});

  tracker::store::Change change;
  change.significance = "high";
  CHECK(tracker::alert::rule_matches(desk, change, "reuters"));
  CHECK(tracker::alert::rule_matches(desk, change, "courier"));
  CHECK_FALSE(tracker::alert::rule_matches(settings->alerts[1], change, "reuters"));
}
