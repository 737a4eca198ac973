// Speed benchmark: extracts all article-extraction-benchmark pages in one process and compares
// the time with two floors measured in the same rounds: libxml2's htmlReadMemory alone, and
// HtmlDocument::parse (htmlReadMemory plus our charset detection). See bench/README.md, "Speed".
//
//     extract_speed [HTML_DIR] [--runs N] [--json]

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "tests/support/gzip_file.h"
#include "tracker/cli/cli11.h"
#include "tracker/extract/extractor.h"
#include "tracker/extract/html_document.h"
#include "tracker/text/utf8.h"

#ifndef TRACKER_BENCH_HTML_DIR
#error "the build must define TRACKER_BENCH_HTML_DIR (see bench/CMakeLists.txt)"
#endif

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The options HtmlDocument::parse gives htmlReadMemory, so the libxml2 pass is the same parse.
constexpr int k_libxml2_options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                  HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;

struct Page {
  std::string name;  // file name without .html.gz
  std::string html;  // decompressed bytes
};

// What one pass over all pages produced: enough to keep the compiler from dropping the work,
// and to check that every round did the same work.
struct PassResult {
  std::size_t checksum = 0;
  std::vector<std::string> failed;  // pages that gave no document / no article
};

enum class PassKind { libxml2, parse, extract };

struct PassInfo {
  PassKind kind;
  const char* key;    // JSON key
  const char* label;  // human-readable name
};

constexpr std::array<PassInfo, 3> k_passes = {{
    {PassKind::libxml2, "libxml2", "libxml2 htmlReadMemory"},
    {PassKind::parse, "parse", "HtmlDocument::parse"},
    {PassKind::extract, "extract", "extract_article"},
}};

std::size_t element_children(xmlDoc* doc) {
  xmlNode* root = xmlDocGetRootElement(doc);
  return root == nullptr ? 0 : static_cast<std::size_t>(xmlChildElementCount(root));
}

PassResult run_libxml2(const std::vector<Page>& pages) {
  PassResult result;
  for (const Page& page : pages) {
    xmlDoc* doc = htmlReadMemory(page.html.data(), static_cast<int>(page.html.size()), nullptr,
                                 "utf-8", k_libxml2_options);
    if (doc == nullptr) {
      result.failed.push_back(page.name);
      continue;
    }
    result.checksum += element_children(doc);
    xmlFreeDoc(doc);
  }
  return result;
}

PassResult run_parse(const std::vector<Page>& pages) {
  PassResult result;
  for (const Page& page : pages) {
    auto document = tracker::extract::HtmlDocument::parse(page.html, {});
    if (!document) {
      result.failed.push_back(page.name);
      continue;
    }
    result.checksum += element_children(document->doc()) + document->charset().size();
  }
  return result;
}

// The checksum is the length of Article::text(), computed without building the string.
PassResult run_extract(const std::vector<Page>& pages) {
  PassResult result;
  for (const Page& page : pages) {
    auto article = tracker::extract::extract_article(page.html);
    if (!article || article->blocks.empty()) {
      result.failed.push_back(page.name);
      continue;
    }
    for (const auto& block : article->blocks) {
      result.checksum += block.text.size();
    }
    result.checksum += 2 * (article->blocks.size() - 1);  // the "\n\n" separators
  }
  return result;
}

PassResult run_pass(PassKind kind, const std::vector<Page>& pages) {
  switch (kind) {
    case PassKind::libxml2:
      return run_libxml2(pages);
    case PassKind::parse:
      return run_parse(pages);
    case PassKind::extract:
      return run_extract(pages);
  }
  return {};
}

bool load_pages(const fs::path& dir, std::vector<Page>& pages) {
  constexpr std::string_view k_suffix = ".html.gz";
  std::vector<fs::path> paths;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > k_suffix.size() && name.ends_with(k_suffix)) {
      paths.push_back(it->path());
    }
  }
  if (ec) {
    std::fprintf(stderr, "extract_speed: cannot list %s: %s\n", dir.c_str(), ec.message().c_str());
    return false;
  }
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    Page page;
    std::string error;
    if (!tracker::test::read_gzip_file(path, page.html, error)) {
      std::fprintf(stderr, "extract_speed: %s: %s\n", path.c_str(), error.c_str());
      return false;
    }
    if (page.html.size() > static_cast<std::size_t>(INT_MAX)) {
      std::fprintf(stderr, "extract_speed: %s: page over 2 GB\n", path.c_str());
      return false;
    }
    const std::string name = path.filename().string();
    page.name = name.substr(0, name.size() - k_suffix.size());
    pages.push_back(std::move(page));
  }
  if (pages.empty()) {
    std::fprintf(stderr, "extract_speed: no *.html.gz pages in %s\n", dir.c_str());
    return false;
  }
  return true;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

// Rounds to `decimals` places; dividing by an exact power of ten keeps the JSON short.
double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

struct PassTimes {
  std::vector<double> seconds;  // one per round
  double median_seconds = 0.0;
};

struct Ratio {
  const char* key;
  const char* label;
  std::size_t numerator;    // index into k_passes
  std::size_t denominator;  // index into k_passes
};

constexpr std::array<Ratio, 3> k_ratios = {{
    {"extract_over_parse", "extract / parse  ", 2, 1},
    {"extract_over_libxml2", "extract / libxml2", 2, 0},
    {"parse_over_libxml2", "parse / libxml2  ", 1, 0},
}};

}  // namespace

int main(int argc, char** argv) {
  std::string html_dir = TRACKER_BENCH_HTML_DIR;
  int runs = 7;
  bool json = false;
  CLI::App app{"Times tracker's article extraction against a bare libxml2 parse, "
               "over all article-extraction-benchmark pages (median of --runs rounds)."};
  app.add_option("html_dir", html_dir, "folder of *.html.gz pages")->capture_default_str();
  app.add_option("--runs", runs, "timed rounds; each round runs every pass once")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_flag("--json", json, "print one JSON object instead of the table");
  CLI11_PARSE(app, argc, argv);

  xmlInitParser();
  std::vector<Page> pages;
  if (!load_pages(html_dir, pages)) {
    return 2;
  }
  std::size_t total_bytes = 0;
  std::size_t non_utf8 = 0;
  for (const Page& page : pages) {
    total_bytes += page.html.size();
    non_utf8 += tracker::text::is_valid_utf8(page.html) ? 0 : 1;
  }
  const double megabytes = static_cast<double>(total_bytes) / 1e6;
  const double page_count = static_cast<double>(pages.size());

  // One untimed warm-up round: faults the allocator's arenas in and fixes the expected
  // checksums, which every timed round must reproduce.
  std::array<PassResult, k_passes.size()> expected;
  for (std::size_t p = 0; p < k_passes.size(); ++p) {
    expected[p] = run_pass(k_passes[p].kind, pages);
  }

  // Timed rounds. Each round runs every pass once, so slow phases of a noisy machine hit all
  // passes alike; the starting pass rotates so none always runs first.
  std::array<PassTimes, k_passes.size()> times;
  bool deterministic = true;
  for (int round = 0; round < runs; ++round) {
    for (std::size_t i = 0; i < k_passes.size(); ++i) {
      const std::size_t p = (static_cast<std::size_t>(round) + i) % k_passes.size();
      const auto started = Clock::now();
      const PassResult result = run_pass(k_passes[p].kind, pages);
      const std::chrono::duration<double> elapsed = Clock::now() - started;
      times[p].seconds.push_back(elapsed.count());
      deterministic = deterministic && result.checksum == expected[p].checksum &&
                      result.failed.size() == expected[p].failed.size();
    }
  }
  for (PassTimes& t : times) {
    t.median_seconds = median(t.seconds);
  }

  const auto per_round = [&](const Ratio& ratio) {
    std::vector<double> values;
    for (std::size_t r = 0; r < times[0].seconds.size(); ++r) {
      values.push_back(times[ratio.numerator].seconds[r] / times[ratio.denominator].seconds[r]);
    }
    return values;
  };
  const auto of_medians = [&](const Ratio& ratio) {
    return times[ratio.numerator].median_seconds / times[ratio.denominator].median_seconds;
  };
  const std::vector<std::string>& failed = expected[2].failed;

  if (json) {
    nlohmann::ordered_json out;
    out["benchmark"] = "extract_speed";
    out["html_dir"] = html_dir;
    out["pages"] = pages.size();
    out["bytes"] = total_bytes;
    out["non_utf8_pages"] = non_utf8;
    out["runs"] = runs;
    nlohmann::ordered_json passes = nlohmann::ordered_json::object();
    for (std::size_t p = 0; p < k_passes.size(); ++p) {
      nlohmann::ordered_json run_seconds = nlohmann::ordered_json::array();
      for (double s : times[p].seconds) {
        run_seconds.push_back(round_to(s, 5));
      }
      const double m = times[p].median_seconds;
      passes[k_passes[p].key] = {
          {"label", k_passes[p].label},
          {"run_seconds", run_seconds},
          {"median_seconds", round_to(m, 5)},
          {"pages_per_s", round_to(page_count / m, 2)},
          {"mb_per_s", round_to(megabytes / m, 3)},
          {"failed_pages", expected[p].failed.size()},
      };
    }
    out["passes"] = passes;
    nlohmann::ordered_json ratios = nlohmann::ordered_json::object();
    for (const Ratio& ratio : k_ratios) {
      const std::vector<double> rounds = per_round(ratio);
      ratios[ratio.key] = {
          {"of_medians", round_to(of_medians(ratio), 4)},
          {"per_round_median", round_to(median(rounds), 4)},
          {"per_round_min", round_to(*std::min_element(rounds.begin(), rounds.end()), 4)},
          {"per_round_max", round_to(*std::max_element(rounds.begin(), rounds.end()), 4)},
      };
    }
    out["ratios"] = ratios;
    out["text_bytes"] = expected[2].checksum;
    out["failed_pages"] = failed;
    out["deterministic"] = deterministic;
    std::printf("%s\n", out.dump(2).c_str());
    return deterministic ? 0 : 1;
  }

  std::printf("extract_speed: %zu pages, %.2f MB of HTML, median of %d rounds\n", pages.size(),
              megabytes, runs);
  std::printf("  %-24s %9s %9s %10s   %s\n", "pass", "pages/s", "MB/s", "median s", "runs (s)");
  for (std::size_t p = 0; p < k_passes.size(); ++p) {
    const PassTimes& t = times[p];
    const auto [lo, hi] = std::minmax_element(t.seconds.begin(), t.seconds.end());
    std::printf("  %-24s %9.1f %9.2f %10.4f   %.3f-%.3f\n", k_passes[p].label,
                page_count / t.median_seconds, megabytes / t.median_seconds, t.median_seconds, *lo,
                *hi);
  }
  for (const Ratio& ratio : k_ratios) {
    const std::vector<double> rounds = per_round(ratio);
    std::printf("  %s = %.3fx the time  (per round: median %.3f, %.3f-%.3f)\n", ratio.label,
                of_medians(ratio), median(rounds), *std::min_element(rounds.begin(), rounds.end()),
                *std::max_element(rounds.begin(), rounds.end()));
  }
  std::printf("  extracted text %zu bytes, pages without an article: %zu", expected[2].checksum,
              failed.size());
  for (const std::string& name : failed) {
    std::printf(" %s", name.c_str());
  }
  std::printf("\n");
  if (non_utf8 > 0) {
    std::printf("  note: %zu pages are not valid UTF-8; the libxml2 pass parses them as UTF-8\n",
                non_utf8);
  }
  if (!deterministic) {
    std::printf("  error: a timed round's checksum differs from the warm-up round's\n");
    return 1;
  }
  return 0;
}
