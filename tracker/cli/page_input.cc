#include "tracker/cli/page_input.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sys/stat.h>

namespace tracker::cli {
namespace {

tl::expected<PageInput, InputError> read_stream(std::istream& in, std::string_view name,
                                                std::size_t max_bytes) {
  PageInput input;
  std::string chunk(1 << 16, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    input.bytes.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (input.bytes.size() > max_bytes) {
      return tl::make_unexpected(InputError{
          ExitCode::bad_input,
          std::string(name) + ": larger than the limit of " + std::to_string(max_bytes) + " bytes"});
    }
  }
  if (in.bad()) {
    return tl::make_unexpected(
        InputError{ExitCode::no_input, std::string(name) + ": read error: " + std::strerror(errno)});
  }
  return input;
}

tl::expected<PageInput, InputError> read_file(const std::string& path, std::size_t max_bytes) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return tl::make_unexpected(InputError{ExitCode::no_input, path + ": " + std::strerror(errno)});
  }
  if (S_ISDIR(info.st_mode)) {
    return tl::make_unexpected(InputError{ExitCode::no_input, path + ": is a directory"});
  }
  if (S_ISREG(info.st_mode) && static_cast<std::size_t>(info.st_size) > max_bytes) {
    return tl::make_unexpected(InputError{
        ExitCode::bad_input, path + ": " + std::to_string(info.st_size) +
                                 " bytes, over the limit of " + std::to_string(max_bytes)});
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return tl::make_unexpected(InputError{ExitCode::no_input, path + ": " + std::strerror(errno)});
  }
  return read_stream(file, path, max_bytes);
}

}  // namespace

bool looks_like_url(std::string_view argument) {
  return argument.starts_with("http://") || argument.starts_with("https://");
}

tl::expected<PageInput, InputError> read_page_input(std::string_view argument,
                                                    const net::FetchOptions& fetch) {
  const std::size_t max_bytes = fetch.max_body_bytes;
  if (argument == "-") {
    return read_stream(std::cin, "<stdin>", max_bytes);
  }
  if (!looks_like_url(argument)) {
    if (argument.find("://") != std::string_view::npos) {
      return tl::make_unexpected(InputError{
          ExitCode::usage, std::string(argument) + ": only http:// and https:// URLs are fetched"});
    }
    return read_file(std::string(argument), max_bytes);
  }
  auto response = net::http_get(argument, fetch);
  if (!response) {
    const ExitCode code = response.error().kind == net::FetchErrorKind::too_large
                              ? ExitCode::bad_input
                              : ExitCode::fetch_failed;
    return tl::make_unexpected(InputError{code, std::string(argument) + ": " + response.error().message});
  }
  return PageInput{std::move(response->body), std::move(response->effective_url),
                   std::move(response->content_type)};
}

}  // namespace tracker::cli
