#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "tracker/store/records.h"

namespace tracker::store {

// A fetched page as stored: one Zstandard frame (RFC 8878) with its content size and checksum.
// Pages are HTML and shrink four- to tenfold.
tl::expected<std::string, std::string> compress_page(std::string_view raw);

// The page compressed and hashed, as a snapshot stores it (SnapshotInput::prepared_raw).
tl::expected<SnapshotInput::PreparedRaw, std::string> prepare_raw(std::string_view raw);

// The page back, byte for byte, from a Zstandard frame or from the zlib stream (RFC 1950) that
// stores before schema 10 hold; the first bytes say which. `raw_size` is the size recorded when it was compressed; a
// blob that inflates to anything else, or not at all, is an error naming what is wrong.
tl::expected<std::string, std::string> decompress_page(std::string_view compressed,
                                                       std::int64_t raw_size);

}  // namespace tracker::store
