#include "tracker/cli/document_input.h"

#include <cstdlib>
#include <filesystem>

#include "tracker/config/settings.h"
#include "tracker/config/topics_file.h"
#include "tracker/extract/extractor.h"
#include "tracker/pipeline/page_claims.h"

namespace tracker::cli {
namespace {

bool looks_like_html(std::string_view bytes) {
  const std::size_t start = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return start != std::string_view::npos && bytes[start] == '<';
}

}  // namespace

std::vector<std::string> plain_text_paragraphs(std::string_view text) {
  std::vector<std::string> paragraphs;
  std::string current;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (!current.empty()) {
        paragraphs.push_back(std::move(current));
        current.clear();
      }
    } else {
      if (!current.empty()) {
        current += ' ';
      }
      current += line;
    }
    pos = end + 1;
  }
  if (!current.empty()) {
    paragraphs.push_back(std::move(current));
  }
  return paragraphs;
}

tl::expected<DocumentText, InputError> read_document(std::string_view argument,
                                                     const net::FetchOptions& fetch) {
  auto input = read_page_input(argument, fetch);
  if (!input) {
    return tl::make_unexpected(input.error());
  }
  DocumentText document;
  if (!looks_like_html(input->bytes)) {
    document.paragraphs = plain_text_paragraphs(input->bytes);
    if (document.paragraphs.empty()) {
      return tl::make_unexpected(InputError{ExitCode::bad_input, std::string(argument) + ": no text"});
    }
    return document;
  }
  extract::ExtractOptions options;
  options.url = input->url;
  options.content_type = input->content_type;
  options.max_page_bytes = fetch.max_body_bytes;
  auto article = extract::extract_article(input->bytes, options);
  if (!article) {
    return tl::make_unexpected(
        InputError{ExitCode::bad_input, std::string(argument) + ": " + article.error().message});
  }
  document.title = article->metadata.title;
  document.fields = pipeline::page_fields_of(article->metadata);
  for (extract::ContentBlock& block : article->blocks) {
    if (block.kind != extract::BlockKind::heading) {
      document.paragraphs.push_back(std::move(block.text));
    }
  }
  if (document.paragraphs.empty()) {
    return tl::make_unexpected(
        InputError{ExitCode::no_article, std::string(argument) + ": no article text found on the page"});
  }
  return document;
}

tl::expected<claims::TopicLexicon, InputError> load_topic_lexicon(const std::string& explicit_path) {
  std::filesystem::path path = explicit_path;
  if (path.empty()) {
    if (const char* from_environment = std::getenv("TRACKER_TOPICS"); from_environment != nullptr &&
                                                                       *from_environment != '\0') {
      path = from_environment;
    } else if (std::filesystem::exists("feeds/topics.toml")) {
      path = "feeds/topics.toml";
    }
  }
  auto lexicon = path.empty() ? config::default_topics() : config::load_topics(path);
  if (!lexicon) {
    return tl::make_unexpected(InputError{ExitCode::failure, lexicon.error()});
  }
  return std::move(*lexicon);
}

tl::expected<std::vector<claims::Claim>, InputError> claims_within_limits(
    claims::ClaimExtractor& extractor, const std::vector<std::string>& paragraphs,
    std::string_view source, claims::ParagraphMemo* memo) {
  const std::size_t limit = config::Settings{}.max_sentences_per_page;
  const claims::ClaimLimits limits{limit, {}};
  auto claims = memo ? extractor.extract(paragraphs, limits, *memo) : extractor.extract(paragraphs, limits);
  if (!claims) {
    return tl::make_unexpected(InputError{
        ExitCode::bad_input, std::string(source) + ": " + claims.error().message +
                                 " (over [limits] max_sentences_per_page = " + std::to_string(limit) + ")"});
  }
  return std::move(*claims);
}

}  // namespace tracker::cli
