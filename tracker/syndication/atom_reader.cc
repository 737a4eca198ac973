// Atom 1.0 and Atom 0.3 share their structure; they differ in how a text construct says what
// it holds (type="html" against type="text/html" mode="escaped") and in the names of dates.
#include <cstdint>

#include "tracker/syndication/feed_date.h"
#include "tracker/syndication/feed_readers.h"
#include "tracker/syndication/html_text.h"
#include "tracker/syndication/xml_tree.h"
#include "tracker/text/tokens.h"
#include "tracker/text/utf8.h"
#include "tracker/text/whitespace.h"

namespace tracker::syndication {
namespace {

// A text construct's value and whether that value is HTML.
struct TextConstruct {
  std::string value;
  bool is_html = false;
};

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= 'a' && c <= 'z') {
    return c - 'a' + 26;
  }
  if (c >= '0' && c <= '9') {
    return c - '0' + 52;
  }
  if (c == '+') {
    return 62;
  }
  if (c == '/') {
    return 63;
  }
  return -1;
}

// Atom 0.3's mode="base64"; characters outside the alphabet (whitespace, '=') are skipped.
std::string decode_base64(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int value = base64_value(c);
    if (value < 0) {
      continue;
    }
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

// The XHTML of an inline construct: the content of its wrapping <div>, which Atom 1.0 says is
// not part of the content; the whole content when there is no single wrapper.
std::string inline_xhtml(pugi::xml_node construct) {
  pugi::xml_node wrapper;
  for (const pugi::xml_node child : construct.children()) {
    if (child.type() == pugi::node_element) {
      if (wrapper || local_name(child.name()) != "div") {
        return inner_html(construct);
      }
      wrapper = child;
    } else if (child.type() == pugi::node_pcdata &&
               !text::collapse_whitespace(child.value()).empty()) {
      return inner_html(construct);
    }
  }
  return wrapper ? inner_html(wrapper) : inner_html(construct);
}

bool has_child_elements(pugi::xml_node node) {
  for (const pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element) {
      return true;
    }
  }
  return false;
}

TextConstruct read_atom10(pugi::xml_node construct) {
  const std::string type = text::ascii_lower(text::collapse_whitespace(attribute_text(construct, {}, "type")));
  if (!attribute_text(construct, {}, "src").empty()) {
    return {};  // out-of-line content: nothing here to read
  }
  if (type == "html" || type == "text/html") {
    return {text_content(construct), true};
  }
  if (type == "xhtml" || type == "application/xhtml+xml") {
    return {inline_xhtml(construct), true};
  }
  if (type.empty() || type == "text" || type.starts_with("text/")) {
    return {text_content(construct), false};
  }
  return {};  // another media type, base64-encoded: not text
}

TextConstruct read_atom03(pugi::xml_node construct) {
  std::string type = text::ascii_lower(text::collapse_whitespace(attribute_text(construct, {}, "type")));
  const std::string mode = text::ascii_lower(text::collapse_whitespace(attribute_text(construct, {}, "mode")));
  if (type.empty()) {
    type = "text/plain";
  }
  const bool html = type == "text/html" || type == "html";
  const bool xhtml = type == "application/xhtml+xml" || type == "xhtml";
  if (mode == "base64") {
    return {text::repair_utf8(decode_base64(text_content(construct))), html || xhtml};
  }
  if (mode == "escaped") {
    return {text_content(construct), html || xhtml};
  }
  if (xhtml || has_child_elements(construct)) {
    return {inline_xhtml(construct), true};
  }
  return {text_content(construct), html};
}

TextConstruct read_construct(pugi::xml_node construct, FeedFormat format) {
  return format == FeedFormat::atom1 ? read_atom10(construct) : read_atom03(construct);
}

std::string as_plain(const TextConstruct& construct) {
  return construct.is_html ? html_to_text(construct.value)
                           : text::collapse_whitespace(construct.value);
}

std::string as_html(TextConstruct construct) {
  return construct.is_html ? std::move(construct.value) : escape_html(construct.value);
}

// Picks the link to the item's page among an entry's <link> elements: rel="alternate" (the
// default), preferring an HTML type; enclosures, self and related links are not the page.
class LinkChoice {
 public:
  void offer(pugi::xml_node link, std::string_view feed_url) {
    std::string rel = text::collapse_whitespace(attribute_text(link, {}, "rel"));
    if (!rel.empty() && rel != "alternate" &&
        rel != "http://www.iana.org/assignments/relation/alternate") {
      return;
    }
    std::string raw = attribute_text(link, {}, "href");
    if (raw.empty() && !link.attribute("href")) {
      raw = text_content(link);  // <link>http://...</link>: wrong, but its meaning is plain
    }
    std::string href = resolve_link(link, feed_url, raw);
    if (href.empty()) {
      return;
    }
    const std::string type = text::ascii_lower(text::collapse_whitespace(attribute_text(link, {}, "type")));
    const bool html = type.empty() || type == "text/html" || type == "application/xhtml+xml";
    if (m_href.empty() || (html && !m_html)) {
      m_href = std::move(href);
      m_html = html;
    }
  }
  std::string take() { return std::move(m_href); }

 private:
  std::string m_href;
  bool m_html = false;
};

FeedItem read_entry(pugi::xml_node entry, std::string_view vocabulary, FeedFormat format,
                    std::string_view feed_url) {
  FeedItem item;
  LinkChoice link;
  std::string published;
  std::string created;
  std::string updated;
  bool has_title = false;
  bool has_summary = false;
  bool has_content = false;
  for (const pugi::xml_node child : entry.children()) {
    if (child.type() != pugi::node_element || namespace_uri(child) != vocabulary) {
      continue;
    }
    const std::string_view name = local_name(child.name());
    if (name == "id" && item.id.empty()) {
      item.id = text::collapse_whitespace(text_content(child));
    } else if (name == "title" && !has_title) {
      item.title = as_plain(read_construct(child, format));
      has_title = true;
    } else if (name == "link") {
      link.offer(child, feed_url);
    } else if ((name == "published" || name == "issued") && published.empty()) {
      published = text_content(child);
    } else if (name == "created" && created.empty()) {
      created = text_content(child);
    } else if ((name == "updated" || name == "modified") && updated.empty()) {
      updated = text_content(child);
    } else if (name == "summary" && !has_summary) {
      item.summary = as_html(read_construct(child, format));
      has_summary = true;
    } else if (name == "content" && !has_content) {
      item.content = as_html(read_construct(child, format));
      has_content = true;
    }
  }
  item.link = link.take();
  if (item.id.empty()) {
    item.id = item.link;
  }
  item.published = normalize_feed_date(published);
  if (item.published.empty()) {
    item.published = normalize_feed_date(created);
  }
  item.updated = normalize_feed_date(updated);
  return item;
}

}  // namespace

Feed read_atom(pugi::xml_node feed_node, FeedFormat format, std::string_view feed_url) {
  Feed feed;
  feed.format = format;
  const std::string_view vocabulary = namespace_uri(feed_node);
  LinkChoice link;
  bool has_title = false;
  for (const pugi::xml_node child : feed_node.children()) {
    if (child.type() != pugi::node_element || namespace_uri(child) != vocabulary) {
      continue;
    }
    const std::string_view name = local_name(child.name());
    if (name == "title" && !has_title) {
      feed.title = as_plain(read_construct(child, format));
      has_title = true;
    } else if (name == "link") {
      link.offer(child, feed_url);
    } else if (name == "entry" && feed.items.size() < k_max_feed_items) {
      feed.items.push_back(read_entry(child, vocabulary, format, feed_url));
    }
  }
  feed.link = link.take();
  return feed;
}

}  // namespace tracker::syndication
