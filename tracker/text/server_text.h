#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace tracker::text {

// What a server said (an HTTP status line, a reason phrase, a header, an SMTP reply, libcurl's
// error text quoting either), made safe to print on a terminal, write to a log line or store
// as an error: one line of valid UTF-8 without control characters, so that an ESC sequence
// cannot repaint a terminal and a bare CR cannot forge a log line. Tabs, CR and LF become a
// space; every other C0 control, DEL, C1 control (U+0080-U+009F) and bidirectional override
// or isolate (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) becomes '?', which shows
// that something was there; invalid UTF-8 becomes U+FFFD. Text longer than `max_bytes` is
// cut (never inside a character) and ends with "...".
std::string server_text(std::string_view text,
                        std::size_t max_bytes = std::numeric_limits<std::size_t>::max());

}  // namespace tracker::text
