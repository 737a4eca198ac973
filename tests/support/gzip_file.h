#pragma once

// Reading a gzip file whole: the shared benchmark data (../shared/data) keeps its pages and
// revisions gzip-compressed. Used by the tests and by the benchmarks under bench/; tracker itself
// never reads gzip files.

#include <zlib.h>

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>

namespace tracker::test {

// The whole decompressed content of `path` into `out`; false, with `error` saying why ("cannot
// open", zlib's message, "corrupt gzip data"), when it cannot be read whole.
inline bool read_gzip_file(const std::filesystem::path& path, std::string& out,
                           std::string& error) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    error = "cannot open";
    return false;
  }
  gzbuffer(file, 1 << 17);
  std::array<char, 1 << 16> buffer{};
  out.clear();
  for (;;) {
    const int n = gzread(file, buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n < 0) {
      int code = 0;
      error = gzerror(file, &code);
      gzclose(file);
      return false;
    }
    if (n == 0) {
      break;
    }
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  // gzclose checks the trailer: a file cut short or with a bad checksum fails here.
  if (gzclose(file) != Z_OK) {
    error = "corrupt gzip data";
    return false;
  }
  return true;
}

}  // namespace tracker::test
