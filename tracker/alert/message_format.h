#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// What the two kinds of alert message (claim changes, message.h; ledger events,
// ledger_message.h) share in how they show text: clipping and inline-styled HTML.
namespace tracker::alert {

inline constexpr std::size_t k_subject_limit =
    200;  // code points; past this a subject stops helping

// Inline styles only: mail clients drop <style> blocks and never load external sheets. The
// colours are the HTML diff report's.
inline constexpr const char* k_body_style =
    "font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:15px;"
    "line-height:1.5;color:#1a1a1a;max-width:52rem";
inline constexpr const char* k_del_style = "background:#fdd;color:#900";
inline constexpr const char* k_ins_style = "background:#dfd;color:#060";
inline constexpr const char* k_meta_style = "color:#555;font-size:13px;margin:0";
inline constexpr const char* k_note_style =
    "color:#8a4b00;font-size:13px;font-weight:bold;margin:4px 0 0";

// How many code points valid UTF-8 `text` holds.
std::size_t code_points(std::string_view text);

// `text` cut to `limit` code points, at a word boundary when one is near, ending in "…".
std::string clip_end(std::string_view text, std::size_t limit);

// `text` cut to about `limit` code points by dropping whole words from its middle, so a claim
// keeps both its opening number and its closing outcome: "around 300 … and 2,700 wounded".
std::string clip_middle(std::string_view text, std::size_t limit);

// True for an http(s) URL without spaces: the only kind a message makes a link of, so that a
// javascript: or data: URL from a feed stays inert text.
bool is_web_link(std::string_view url);

// <tag style="...">inner</tag>: `inner` must already be HTML.
std::string element(std::string_view tag, std::string_view style, std::string_view inner);

// `text` with ASCII letters in upper case: an alert item's heading ("HIGH", "REVISED UP").
std::string ascii_upper(std::string text);

// A document's heading in the plain-text part: a blank line, its title, "Source: ..." and
// "Link: ..." when it has a URL. All three must already be one safe line (mime::one_line).
std::string text_document_heading(const std::string& title, const std::string& source,
                                  const std::string& url);

// The same in the HTML part: the title as <h2> (a link only for http(s), so a javascript: or
// data: URL from a feed stays inert text), then the source and URL. Escapes all three.
std::string html_document_heading(const std::string& title, const std::string& source,
                                  const std::string& url);

// The HTML part: a UTF-8 document titled `subject` whose body is `body` (already HTML) and a
// closing line `footer` (plain text).
std::string html_page(const std::string& subject, const std::string& body,
                      const std::string& footer);

}  // namespace tracker::alert
