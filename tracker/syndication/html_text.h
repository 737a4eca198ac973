#pragma once

#include <string>
#include <string_view>

namespace tracker::syndication {

// True when `text` reads as HTML rather than plain text: it closes a tag ("</b>") or holds a
// character reference ("&amp;", "&#8217;"). RSS titles are plain text by the spec but escaped
// HTML in practice; "RSS <<<Tutorial>>>" stays text.
bool looks_like_html(std::string_view text);

// The text an HTML fragment shows: tags dropped (with the content of <script> and <style>),
// block-level tags turned into spaces, references decoded, whitespace collapsed and trimmed.
std::string html_to_text(std::string_view html);

// `text` escaped for HTML element content, so that plain-text summaries read as HTML too.
std::string escape_html(std::string_view text);

}  // namespace tracker::syndication
