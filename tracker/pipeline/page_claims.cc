#include "tracker/pipeline/page_claims.h"

#include "tracker/extract/extractor.h"
#include "tracker/text/normalize.h"

namespace tracker::pipeline {
namespace {

std::string normalized_text(const std::vector<std::string>& paragraphs) {
  std::string text;
  for (const std::string& paragraph : paragraphs) {
    if (!text.empty()) {
      text += "\n\n";
    }
    text += text::normalize_text(paragraph);
  }
  return text;
}

// " (over [limits] max_dom_depth = 256)": where to raise a limit a page went past.
std::string limit_note(std::string_view key, std::size_t value) {
  return " (over [limits] " + std::string(key) + " = " + std::to_string(value) + ")";
}

}  // namespace

tl::expected<PageClaims, std::string> read_page_claims(std::string_view page, claims::ClaimExtractor& extractor,
                                                       const PageClaimsOptions& options) {
  return read_page_claims(page, extractor, options, options.url);
}

tl::expected<PageClaims, std::string> read_page_claims(std::string_view page, claims::ClaimExtractor& extractor,
                                                       const PageClaimsOptions& options, std::string_view base_url) {
  auto read = read_page_text(page, options, base_url);
  if (!read) {
    return read;
  }
  if (auto claimed = add_page_claims(*read, extractor, options); !claimed) {
    return tl::make_unexpected(std::move(claimed.error()));
  }
  return read;
}

tl::expected<PageClaims, std::string> read_page_text(std::string_view page, const PageClaimsOptions& options,
                                                     std::string_view base_url) {
  const std::string url(options.url);
  extract::ExtractOptions extract_options;
  extract_options.url = base_url;
  extract_options.content_type = options.content_type;
  extract_options.max_page_bytes = options.max_page_bytes;
  extract_options.dom_limits = options.dom_limits;
  extract_options.out_of_time = options.out_of_time;
  auto article = extract::extract_article(page, extract_options);
  if (!article) {
    const extract::DomLimit limit = article.error().dom_limit;
    const extract::DomLimits& limits = options.dom_limits;
    return tl::make_unexpected(
        url + ": " + article.error().message +
        (limit == extract::DomLimit::elements     ? limit_note("max_dom_elements", limits.max_elements)
         : limit == extract::DomLimit::depth      ? limit_note("max_dom_depth", limits.max_depth)
         : limit == extract::DomLimit::attributes ? limit_note("max_attributes_per_element", limits.max_attributes)
                                                  : std::string()));
  }
  PageClaims result;
  result.title = article->metadata.title;
  result.fields = page_fields_of(article->metadata);
  for (const extract::ContentBlock& block : article->blocks) {
    if (block.kind != extract::BlockKind::heading) {
      result.paragraphs.push_back(block.text);
    }
  }
  if (result.paragraphs.empty()) {
    return tl::make_unexpected(url + ": no article text found on the page");
  }
  result.text = normalized_text(result.paragraphs);
  return result;
}

tl::expected<void, std::string> add_page_claims(PageClaims& page, claims::ClaimExtractor& extractor,
                                                const PageClaimsOptions& options, claims::ParagraphMemo* memo) {
  // extract() normalises each paragraph itself; normalising is idempotent, so these claims are
  // the ones a later run re-reads from the stored text.
  claims::ClaimLimits claim_limits = options.claim_limits;
  claim_limits.out_of_time = options.out_of_time;
  auto claims = memo ? extractor.extract(page.paragraphs, claim_limits, *memo)
                     : extractor.extract(page.paragraphs, claim_limits);
  if (!claims) {
    return tl::make_unexpected(std::string(options.url) + ": " + claims.error().message +
                               (claims.error().out_of_time
                                    ? std::string()
                                    : limit_note("max_sentences_per_page", claims.error().limit)));
  }
  page.claims = std::move(*claims);
  page.headline = extractor.headline_of(page.title, page.claims);
  return {};
}

std::string stored_headline(const PageClaims& page) {
  return text::normalize_text(page.title);
}

store::PageFields page_fields_of(const extract::PageMetadata& metadata) {
  return {text::normalize_text(metadata.standfirst), text::normalize_text(metadata.byline), metadata.published,
          metadata.modified};
}

void add_page_field_changes(claims::ClaimExtractor& extractor, const store::PageFields& old_fields,
                            const store::PageFields& new_fields, const std::vector<claims::Claim>& old_body,
                            const std::vector<claims::Claim>& new_body, std::array<claims::Claim, 4>& claims,
                            diff::ClaimDiff& diff, const diff::DiffOptions& options) {
  using claims::PageField;
  claims[0] = extractor.field_claim(old_fields.standfirst, PageField::standfirst, old_body);
  claims[1] = extractor.field_claim(new_fields.standfirst, PageField::standfirst, new_body);
  claims[2] = extractor.field_claim(old_fields.byline, PageField::byline, old_body);
  claims[3] = extractor.field_claim(new_fields.byline, PageField::byline, new_body);
  diff::add_page_field_change(diff, claims[0], claims[1], old_body, new_body, options);
  diff::add_page_field_change(diff, claims[2], claims[3], old_body, new_body, options);
}

}  // namespace tracker::pipeline
