// Speed benchmark: claim extraction plus claim diff over many pairs of article versions, timed
// per pair in one process. bench/run_diff_speed.sh runs it next to two plain text diffs of the
// same pairs (bench/text_diff_baseline.py). See bench/README.md, "Claims and diff speed".
//
//     diff_speed [--rounds N] [--reps N] [--chunk-chars N] [--max-pairs N] [--json]
//                [--dump-pairs FILE] [--topics FILE] [--fixtures DIR] [--wikipedia FILE]
//
// The pairs:
//   - fixtures: every OLD NEW line of snapshots/kursk/pairs.txt, whole. A .txt file is read as
//     is; an .html page goes through extract_article (outside the timing), and its non-heading
//     blocks are joined with blank lines, which is the text `tracker diff` makes claims from.
//   - wikipedia: each pair of consecutive versions of each article of versions.jsonl.gz, both
//     cut to the first ~--chunk-chars characters at a paragraph boundary (0: whole versions).
//     Pairs whose two cut texts are identical are left out.
// Each pair is two strings. The timed work per pair starts from those strings, as a text diff
// does: plain_text_paragraphs on both, ClaimExtractor::extract on both, then diff_claims.

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/support/gzip_file.h"
#include "tracker/claims/claim.h"
#include "tracker/claims/claim_extractor.h"
#include "tracker/cli/cli11.h"
#include "tracker/cli/document_input.h"
#include "tracker/config/topics_file.h"
#include "tracker/diff/claim_diff.h"
#include "tracker/extract/extractor.h"

#ifndef TRACKER_BENCH_TOPICS
#error "the build must define TRACKER_BENCH_TOPICS (see bench/CMakeLists.txt)"
#endif
#ifndef TRACKER_BENCH_FIXTURES_DIR
#error "the build must define TRACKER_BENCH_FIXTURES_DIR (see bench/CMakeLists.txt)"
#endif
#ifndef TRACKER_BENCH_WIKIPEDIA
#error "the build must define TRACKER_BENCH_WIKIPEDIA (see bench/CMakeLists.txt)"
#endif

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

enum class Source { fixtures, wikipedia };
constexpr std::array<Source, 2> k_sources = {Source::fixtures, Source::wikipedia};

const char* source_key(Source source) {
  return source == Source::fixtures ? "fixtures" : "wikipedia";
}

struct Pair {
  Source source = Source::fixtures;
  std::string label;  // "v1-wire.txt -> v2-casualties.txt", "Military of Iraq 3->4"
  std::string old_text;
  std::string new_text;
  std::size_t chars = 0;  // Unicode code points of both texts, as Python's len() counts them
};

// Code points of UTF-8 text: every byte that is not a continuation byte.
std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// The first paragraphs of `text`, cut where a paragraph ends (the end of its last line, before
// a blank line or the end of the text; paragraphs as plain_text_paragraphs sees them). The cut
// is the paragraph end whose prefix is closest to `target` code points, the shorter on a tie,
// and never before the end of the first paragraph. `target` 0 keeps the whole text.
std::string cut_at_paragraph(std::string_view text, std::size_t target) {
  if (target == 0) {
    return std::string(text);
  }
  std::size_t best_cut = std::string_view::npos;  // byte offset
  std::size_t best_chars = 0;
  std::size_t last_line_end = 0;  // end of the last non-blank line seen
  bool in_paragraph = false;
  std::size_t pos = 0;
  const auto consider = [&](std::size_t cut) {
    const std::size_t chars = code_points(text.substr(0, cut));
    const auto distance = [&](std::size_t n) { return n > target ? n - target : target - n; };
    if (best_cut == std::string_view::npos || distance(chars) < distance(best_chars)) {
      best_cut = cut;
      best_chars = chars;
    }
    return chars >= target;  // no later cut can be closer
  };
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    if (is_blank(text.substr(pos, end - pos))) {
      if (in_paragraph && consider(last_line_end)) {
        break;
      }
      in_paragraph = false;
    } else {
      in_paragraph = true;
      last_line_end = end;
    }
    pos = end + 1;
  }
  if (in_paragraph) {
    consider(last_line_end);
  }
  return best_cut == std::string_view::npos ? std::string() : std::string(text.substr(0, best_cut));
}

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  out = std::move(text).str();
  return !in.bad();
}

// The text one fixture file gives the claim extractor, as one string whose blank-line-separated
// blocks are its paragraphs.
bool fixture_text(const fs::path& path, std::string& out) {
  std::string bytes;
  if (!read_file(path, bytes)) {
    std::fprintf(stderr, "diff_speed: cannot read %s\n", path.c_str());
    return false;
  }
  if (path.extension() != ".html") {
    out = std::move(bytes);
    return true;
  }
  auto article = tracker::extract::extract_article(bytes);
  if (!article) {
    std::fprintf(stderr, "diff_speed: %s: %s\n", path.c_str(), article.error().message.c_str());
    return false;
  }
  std::vector<std::string> paragraphs;
  for (const auto& block : article->blocks) {
    if (block.kind != tracker::extract::BlockKind::heading) {
      paragraphs.push_back(block.text);
    }
  }
  out.clear();
  for (const std::string& paragraph : paragraphs) {
    out += out.empty() ? "" : "\n\n";
    out += paragraph;
  }
  // The timed pass splits the joined text again; it must give back the same paragraphs.
  if (paragraphs.empty() || tracker::cli::plain_text_paragraphs(out) != paragraphs) {
    std::fprintf(stderr, "diff_speed: %s: extracted paragraphs do not survive joining\n",
                 path.c_str());
    return false;
  }
  return true;
}

bool load_fixture_pairs(const fs::path& dir, std::vector<Pair>& pairs) {
  std::string list;
  if (!read_file(dir / "pairs.txt", list)) {
    std::fprintf(stderr, "diff_speed: cannot read %s\n", (dir / "pairs.txt").c_str());
    return false;
  }
  std::istringstream lines(list);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string old_name;
    std::string new_name;
    if (!(fields >> old_name) || old_name.starts_with('#')) {
      continue;
    }
    if (!(fields >> new_name)) {
      std::fprintf(stderr, "diff_speed: pairs.txt: bad line '%s'\n", line.c_str());
      return false;
    }
    Pair pair;
    pair.source = Source::fixtures;
    pair.label = old_name + " -> " + new_name;
    if (!fixture_text(dir / old_name, pair.old_text) ||
        !fixture_text(dir / new_name, pair.new_text)) {
      return false;
    }
    pairs.push_back(std::move(pair));
  }
  return true;
}

bool load_wikipedia_pairs(const fs::path& path, std::size_t chunk_chars, std::vector<Pair>& pairs,
                          std::size_t& identical) {
  std::string data;
  std::string error;
  if (!tracker::test::read_gzip_file(path, data, error)) {
    std::fprintf(stderr, "diff_speed: %s: %s\n", path.c_str(), error.c_str());
    return false;
  }
  std::istringstream lines(std::move(data));
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(lines, line)) {
    ++line_number;
    if (is_blank(line)) {
      continue;
    }
    const nlohmann::json article = nlohmann::json::parse(line, nullptr, false);
    if (article.is_discarded() || !article.contains("versions") ||
        !article["versions"].is_array()) {
      std::fprintf(stderr, "diff_speed: %s:%zu: not an article object\n", path.c_str(),
                   line_number);
      return false;
    }
    const std::string title = article.value("title", std::string("?"));
    const nlohmann::json& versions = article["versions"];
    for (std::size_t v = 0; v + 1 < versions.size(); ++v) {
      Pair pair;
      pair.source = Source::wikipedia;
      pair.label = title + " " + std::to_string(v) + "->" + std::to_string(v + 1);
      pair.old_text = cut_at_paragraph(versions[v].get<std::string>(), chunk_chars);
      pair.new_text = cut_at_paragraph(versions[v + 1].get<std::string>(), chunk_chars);
      if (pair.old_text == pair.new_text) {
        ++identical;
        continue;
      }
      pairs.push_back(std::move(pair));
    }
  }
  return true;
}

bool dump_pairs(const fs::path& path, const std::vector<Pair>& pairs) {
  std::ofstream out(path, std::ios::binary);
  for (const Pair& pair : pairs) {
    const nlohmann::ordered_json row = {{"source", source_key(pair.source)},
                                        {"label", pair.label},
                                        {"old", pair.old_text},
                                        {"new", pair.new_text}};
    out << row.dump() << '\n';
  }
  out.close();
  if (!out) {
    std::fprintf(stderr, "diff_speed: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

// The work of one pair; the counts keep the compiler from dropping it and check that every
// repetition did the same work.
struct PairWork {
  std::size_t claims = 0;
  std::size_t changes = 0;
  std::size_t moved = 0;
  std::size_t unchanged = 0;
  bool operator==(const PairWork&) const = default;
};

struct PairTimes {
  double claims_seconds = 0.0;  // split + extract, both versions
  double diff_seconds = 0.0;    // diff_claims
};

// As `tracker diff` and `tracker run` do: the old version read through a memo of its paragraphs,
// which the new version reuses for those it did not change; with `reuse` false, both versions
// read from scratch, as before the memo (the same claims, by ClaimExtractor's contract).
PairWork run_pair(tracker::claims::ClaimExtractor& extractor, const Pair& pair, bool reuse, PairTimes& times) {
  const auto started = Clock::now();
  tracker::claims::ParagraphMemo memo;
  const auto claims_of = [&](const std::string& text) {
    const std::vector<std::string> paragraphs = tracker::cli::plain_text_paragraphs(text);
    return reuse ? *extractor.extract(paragraphs, tracker::claims::ClaimLimits{}, memo) : extractor.extract(paragraphs);
  };
  const std::vector<tracker::claims::Claim> old_claims = claims_of(pair.old_text);
  const std::vector<tracker::claims::Claim> new_claims = claims_of(pair.new_text);
  const auto extracted = Clock::now();
  const tracker::diff::ClaimDiff diff = tracker::diff::diff_claims(old_claims, new_claims);
  const auto diffed = Clock::now();
  times.claims_seconds += std::chrono::duration<double>(extracted - started).count();
  times.diff_seconds += std::chrono::duration<double>(diffed - extracted).count();
  return {old_claims.size() + new_claims.size(), diff.changes.size(), diff.moved, diff.unchanged};
}

double median(std::vector<double> values) {
  if (values.empty()) {
    return 0.0;
  }
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

// Figures over a set of pairs, from each pair's time (the median of its rounds).
struct Summary {
  std::size_t pairs = 0;
  std::size_t chars = 0;
  double median_chars = 0.0;  // per pair, both texts
  double median_us = 0.0;     // claims + diff, per pair
  double median_claims_us = 0.0;
  double median_diff_us = 0.0;
  double total_seconds = 0.0;  // sum of the pairs' times
  double pairs_per_s = 0.0;
  double us_per_1000_chars = 0.0;
  double median_us_per_1000_chars = 0.0;  // median over pairs of each pair's own figure
};

}  // namespace

int main(int argc, char** argv) {
  std::string topics_path = TRACKER_BENCH_TOPICS;
  std::string fixtures_dir = TRACKER_BENCH_FIXTURES_DIR;
  std::string wikipedia_path = TRACKER_BENCH_WIKIPEDIA;
  std::string dump_path;
  int rounds = 5;
  int reps = 3;
  std::size_t chunk_chars = 2000;
  std::size_t max_pairs = 0;
  bool json = false;
  CLI::App app{
      "Times claim extraction + claim diff per pair of article versions (regression "
      "fixtures and Wikipedia revisions); median over pairs."};
  app.add_option("--rounds", rounds, "timed rounds over all pairs; a pair's time is its median")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--reps", reps, "repetitions of a pair per round, timed together")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--chunk-chars", chunk_chars,
                 "cut Wikipedia versions to ~N characters at a paragraph end (0: whole)")
      ->capture_default_str();
  app.add_option("--max-pairs", max_pairs, "use only the first N pairs (0: all), for profiling")
      ->capture_default_str();
  app.add_option("--dump-pairs", dump_path,
                 "write the pairs as JSON lines {source,label,old,new} for the Python baseline");
  app.add_option("--topics", topics_path, "topic lexicon")->capture_default_str();
  app.add_option("--fixtures", fixtures_dir, "folder with pairs.txt")->capture_default_str();
  app.add_option("--wikipedia", wikipedia_path, "versions.jsonl.gz")->capture_default_str();
  app.add_flag("--json", json,
               "print one JSON object (with every pair's time) instead of the table");
  CLI11_PARSE(app, argc, argv);

  auto lexicon = tracker::config::load_topics(topics_path);
  if (!lexicon) {
    std::fprintf(stderr, "diff_speed: %s\n", lexicon.error().c_str());
    return 2;
  }
  std::vector<Pair> pairs;
  std::size_t identical = 0;
  if (!load_fixture_pairs(fixtures_dir, pairs) ||
      !load_wikipedia_pairs(wikipedia_path, chunk_chars, pairs, identical)) {
    return 2;
  }
  if (max_pairs > 0 && pairs.size() > max_pairs) {
    pairs.resize(max_pairs);
  }
  if (pairs.empty()) {
    std::fprintf(stderr, "diff_speed: no pairs\n");
    return 2;
  }
  for (Pair& pair : pairs) {
    pair.chars = code_points(pair.old_text) + code_points(pair.new_text);
  }
  if (!dump_path.empty() && !dump_pairs(dump_path, pairs)) {
    return 2;
  }

  tracker::claims::ClaimExtractor extractor(*lexicon);

  // One untimed warm-up round fixes each pair's expected work, which every repetition must
  // reproduce.
  std::vector<PairWork> expected;
  expected.reserve(pairs.size());
  for (const Pair& pair : pairs) {
    PairTimes ignored;
    expected.push_back(run_pair(extractor, pair, true, ignored));
  }

  // Timed rounds. A round times every pair once (--reps runs of it in a row, averaged), so a
  // slow phase of a busy machine spreads over many pairs instead of ruining one; each pair's
  // time is the median of its rounds. Each repetition also times the pair without the memo,
  // right after, so that the two readings see the same machine; both must do the same work.
  std::vector<std::vector<PairTimes>> times(pairs.size());
  std::vector<std::vector<double>> no_reuse_times(pairs.size());
  std::vector<double> round_seconds;
  bool deterministic = true;
  bool same_without_reuse = true;
  for (int round = 0; round < rounds; ++round) {
    double round_total = 0.0;
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      PairTimes sum;
      PairTimes without;
      for (int rep = 0; rep < reps; ++rep) {
        deterministic = run_pair(extractor, pairs[p], true, sum) == expected[p] && deterministic;
        same_without_reuse = run_pair(extractor, pairs[p], false, without) == expected[p] && same_without_reuse;
      }
      const PairTimes mean{sum.claims_seconds / reps, sum.diff_seconds / reps};
      times[p].push_back(mean);
      no_reuse_times[p].push_back((without.claims_seconds + without.diff_seconds) / reps);
      round_total += mean.claims_seconds + mean.diff_seconds;
    }
    round_seconds.push_back(round_total);
  }

  std::vector<double> pair_seconds(pairs.size());
  std::vector<double> pair_claims(pairs.size());
  std::vector<double> pair_diff(pairs.size());
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    std::vector<double> total;
    std::vector<double> claims_only;
    std::vector<double> diff_only;
    for (const PairTimes& t : times[p]) {
      total.push_back(t.claims_seconds + t.diff_seconds);
      claims_only.push_back(t.claims_seconds);
      diff_only.push_back(t.diff_seconds);
    }
    pair_seconds[p] = median(total);
    pair_claims[p] = median(claims_only);
    pair_diff[p] = median(diff_only);
  }

  const auto summarize = [&](auto&& include) {
    Summary s;
    std::vector<double> us;
    std::vector<double> claims_us;
    std::vector<double> diff_us;
    std::vector<double> chars;
    std::vector<double> us_per_kchar;
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      if (!include(pairs[p])) {
        continue;
      }
      ++s.pairs;
      s.chars += pairs[p].chars;
      s.total_seconds += pair_seconds[p];
      us.push_back(pair_seconds[p] * 1e6);
      claims_us.push_back(pair_claims[p] * 1e6);
      diff_us.push_back(pair_diff[p] * 1e6);
      chars.push_back(static_cast<double>(pairs[p].chars));
      us_per_kchar.push_back(pair_seconds[p] * 1e9 / static_cast<double>(pairs[p].chars));
    }
    s.median_chars = median(chars);
    s.median_us = median(us);
    s.median_claims_us = median(claims_us);
    s.median_diff_us = median(diff_us);
    if (s.pairs > 0) {
      s.pairs_per_s = static_cast<double>(s.pairs) / s.total_seconds;
      s.us_per_1000_chars = s.total_seconds * 1e9 / static_cast<double>(s.chars);
    }
    s.median_us_per_1000_chars = median(us_per_kchar);
    return s;
  };
  const Summary all = summarize([](const Pair&) { return true; });
  std::array<Summary, k_sources.size()> by_source;
  for (std::size_t i = 0; i < k_sources.size(); ++i) {
    by_source[i] = summarize([&](const Pair& pair) { return pair.source == k_sources[i]; });
  }
  std::size_t total_claims = 0;
  std::size_t total_changes = 0;
  for (const PairWork& work : expected) {
    total_claims += work.claims;
    total_changes += work.changes;
  }
  const auto [round_min, round_max] =
      std::minmax_element(round_seconds.begin(), round_seconds.end());

  if (json) {
    const auto summary_json = [](const Summary& s) {
      return nlohmann::ordered_json{
          {"pairs", s.pairs},
          {"chars", s.chars},
          {"median_chars", s.median_chars},
          {"median_us", round_to(s.median_us, 2)},
          {"median_claims_us", round_to(s.median_claims_us, 2)},
          {"median_diff_us", round_to(s.median_diff_us, 2)},
          {"total_seconds", round_to(s.total_seconds, 6)},
          {"pairs_per_s", round_to(s.pairs_per_s, 1)},
          {"us_per_1000_chars", round_to(s.us_per_1000_chars, 2)},
          {"median_us_per_1000_chars", round_to(s.median_us_per_1000_chars, 2)},
      };
    };
    nlohmann::ordered_json out;
    out["benchmark"] = "diff_speed";
    out["topics"] = topics_path;
    out["chunk_chars"] = chunk_chars;
    out["rounds"] = rounds;
    out["reps"] = reps;
    out["identical_pairs_skipped"] = identical;
    out["all"] = summary_json(all);
    for (std::size_t i = 0; i < k_sources.size(); ++i) {
      out[source_key(k_sources[i])] = summary_json(by_source[i]);
    }
    nlohmann::ordered_json rounds_json = nlohmann::ordered_json::array();
    for (double s : round_seconds) {
      rounds_json.push_back(round_to(s, 5));
    }
    out["round_seconds"] = rounds_json;
    // Every pair's time in µs, in the order of --dump-pairs: run_diff_speed.sh groups them.
    nlohmann::ordered_json pair_us = nlohmann::ordered_json::array();
    nlohmann::ordered_json pair_claims_us = nlohmann::ordered_json::array();
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      pair_us.push_back(round_to(pair_seconds[p] * 1e6, 2));
      pair_claims_us.push_back(round_to(pair_claims[p] * 1e6, 2));
    }
    out["pair_us"] = pair_us;
    out["pair_claims_us"] = pair_claims_us;
    // The same pairs with both versions read from scratch, timed beside (the cost before the memo).
    nlohmann::ordered_json pair_no_reuse_us = nlohmann::ordered_json::array();
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      pair_no_reuse_us.push_back(round_to(median(no_reuse_times[p]) * 1e6, 2));
    }
    out["pair_no_reuse_us"] = pair_no_reuse_us;
    out["same_without_reuse"] = same_without_reuse;
    out["claims"] = total_claims;
    out["changes"] = total_changes;
    out["deterministic"] = deterministic;
    std::printf("%s\n", out.dump(2).c_str());
    return deterministic && same_without_reuse ? 0 : 1;
  }

  const std::string cut = chunk_chars == 0
                              ? std::string("whole Wikipedia versions")
                              : "Wikipedia cut at ~" + std::to_string(chunk_chars) + " chars";
  std::printf(
      "diff_speed: %zu pairs (%zu fixtures, %zu wikipedia; %zu identical wikipedia pairs "
      "left out), %s; pair time = median of %d rounds x %d reps\n",
      all.pairs, by_source[0].pairs, by_source[1].pairs, identical, cut.c_str(), rounds, reps);
  std::printf("  %-10s %6s %10s %11s %10s %9s %9s %11s %10s\n", "pairs", "n", "chars/pair",
              "median us", "claims us", "diff us", "pairs/s", "us/1k chars", "(median)");
  const auto row = [](const char* name, const Summary& s) {
    std::printf("  %-10s %6zu %10.0f %11.1f %10.1f %9.1f %9.1f %11.2f %10.2f\n", name, s.pairs,
                s.median_chars, s.median_us, s.median_claims_us, s.median_diff_us, s.pairs_per_s,
                s.us_per_1000_chars, s.median_us_per_1000_chars);
  };
  row("all", all);
  for (std::size_t i = 0; i < k_sources.size(); ++i) {
    row(source_key(k_sources[i]), by_source[i]);
  }
  std::printf("  rounds: %.3f-%.3f s over all pairs; %zu claims and %zu changes per repetition\n",
              *round_min, *round_max, total_claims, total_changes);
  std::printf(
      "  chars are Unicode code points of both versions; us/1k chars = total time / total "
      "chars, (median) = median over pairs\n");
  if (!same_without_reuse) {
    std::printf("  error: without the memo, a pair gives other claims or changes\n");
    return 1;
  }
  if (!deterministic) {
    std::printf("  error: a repetition's claims or changes differ from the warm-up round's\n");
    return 1;
  }
  return 0;
}
