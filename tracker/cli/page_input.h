#pragma once

#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "tracker/cli/exit_code.h"
#include "tracker/net/http_get.h"

namespace tracker::cli {

// A page named on the command line, read from a file, standard input ("-") or a URL.
struct PageInput {
  std::string bytes;
  std::string url;           // the final URL after redirects; empty for files
  std::string content_type;  // the HTTP Content-Type; empty for files
};

struct InputError {
  ExitCode exit_code;
  std::string message;  // names the source and the problem
};

// True when `argument` names a URL rather than a file.
bool looks_like_url(std::string_view argument);

// Reads FILE, "-" or an http(s) URL, refusing inputs over `fetch.max_body_bytes` before reading
// them whole.
tl::expected<PageInput, InputError> read_page_input(std::string_view argument,
                                                    const net::FetchOptions& fetch);

}  // namespace tracker::cli
