#include "tracker/syndication/feed.h"

#include <array>
#include <optional>

#include "tracker/syndication/feed_readers.h"
#include "tracker/syndication/xml_input.h"
#include "tracker/syndication/xml_tree.h"
#include "tracker/text/utf8.h"

namespace tracker::syndication {
namespace {

// Earlier drafts of Atom 0.3 used these namespaces; feeds written to them still exist.
constexpr std::array<std::string_view, 3> k_atom03_namespaces = {
    ns::atom03, "http://purl.org/echo/", "http://purl.org/pie/"};

constexpr std::size_t k_sniff_bytes = 64 * 1024;

bool is_feed_root(std::string_view qualified_name) {
  const std::string_view local = local_name(qualified_name);
  return local == "rss" || local == "feed" || local == "RDF";
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

FeedError not_a_feed(std::string why) {
  return FeedError{"not a feed: " + std::move(why)};
}

// Says what a document is when no root element could be found, or nothing.
std::optional<FeedError> recognise_non_xml(std::string_view bytes, std::string_view utf8) {
  if (bytes.starts_with("\x1F\x8B")) {
    return not_a_feed("the data is gzip-compressed");
  }
  if (is_blank(utf8)) {
    return FeedError{"empty document"};
  }
  const std::size_t first = utf8.find_first_not_of(" \t\r\n");
  if (utf8[first] == '{' || utf8[first] == '[') {
    return not_a_feed("the document is JSON, not XML");
  }
  if (utf8[first] != '<') {
    return not_a_feed("the document is not XML");
  }
  return std::nullopt;
}

tl::expected<Feed, FeedError> read_root(pugi::xml_node root, std::string_view feed_url) {
  const std::string_view local = local_name(root.name());
  const std::string_view uri = namespace_uri(root);
  if (local == "rss") {
    return read_rss2(root, feed_url);
  }
  if (local == "RDF" && uri == ns::rdf) {
    const std::string_view default_namespace = root.attribute("xmlns").value();
    for (const std::string_view vocabulary : {ns::rss10, ns::rss090}) {
      if (child_element(root, vocabulary, "channel") || child_element(root, vocabulary, "item") ||
          default_namespace == vocabulary) {
        return read_rss1(root, vocabulary, feed_url);
      }
    }
    return tl::make_unexpected(
        not_a_feed("<" + std::string(root.name()) + "> holds no RSS 1.0 channel or item"));
  }
  if (local == "feed" && uri == ns::atom10) {
    return read_atom(root, FeedFormat::atom1, feed_url);
  }
  if (local == "feed" && uri.empty()) {
    // No namespace at all: an Atom feed written carelessly, not some other <feed>.
    const bool atom03 = std::string_view(root.attribute("version").value()) == "0.3";
    return read_atom(root, atom03 ? FeedFormat::atom03 : FeedFormat::atom1, feed_url);
  }
  if (local == "feed") {
    for (const std::string_view atom03 : k_atom03_namespaces) {
      if (uri == atom03) {
        return read_atom(root, FeedFormat::atom03, feed_url);
      }
    }
    return tl::make_unexpected(
        not_a_feed("<feed> is in namespace '" + std::string(uri) + "', not Atom's"));
  }
  return tl::make_unexpected(not_a_feed("root element <" + std::string(root.name()) + ">"));
}

}  // namespace

tl::expected<Feed, FeedError> parse_feed(std::string_view bytes, std::string_view feed_url,
                                         std::string_view content_type) {
  auto utf8 = decode_xml(bytes, content_type);
  if (!utf8) {
    return tl::make_unexpected(utf8.error());
  }
  const Prolog prolog = scan_prolog(*utf8);
  if (prolog.root_name.empty()) {
    if (auto error = recognise_non_xml(bytes, *utf8)) {
      return tl::make_unexpected(std::move(*error));
    }
  } else if (!is_feed_root(prolog.root_name)) {
    // Checked before parsing: an HTML page is rarely well-formed XML, and "not a feed" is
    // what its reader needs to hear, not where its first unclosed <meta> is.
    return tl::make_unexpected(not_a_feed("root element <" + prolog.root_name + ">"));
  }
  pugi::xml_document document;
  if (auto parsed = parse_xml(*utf8, document); !parsed) {
    return tl::make_unexpected(parsed.error());
  }
  auto feed = read_root(document.document_element(), feed_url);
  if (feed) {
    feed->title = text::truncate_chars(std::move(feed->title), text::k_max_title_chars);
    for (FeedItem& item : feed->items) {
      item.title = text::truncate_chars(std::move(item.title), text::k_max_title_chars);
    }
  }
  return feed;
}

bool looks_like_feed(std::string_view bytes) {
  std::string_view head = bytes.substr(0, k_sniff_bytes);
  if (head.size() < bytes.size()) {
    head = head.substr(0, head.size() - head.size() % 4);  // whole UTF-16 and UTF-32 units
  }
  const auto utf8 = decode_xml(head, {});
  return utf8 && is_feed_root(scan_prolog(*utf8).root_name);
}

std::string_view format_name(FeedFormat format) {
  switch (format) {
    case FeedFormat::rss2:
      return "RSS 2.0";
    case FeedFormat::rss1:
      return "RSS 1.0";
    case FeedFormat::atom1:
      return "Atom 1.0";
    case FeedFormat::atom03:
      return "Atom 0.3";
  }
  return "unknown";
}

}  // namespace tracker::syndication
