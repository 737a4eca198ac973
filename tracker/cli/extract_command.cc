#include "tracker/cli/extract_command.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "tracker/cli/output.h"
#include "tracker/cli/page_input.h"
#include "tracker/extract/extractor.h"
#include "tracker/report/article_json.h"

namespace tracker::cli {
namespace {

struct ExtractArguments {
  std::string input;
  std::string format = "text";
  std::size_t max_page_bytes = extract::ExtractOptions{}.max_page_bytes;
  double timeout_seconds = 60;
};

// Pages past this are no news article; the bound keeps "no limit" out of reach of a typo.
constexpr std::size_t k_largest_page_limit = std::size_t{1} << 30;

// A whole number of bytes from 1 to k_largest_page_limit, digits only: CLI11 would read "-1"
// as the largest number there is, and a value past 2^64 as something else again.
CLI::Validator page_byte_limit() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        std::size_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (text.empty() || error != std::errc() || stop != end || value < 1 ||
            value > k_largest_page_limit) {
          return "must be a whole number of bytes from 1 to " + std::to_string(k_largest_page_limit);
        }
        return {};
      },
      "BYTES in [1 - " + std::to_string(k_largest_page_limit) + "]");
}

// A number of seconds from `least` to `most`; "nan" and "inf" are numbers to CLI11's Range.
CLI::Validator seconds_between(double least, double most) {
  return CLI::Validator(
      [least, most](std::string& text) -> std::string {
        double value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error != std::errc() || stop != end || !std::isfinite(value) || value < least ||
            value > most) {
          return "must be a number of seconds from " + fmt::format("{}", least) + " to " +
                 fmt::format("{}", most);
        }
        return {};
      },
      "SECONDS in [" + fmt::format("{}", least) + " - " + fmt::format("{}", most) + "]");
}

ExitCode exit_code_for(extract::ExtractErrorKind kind) {
  switch (kind) {
    case extract::ExtractErrorKind::empty:
    case extract::ExtractErrorKind::not_html:
    case extract::ExtractErrorKind::too_large:
      return ExitCode::bad_input;
    case extract::ExtractErrorKind::unreadable:
    case extract::ExtractErrorKind::out_of_time:  // not asked for here
      return ExitCode::failure;
  }
  return ExitCode::failure;
}

ExitCode run_extract(const ExtractArguments& args) {
  net::FetchOptions fetch;
  fetch.max_body_bytes = args.max_page_bytes;
  fetch.total_timeout = std::chrono::milliseconds(static_cast<long long>(args.timeout_seconds * 1000));
  auto input = read_page_input(args.input, fetch);
  if (!input) {
    spdlog::error("{}", input.error().message);
    return input.error().exit_code;
  }
  extract::ExtractOptions options;
  options.url = input->url;
  options.content_type = input->content_type;
  options.max_page_bytes = args.max_page_bytes;
  auto article = extract::extract_article(input->bytes, options);
  if (!article) {
    spdlog::error("{}: {}", args.input, article.error().message);
    return exit_code_for(article.error().kind);
  }
  const std::string output =
      args.format == "json" ? report::article_json(*article) : report::article_text(*article);
  if (const ExitCode written = write_stdout(output); written != ExitCode::ok) {
    return written;
  }
  if (article->blocks.empty()) {
    spdlog::error("{}: no article text found on the page", args.input);
    return ExitCode::no_article;
  }
  return ExitCode::ok;
}

}  // namespace

void add_extract_command(CLI::App& app, std::string_view name, std::string_view summary,
                         CommandResult& result) {
  auto args = std::make_shared<ExtractArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("input", args->input, "HTML file, '-' for standard input, or http(s) URL")
      ->required();
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("--max-page-bytes", args->max_page_bytes, "refuse larger pages")
      ->check(page_byte_limit())
      ->capture_default_str();
  command->add_option("--timeout", args->timeout_seconds, "seconds allowed for fetching a URL")
      ->check(seconds_between(0.1, 3600.0))
      ->capture_default_str();
  command->footer(
      "Prints the main text of a news page: paragraphs, subheadings, list items and quotes,\n"
      "without navigation, ads, share bars, related stories or footers. --format json adds\n"
      "title, byline, standfirst, site_name, published, modified, url, language and paragraphs.");
  command->callback([args, &result] { result.exit_code = run_extract(*args); });
}

}  // namespace tracker::cli
