#pragma once

#include <string>
#include <string_view>

namespace tracker::text {

// Appends UTF-8 `text` to `out`, turning every run of whitespace (ASCII and Unicode spaces such
// as U+00A0 and U+2009) into one ASCII space and dropping zero-width characters. A space is
// never written at the start of `out` nor twice in a row, so pieces of one paragraph can be
// appended one after another; call `trim_trailing_space` when the paragraph ends.
void append_collapsed(std::string& out, std::string_view text);

// Removes one trailing ASCII space, if any.
void trim_trailing_space(std::string& text);

// `text` with whitespace collapsed as by `append_collapsed` and trimmed at both ends.
std::string collapse_whitespace(std::string_view text);

}  // namespace tracker::text
