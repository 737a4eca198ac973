#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "tracker/extract/article.h"
#include "tracker/extract/dom_limits.h"

namespace tracker::extract {

enum class ExtractErrorKind {
  empty,      // no bytes, or only whitespace
  not_html,   // binary data or a known non-HTML format such as PDF
  too_large,  // over ExtractOptions::max_page_bytes or one of its DomLimits
  unreadable,  // the HTML parser produced no document
  out_of_time  // ExtractOptions::out_of_time said to give up before the page was read
};

struct ExtractError {
  ExtractErrorKind kind;
  std::string message;                 // what is wrong, without the source's name
  DomLimit dom_limit = DomLimit::none;  // the DomLimits bound a too_large page went past
};

struct ExtractOptions {
  std::string_view url;           // where the page came from; resolves relative links
  std::string_view content_type;  // HTTP Content-Type, for its charset
  std::size_t max_page_bytes = std::size_t{64} << 20;
  DomLimits dom_limits;  // unbounded unless the caller sets them (tracker run does)
  // Asked between stages and while parsing (every few hundred elements); once it says true
  // the page is given up. Empty: never. A caller's deadline, without a clock in here.
  std::function<bool()> out_of_time;
};

// Turns the bytes of a web page into its article. A page without an article is not an error:
// it yields an Article with no blocks, and the caller decides.
tl::expected<Article, ExtractError> extract_article(std::string_view bytes,
                                                    const ExtractOptions& options = {});

}  // namespace tracker::extract
