#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "tracker/alert/rules.h"
#include "tracker/config/alert_settings.h"
#include "tracker/config/log_settings.h"
#include "tracker/config/recheck_schedule.h"
#include "tracker/config/story_pins.h"
#include "tracker/net/address_policy.h"

namespace tracker::config {

enum class SourceKind { detect, feed, page };

// One watched source, from a `[[source]]` table of a watch file.
struct SourceConfig {
  std::string name;  // unique across all watch files
  std::string url;
  SourceKind kind = SourceKind::detect;
  std::chrono::seconds interval{15 * 60};
  std::vector<std::string> topics;  // empty: every topic matters
  // Labels that group sources ("ukraine", "wires"; an OPML folder), sorted, each once:
  // [[alert]] sources may name a tag for all the sources that carry it.
  std::vector<std::string> tags;
  bool allow_file = false;          // the watch file said allow_file_urls = true
  // Non-public addresses that this source's feed links may reach (see Settings::refuse_private_links).
  std::vector<net::AddressRange> allow_addresses;
  std::string origin;               // "feeds/kursk.toml:12", for messages
};

// A topic name as a [[source]] or [[alert]] wrote it: checked against the lexicon, which is
// known only once the settings are read (check_topic_names).
struct TopicMention {
  std::string name;
  std::string place;      // "feeds/asia.toml:7:12"
  bool in_alert = false;  // an [[alert]]'s (else a [[source]]'s)
};

constexpr std::size_t k_max_workers = 64;

// Everything `tracker run` needs to know, from a tracker.toml or a single watch file.
struct Settings {
  std::vector<SourceConfig> sources;
  std::filesystem::path store_path = "snapshots/tracker.db";
  std::filesystem::path topics_path;  // empty: the default lexicon
  std::string user_agent = "tracker/0.1 (+https://example.org/tracker)";
  std::size_t concurrency = 16;
  std::size_t per_host = 2;
  // Threads that extract, claim and diff arrived pages while the run fetches and stores:
  // 0 one per core, 1 none (all on the run's thread).
  std::size_t workers = 0;
  std::chrono::milliseconds host_delay{250};
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  std::size_t max_body_bytes = std::size_t{10} << 20;
  std::size_t max_items_per_feed = 50;
  // What one page or one run may grow to; past a limit the page or source gets an error that
  // names it. The defaults sit far above real news pages (a heavy one has some 5,000 elements
  // nested 30 deep and 300 sentences) and real runs, so that only hostile or broken input
  // meets them.
  std::size_t max_dom_elements = 200'000;
  std::size_t max_dom_depth = 256;  // libxml2's own cap, which would cut deeper pages silently
  std::size_t max_attributes_per_element = 1000;  // libxml2's work per element is quadratic in them
  std::size_t max_sentences_per_page = 5'000;
  std::size_t max_claims_per_run = 500'000;
  // Bytes a run may add to the store (each new snapshot's page, text and claims, counted
  // before compression), per source and in all: a feed adding huge pages every run cannot
  // fill the disk. A real source stores a few MB a run, a first run of hundreds of sources
  // some hundreds of MB.
  std::size_t max_stored_bytes_per_source_run = std::size_t{256} << 20;
  std::size_t max_stored_bytes_per_run = std::size_t{2} << 30;
  // Wall-clock budgets: a source's feed and pages from its first request, and the whole run
  // (storing included) from its start. Past one, transfers still going are abandoned and the
  // pages left are fetched next run. A cron run every 15 minutes over a few dozen feeds takes
  // seconds, and even a first run of hundreds of sources (50 pages each, 16 transfers at
  // once) a few minutes; ten and thirty minutes never bite such runs, yet a stalled source
  // cannot hold a run up for hours while the next cron runs wait for its lock.
  std::chrono::milliseconds source_timeout{10 * 60'000};
  std::chrono::milliseconds run_timeout{30 * 60'000};
  // [security]: links found in a feed fetched from a public address (or from a file) may not
  // lead to loopback, private, link-local or other non-public addresses, except those in
  // `allow_addresses` (here, or a source's own). A feed fetched only from non-public
  // addresses (every hop: redirects too) is inside already, and its links are not checked.
  bool refuse_private_links = true;
  std::vector<net::AddressRange> allow_addresses;
  // [[recheck]]: how often an article found in a feed is fetched again, by its age.
  RecheckSchedule recheck = RecheckSchedule::standard();
  LogSettings log;                        // [log]: the log file of unattended runs
  std::optional<SmtpConfig> smtp;         // the [smtp] table, from tracker.toml or a watch file
  std::vector<alert::AlertRule> alerts;  // every [[alert]] table
  std::vector<TopicMention> topic_mentions;  // every topic name of both, in file order
  std::vector<StoryPin> story_pins;          // every [[story]] table, in file order
  // `story_similarity`: how alike (above 0, at most 1) a document's names must be to a story's
  // for it to join it, in runs and in every command that reads stories; unset: the built-in
  // report::StoryOptions value.
  std::optional<double> story_similarity;
};

// Reads FILE: a tracker.toml (keys `watch`, `store`, `topics`, `user_agent`, `concurrency`,
// `per_host`, `workers`, `story_similarity`, `[limits]`, `[security]`, `[[recheck]]`, `[log]`,
// `[smtp]`, `[[alert]]`,
// `[[story]]`) whose `watch` globs name watch files, or a watch file itself (one or more
// `[[source]]` tables, and `[smtp]`, `[[alert]]`, `[[story]]`). Relative paths are relative to
// FILE's folder. Errors read "FILE:LINE:COLUMN: problem", with "did you mean" for mistyped keys.
tl::expected<Settings, std::string> load_settings(const std::filesystem::path& file);

// Adds the sources (and any [smtp] and [[alert]] tables) of one watch file to `settings`.
tl::expected<void, std::string> load_watch_file(const std::filesystem::path& file, Settings& settings);

// "250ms", "15m", "1h30m", "1s500ms", "2d" (units ms, s, m, h, d, combined; above zero);
// an error message for anything else.
tl::expected<std::chrono::milliseconds, std::string> parse_duration_ms(std::string_view text);

// The same in whole seconds (rounded down), for intervals and ages: at least "1s".
tl::expected<std::chrono::seconds, std::string> parse_duration(std::string_view text);

}  // namespace tracker::config
