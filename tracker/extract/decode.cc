#include "tracker/extract/decode.h"

#include <iconv.h>

#include <cerrno>
#include <memory>

namespace tracker::extract {
namespace {

struct IconvClose {
  void operator()(void* handle) const { iconv_close(static_cast<iconv_t>(handle)); }
};
using IconvPtr = std::unique_ptr<void, IconvClose>;

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

}  // namespace

tl::expected<std::string, std::string> decode_to_utf8(std::string_view bytes,
                                                      const std::string& charset) {
  iconv_t raw = iconv_open("UTF-8", charset.c_str());
  if (raw == reinterpret_cast<iconv_t>(-1)) {
    return tl::make_unexpected("unknown character set '" + charset + "'");
  }
  IconvPtr converter(raw);
  std::string out;
  // Most single-byte text grows by well under half when encoded as UTF-8.
  out.resize(bytes.size() + bytes.size() / 2 + 16);
  char* in_ptr = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t written = 0;
  while (in_left > 0) {
    char* out_ptr = out.data() + written;
    std::size_t out_left = out.size() - written;
    const std::size_t result = iconv(raw, &in_ptr, &in_left, &out_ptr, &out_left);
    written = out.size() - out_left;
    if (result != static_cast<std::size_t>(-1)) {
      break;
    }
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
    } else if (errno == EILSEQ || errno == EINVAL) {
      // An invalid or truncated sequence: mark it and skip one byte.
      if (out.size() - written < k_replacement.size()) {
        out.resize(out.size() * 2);
      }
      out.replace(written, k_replacement.size(), k_replacement);
      written += k_replacement.size();
      ++in_ptr;
      --in_left;
      iconv(raw, nullptr, nullptr, nullptr, nullptr);  // reset shift state
    } else {
      return tl::make_unexpected("cannot decode from '" + charset + "'");
    }
  }
  out.resize(written);
  return out;
}

}  // namespace tracker::extract
