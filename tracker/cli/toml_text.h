#pragma once

#include <string>
#include <string_view>

namespace tracker::cli {

// Pieces of TOML that tracker writes for people to edit (import-opml, init).

// A TOML basic string, quotes, backslashes and control characters escaped (by toml++).
std::string toml_string(const std::string& text);

// `text` in double quotes on one line, as a TOML basic string writes it: quotes, backslashes
// and control characters escaped. For a comment and for messages, where toml++'s choice of a
// multi-line string would let a newline through.
std::string quoted_line(std::string_view text);

// "Le Monde: À la une" -> "le-monde-a-la-une": accents taken off, then ASCII letters and
// digits, runs of anything else one hyphen; "feed" when nothing is left. A source name from a
// title or a host.
std::string slug(std::string_view title);

}  // namespace tracker::cli
