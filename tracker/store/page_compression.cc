#include "tracker/store/page_compression.h"

#include "tracker/store/sha256.h"

#include <zlib.h>

namespace tracker::store {
namespace {

// Deflate cannot expand data more than about 1032 times, so a recorded size beyond that is
// damage, not a page: refuse it before allocating.
constexpr std::int64_t k_max_inflate_ratio = 1032;
// Level 3: on the Zyte benchmark's news pages (100 KB) it deflates 2.2x faster than zlib's
// default of 6 for output 11% larger (24.0% of the page instead of 21.7%); level 1 is only
// a little faster again and 5% larger still. Inflating does not depend on the level.
constexpr int k_level = 3;

const Bytef* bytes_of(std::string_view data) {
  return reinterpret_cast<const Bytef*>(data.data());
}

}  // namespace

tl::expected<std::string, std::string> compress_page(std::string_view raw) {
  std::string out(compressBound(raw.size()), '\0');
  uLongf out_size = out.size();
  const int result = compress2(reinterpret_cast<Bytef*>(out.data()), &out_size, bytes_of(raw),
                               raw.size(), k_level);
  if (result != Z_OK) {
    return tl::make_unexpected(std::string("cannot compress the page: ") + zError(result));
  }
  out.resize(out_size);
  return out;
}

tl::expected<SnapshotInput::PreparedRaw, std::string> prepare_raw(std::string_view raw) {
  auto compressed = compress_page(raw);
  if (!compressed) {
    return tl::make_unexpected(std::move(compressed.error()));
  }
  return SnapshotInput::PreparedRaw{std::move(*compressed), sha256_hex(raw), raw.size()};
}

tl::expected<std::string, std::string> decompress_page(std::string_view compressed,
                                                       std::int64_t raw_size) {
  const auto limit = static_cast<std::int64_t>(compressed.size()) * k_max_inflate_ratio + 64;
  if (raw_size < 0 || raw_size > limit) {
    return tl::make_unexpected("recorded page size " + std::to_string(raw_size) +
                               " cannot come from " + std::to_string(compressed.size()) +
                               " compressed bytes");
  }
  // One byte more than expected, so that a longer stream shows as such rather than as a full
  // buffer that happens to match.
  std::string out(static_cast<std::size_t>(raw_size) + 1, '\0');
  uLongf out_size = out.size();
  uLong in_size = compressed.size();
  const int result =
      uncompress2(reinterpret_cast<Bytef*>(out.data()), &out_size, bytes_of(compressed), &in_size);
  if (result != Z_OK) {
    return tl::make_unexpected(std::string("the compressed page is damaged: ") +
                               (result == Z_BUF_ERROR ? "longer than recorded" : zError(result)));
  }
  if (out_size != static_cast<uLongf>(raw_size)) {
    return tl::make_unexpected("the page inflates to " + std::to_string(out_size) +
                               " bytes, not the recorded " + std::to_string(raw_size));
  }
  if (in_size != compressed.size()) {
    return tl::make_unexpected(std::string("the compressed page has trailing bytes"));
  }
  out.resize(out_size);
  return out;
}

}  // namespace tracker::store
