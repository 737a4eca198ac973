// Runs tracker's feed parser over files and prints what it read, one JSON object per line, so
// that bench/feed_corpus.py can score it against the feed corpora's expectations. This program
// does no scoring: the numbers measure exactly the parse_feed that tracker runs.
//
//     feed_corpus < cases.tsv        (one "PATH<TAB>FEED_URL<TAB>CONTENT_TYPE" per line)
//
// Each output line is {"file", "ok", "error" | "format", "title", "link", "items": [{"id",
// "title", "link", "published", "updated"}], "seconds"}. Lines are flushed one by one, so when
// a file crashes the parser the driver knows which one it was.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tracker/syndication/feed.h"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(
        line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) {
      return fields;
    }
    start = tab + 1;
  }
}

nlohmann::json describe(const tracker::syndication::Feed& feed) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : feed.items) {
    items.push_back({{"id", item.id},
                     {"title", item.title},
                     {"link", item.link},
                     {"published", item.published},
                     {"updated", item.updated},
                     {"summary_bytes", item.summary.size()},
                     {"content_bytes", item.content.size()}});
  }
  return {{"ok", true},
          {"format", tracker::syndication::format_name(feed.format)},
          {"title", feed.title},
          {"link", feed.link},
          {"items", std::move(items)}};
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) {
      continue;
    }
    const std::vector<std::string> fields = split_tabs(line);
    const std::string& path = fields[0];
    const std::string feed_url = fields.size() > 1 ? fields[1] : std::string();
    const std::string content_type = fields.size() > 2 ? fields[2] : std::string();
    std::ifstream in(path, std::ios::binary);
    nlohmann::json out;
    if (!in) {
      out = {{"ok", false}, {"error", "cannot read file"}, {"unreadable", true}};
    } else {
      std::ostringstream bytes;
      bytes << in.rdbuf();
      const std::string data = bytes.str();
      const auto start = Clock::now();
      const auto feed = tracker::syndication::parse_feed(data, feed_url, content_type);
      const std::chrono::duration<double> elapsed = Clock::now() - start;
      out = feed ? describe(*feed) : nlohmann::json{{"ok", false}, {"error", feed.error().message}};
      out["seconds"] = elapsed.count();
      out["bytes"] = data.size();
    }
    out["file"] = path;
    // Invalid UTF-8 cannot come out of parse_feed; replace rather than throw if it ever did.
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n'
              << std::flush;
  }
  return 0;
}
