#include "tracker/cli/verify_ledger.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tracker/cli/document_input.h"
#include "tracker/cli/figures_output.h"
#include "tracker/report/claim_json.h"
#include "tracker/report/figures.h"
#include "tracker/report/ledger.h"

namespace tracker::cli {
namespace {

namespace fs = std::filesystem;

// One version ledger.txt lists.
struct ListedVersion {
  fs::path file;
  std::string outlet;
};

// The versions `story`/ledger.txt lists, in its order; nullopt (and said why) when a line is
// not "FILE OUTLET" or names no file of the folder.
std::optional<std::vector<ListedVersion>> listed_versions(const fs::path& story) {
  const fs::path order = story / k_ledger_order_file;
  const std::optional<std::string> text = read_text_file(order);
  if (!text) {
    spdlog::error("{}: cannot be read", order.string());
    return std::nullopt;
  }
  std::vector<ListedVersion> listed;
  std::istringstream lines(*text);
  std::string line;
  for (std::size_t number = 1; std::getline(lines, line); ++number) {
    std::istringstream words(line);
    std::string file;
    std::string outlet;
    std::string extra;
    if (!(words >> file) || file.starts_with('#')) {
      continue;
    }
    if (!(words >> outlet) || (words >> extra && !extra.starts_with('#'))) {
      spdlog::error("{}:{}: expected \"FILE OUTLET\", got \"{}\"", order.string(), number, line);
      return std::nullopt;
    }
    if (!fs::is_regular_file(story / file)) {
      spdlog::error("{}:{}: {} is not a file of the folder", order.string(), number, file);
      return std::nullopt;
    }
    listed.push_back({story / file, outlet});
  }
  if (listed.empty()) {
    spdlog::error("{}: lists no version", order.string());
    return std::nullopt;
  }
  return listed;
}

// The lines of `text`, each once per time it occurs.
std::multiset<std::string> lines_of(const std::string& text) {
  std::multiset<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.insert(line);
  }
  return lines;
}

// A text baseline's drift: the lines it had that this build no longer writes ("-") and the new
// ones ("+"), each in its file's order. A line that only moved is not shown.
std::string line_drift(const std::string& before, const std::string& now) {
  const std::multiset<std::string> old_lines = lines_of(before);
  const std::multiset<std::string> new_lines = lines_of(now);
  std::multiset<std::string> gone;
  std::set_difference(old_lines.begin(), old_lines.end(), new_lines.begin(), new_lines.end(),
                      std::inserter(gone, gone.end()));
  std::multiset<std::string> added;
  std::set_difference(new_lines.begin(), new_lines.end(), old_lines.begin(), old_lines.end(),
                      std::inserter(added, added.end()));
  std::string drift;
  const auto show = [&drift](const std::string& text, std::multiset<std::string>& shown,
                             char mark) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      if (const auto it = shown.find(line); it != shown.end()) {
        drift += std::string("  ") + mark + " " + line + "\n";
        shown.erase(it);
      }
    }
  };
  show(before, gone, '-');
  show(now, added, '+');
  return drift.empty() ? "  the lines differ in order only\n" : drift;
}

// One outlet's document and its versions, as a store would hold them.
struct OutletVersions {
  store::DocumentSummary document;
  std::vector<store::Snapshot> snapshots;
};

}  // namespace

void verify_ledger(const fs::path& story, claims::ClaimExtractor& extractor,
                   const report::MeasureLexicon& lexicon, bool update, VerifyTally& tally) {
  const std::optional<std::vector<ListedVersion>> listed = listed_versions(story);
  if (!listed) {
    ++tally.failed;
    return;
  }
  // bench/ledger_score.py's clock, so that the pinned ledger is the one the benchmark scores.
  constexpr store::UnixSeconds k_first_published = 1'700'000'000;
  constexpr store::UnixSeconds k_apart = 60;
  std::map<std::string, OutletVersions> outlets;
  for (std::size_t i = 0; i < listed->size(); ++i) {
    const ListedVersion& version = (*listed)[i];
    auto document = read_document(version.file.string(), net::FetchOptions{});
    if (!document) {
      spdlog::error("{}", document.error().message);
      ++tally.failed;
      return;
    }
    auto claims = claims_within_limits(extractor, document->paragraphs, version.file.string());
    if (!claims) {
      spdlog::error("{}", claims.error().message);
      ++tally.failed;
      return;
    }
    auto [outlet, added] = outlets.try_emplace(version.outlet);
    if (added) {
      store::DocumentSummary& summary = outlet->second.document;
      summary.document.id = static_cast<store::DocumentId>(outlets.size());
      summary.document.url = version.file.filename().string();
      summary.document.title = document->title;
      summary.source_name = version.outlet;
    }
    store::Snapshot snapshot;
    snapshot.id = static_cast<store::SnapshotId>(i + 1);
    snapshot.document_id = outlet->second.document.document.id;
    snapshot.fetched_at = k_first_published + k_apart * static_cast<store::UnixSeconds>(i + 1);
    snapshot.claims_json = report::claims_json(*claims);
    outlet->second.snapshots.push_back(std::move(snapshot));
  }
  std::vector<report::Figure> figures;
  for (const auto& [name, outlet] : outlets) {
    std::vector<report::Figure> own = report::document_figures(outlet.document, outlet.snapshots);
    figures.insert(figures.end(), std::make_move_iterator(own.begin()),
                   std::make_move_iterator(own.end()));
  }
  // One story, judged as one selection: the pinned ledger has no story heading.
  std::vector<report::StoryLedger> ledger(1);
  ledger.front().measures =
      report::build_ledger(report::with_ledger_measures(std::move(figures), lexicon));
  check_baseline(story / "golden" / "ledger.txt", ledger_text(ledger), line_drift, update, tally);
}

}  // namespace tracker::cli
