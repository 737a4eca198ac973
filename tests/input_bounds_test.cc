// What a person hands tracker (options, config files, topic lexicons, OPML, texts to compare)
// and what a feed or page names itself is bounded: nonsense is a clear error, not a huge read,
// an endless wait or a crash.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/text_search.h"
#include "tracker/config/config_file.h"
#include "tracker/config/settings.h"
#include "tracker/config/topics_file.h"
#include "tracker/extract/extractor.h"
#include "tracker/syndication/feed.h"
#include "tracker/text/utf8.h"

using tracker::test::contains;
using tracker::test::run_tracker;
using tracker::test::TempDir;
using tracker::test::write_file;

namespace {

// `parts` dotted parts: "a.a.a...".
std::string dotted_key(std::size_t parts) {
  std::string key = "a";
  for (std::size_t i = 1; i < parts; ++i) {
    key += ".a";
  }
  return key;
}

// A plain-text article of `sentences` sentences.
std::string long_text(std::size_t sentences) {
  std::string text;
  for (std::size_t i = 0; i < sentences; ++i) {
    text += "Officials said that " + std::to_string(100 + i) + " troops moved near the border. ";
  }
  return text + "\n";
}

}  // namespace

TEST_CASE("--max-page-bytes and --timeout refuse values that would mean no limit") {
  TempDir dir;
  write_file(dir / "page.html", "<html><body><p>Officials said that 300 troops moved.</p></body></html>");
  const std::string page = (dir / "page.html").string();
  for (const std::string bytes : {"-1", "0", "18446744073709551615", "99999999999999999999999", "1e9", "2147483648"}) {
    CAPTURE(bytes);
    const auto extracted = run_tracker({"extract", page, "--max-page-bytes", bytes});
    CHECK(extracted.exit_code == 64);
    CHECK(contains(extracted.err, "--max-page-bytes"));
    CHECK(contains(extracted.err, "must be a whole number of bytes from 1 to 1073741824"));
  }
  for (const std::string seconds : {"nan", "inf", "-1", "0", "1e10", "NaN"}) {
    CAPTURE(seconds);
    const auto extracted = run_tracker({"extract", page, "--timeout", seconds});
    CHECK(extracted.exit_code == 64);
    CHECK(contains(extracted.err, "--timeout"));
    CHECK(contains(extracted.err, "must be a number of seconds from 0.1 to 3600"));
  }
  // The bounds themselves are accepted (the page is too short to be an article: exit 3).
  CHECK(run_tracker({"extract", page, "--max-page-bytes", "1073741824", "--timeout", "0.5"}).exit_code == 3);
  CHECK(run_tracker({"extract", page, "--max-page-bytes", "1", "--timeout", "3600"}).exit_code == 4);
}

TEST_CASE("config, topic and OPML files larger than 16 MB are refused before they are read whole") {
  TempDir dir;
  const auto big = dir / "big.toml";
  write_file(big, "");
  std::filesystem::resize_file(big, tracker::config::k_max_config_file_bytes + 1);  // sparse
  const std::string path = big.string();
  const std::string message = path + ": larger than 16 MB, too large to be a configuration file";
  CHECK(tracker::config::load_settings(big).error() == message);
  CHECK(tracker::config::load_topics(big).error() == message);
  const auto opml = run_tracker({"import-opml", path});
  CHECK(opml.exit_code == 4);
  CHECK(contains(opml.err, "tracker: error: " + message));
  const auto run = run_tracker({"run", "--config", path});
  CHECK(contains(run.err, "tracker: error: " + message));
}

TEST_CASE("a device or a FIFO where a config, topic or OPML file belongs is refused without reading it") {
  TempDir dir;
  const auto fifo = dir / "pipe.toml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  for (const std::string& path : {std::string("/dev/zero"), fifo.string()}) {
    CAPTURE(path);
    const std::string message = path + ": is not a regular file (a device or a pipe?)";
    CHECK(tracker::config::load_settings(path).error() == message);
    CHECK(tracker::config::load_topics(path).error() == message);
    CHECK(contains(run_tracker({"run", "--config", path}).err, "tracker: error: " + message));
    CHECK(contains(run_tracker({"claims", "-", "--topics", path}, "Some text.\n").err, "tracker: error: " + message));
    const auto opml = run_tracker({"import-opml", path});
    CHECK(opml.exit_code == 4);
    CHECK(contains(opml.err, "tracker: error: " + message));
  }
}

TEST_CASE("a TOML key of tens of thousands of dotted parts is refused with file and line, not a crash") {
  TempDir dir;
  for (const std::string& text : {"x = 1\n" + dotted_key(40'000) + " = 1\n", "x = 1\n[" + dotted_key(40'000) + "]\n",
                                 "x = 1\n[[" + dotted_key(40'000) + "]]\n", "x = 1\ny = { " + dotted_key(40'000) + " = 1 }\n"}) {
    write_file(dir / "deep.toml", text);
    const std::string expected = (dir / "deep.toml").string() + ":2: a key with more than 128 dotted parts";
    CHECK(tracker::config::load_settings(dir / "deep.toml").error() == expected);
    CHECK(tracker::config::load_topics(dir / "deep.toml").error() == expected);
  }
  // Dots in strings, comments, floats and times are no key parts; a key of 128 parts is read.
  const std::string many_dots(5000, '.');
  const std::string fine = "# " + many_dots + "\nx = \"" + many_dots + "\"\ny = '''\n" + many_dots +
                           "\n'''\nz = [1.5, 2.5, 07:32:00.999]\n" + dotted_key(128) + " = 1\n";
  CHECK(tracker::config::parse_toml(fine, "fine.toml"));
  CHECK_FALSE(tracker::config::parse_toml(dotted_key(129) + " = 1\n", "over.toml"));
}

TEST_CASE("claims and diff refuse a text over the default max_sentences_per_page, as run does") {
  TempDir dir;
  write_file(dir / "long.txt", long_text(5001));
  write_file(dir / "short.txt", long_text(3));
  const std::string path = (dir / "long.txt").string();
  const std::string message = path + ": the text has more than 5000 sentences (over [limits] max_sentences_per_page = 5000)";
  const auto claims = run_tracker({"claims", path});
  CHECK(claims.exit_code == 4);
  CHECK(contains(claims.err, "tracker: error: " + message));
  CHECK(claims.out.empty());
  const auto diff = run_tracker({"diff", (dir / "short.txt").string(), path});
  CHECK(diff.exit_code == 2);
  CHECK(contains(diff.err, "tracker: error: " + message));
  write_file(dir / "limit.txt", long_text(5000));
  CHECK(run_tracker({"claims", (dir / "limit.txt").string()}).exit_code == 0);
}

TEST_CASE("a feed's and a page's megabyte titles are cut to 1000 characters at a character boundary") {
  std::string huge;
  while (huge.size() < 2'000'000) {
    huge += "\xC3\xA9t\xC3\xA9 ";  // "été ": two-byte characters, so a byte cut would split one
  }
  const std::string feed_xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + huge +
                               "</title><link>https://e.example/</link><item><title>" + huge +
                               "</title><link>https://e.example/a</link></item></channel></rss>";
  const auto feed = tracker::syndication::parse_feed(feed_xml, "https://e.example/feed", "");
  REQUIRE(feed);
  REQUIRE(feed->items.size() == 1);
  const std::string expected = tracker::text::truncate_chars(huge, 1000);
  CHECK(expected.size() < 2000);
  CHECK(expected.ends_with("\xE2\x80\xA6"));
  CHECK(expected.starts_with("\xC3\xA9t\xC3\xA9 \xC3\xA9t"));
  CHECK(feed->title == expected);
  CHECK(feed->items[0].title == expected);

  const std::string page = "<html><head><title>" + huge + "</title><meta property=\"og:site_name\" content=\"" + huge +
                           "\"></head><body><article><p>Officials said that 300 troops moved near the border "
                           "on Tuesday, according to the ministry.</p></article></body></html>";
  const auto article = tracker::extract::extract_article(page, {});
  REQUIRE(article);
  CHECK(article->metadata.title.size() <= 2003);
  CHECK(article->metadata.title.ends_with("\xE2\x80\xA6"));
  CHECK(article->metadata.site_name == expected);
  CHECK(tracker::text::truncate_chars("short", 1000) == "short");
  CHECK(tracker::text::truncate_chars("\xC3\xA9\xC3\xA9", 1) == "\xC3\xA9\xE2\x80\xA6");
}
