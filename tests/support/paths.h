#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace tracker::test {

inline std::filesystem::path source_dir() { return TRACKER_SOURCE_DIR; }
inline std::filesystem::path tracker_binary() { return TRACKER_BINARY; }
// The topic lexicon the project ships, which the tests' stores and diffs read.
inline std::filesystem::path shipped_topics() {
  return source_dir() / "feeds" / "topics.toml";
}
inline std::filesystem::path fixture(const std::string& relative) {
  return source_dir() / "tests" / "data" / relative;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read test file " + path.string());
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) {
    throw std::runtime_error("cannot write test file " + path.string());
  }
}

}  // namespace tracker::test
