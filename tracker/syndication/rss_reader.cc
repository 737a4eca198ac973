// RSS 2.0 / 0.9x and RSS 1.0 / 0.90 share their element names; they differ in where items sit
// (inside <channel>, or beside it under <rdf:RDF>) and in where an item's identity lives.
#include <initializer_list>
#include <string>

#include "tracker/syndication/feed_date.h"
#include "tracker/syndication/feed_readers.h"
#include "tracker/syndication/html_text.h"
#include "tracker/syndication/uri.h"
#include "tracker/syndication/xml_tree.h"
#include "tracker/text/whitespace.h"

namespace tracker::syndication {
namespace {

// The raw values one item offers, before the precedence rules pick among them.
struct RssItemFields {
  std::string title;
  std::string dc_title;
  std::string link;
  std::string atom_link;
  std::string guid;
  bool guid_is_permalink = true;
  std::string description;
  std::string content_encoded;
  std::string dc_date;
  std::string pub_date;
  std::string issued;
  std::string created;
  std::string atom_published;
  std::string atom_updated;
  std::string modified;
};

bool is_http_url(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://");
}

// The first candidate that reads as a date, normalised; empty when none does.
std::string first_date(std::initializer_list<const std::string*> candidates) {
  for (const std::string* raw : candidates) {
    if (!raw->empty()) {
      if (std::string date = normalize_feed_date(*raw); !date.empty()) {
        return date;
      }
    }
  }
  return {};
}

void set_once(std::string& field, std::string value) {
  if (field.empty()) {
    field = std::move(value);
  }
}

// href of an atom:link that points at the item's page (rel absent or "alternate").
std::string alternate_href(pugi::xml_node link, std::string_view feed_url) {
  const std::string rel = attribute_text(link, {}, "rel");
  if (!rel.empty() && rel != "alternate") {
    return {};
  }
  return resolve_link(link, feed_url, attribute_text(link, {}, "href"));
}

FeedItem read_item(pugi::xml_node item, std::string_view vocabulary, std::string_view feed_url,
                   bool rdf) {
  RssItemFields f;
  for (const pugi::xml_node child : item.children()) {
    if (child.type() != pugi::node_element) {
      continue;
    }
    const std::string_view uri = namespace_uri(child);
    const std::string_view name = local_name(child.name());
    if (uri == vocabulary) {
      if (name == "title") {
        set_once(f.title, text_content(child));
      } else if (name == "link") {
        set_once(f.link, resolve_link(child, feed_url, text_content(child)));
      } else if (name == "description") {
        set_once(f.description, text_content(child));
      } else if (name == "guid" && f.guid.empty()) {
        f.guid = text::collapse_whitespace(text_content(child));
        f.guid_is_permalink = attribute_text(child, {}, "isPermaLink") != "false";
      } else if (name == "pubDate") {
        set_once(f.pub_date, text_content(child));
      }
    } else if (uri == ns::dc) {
      if (name == "date") {
        set_once(f.dc_date, text_content(child));
      } else if (name == "title") {
        set_once(f.dc_title, text_content(child));
      }
    } else if (uri == ns::dcterms) {
      if (name == "issued") {
        set_once(f.issued, text_content(child));
      } else if (name == "created") {
        set_once(f.created, text_content(child));
      } else if (name == "modified") {
        set_once(f.modified, text_content(child));
      }
    } else if (uri == ns::content && name == "encoded") {
      set_once(f.content_encoded, text_content(child));
    } else if (uri == ns::atom10) {
      if (name == "link") {
        set_once(f.atom_link, alternate_href(child, feed_url));
      } else if (name == "published") {
        set_once(f.atom_published, text_content(child));
      } else if (name == "updated") {
        set_once(f.atom_updated, text_content(child));
      }
    }
  }

  FeedItem out;
  out.title = plain_title(f.title.empty() ? f.dc_title : f.title);
  out.link = f.link;
  if (out.link.empty() && !f.guid.empty() && f.guid_is_permalink && is_http_url(f.guid)) {
    out.link = f.guid;  // a permalink guid is the item's address when <link> is missing
  }
  if (out.link.empty()) {
    out.link = f.atom_link;
  }
  out.id = rdf ? text::collapse_whitespace(attribute_text(item, ns::rdf, "about")) : f.guid;
  if (out.id.empty()) {
    out.id = f.guid.empty() ? out.link : f.guid;
  }
  // dc:date is RSS 1.0's only date and, like pubDate, says when the item was published.
  out.published = first_date({&f.pub_date, &f.dc_date, &f.issued, &f.created, &f.atom_published});
  out.updated = first_date({&f.atom_updated, &f.modified});
  out.summary = f.description;
  out.content = f.content_encoded;
  return out;
}

void read_channel(pugi::xml_node channel, std::string_view vocabulary, std::string_view feed_url,
                  Feed& feed) {
  std::string atom_link;
  for (const pugi::xml_node child : channel.children()) {
    if (child.type() != pugi::node_element) {
      continue;
    }
    const std::string_view uri = namespace_uri(child);
    const std::string_view name = local_name(child.name());
    if (uri == vocabulary && name == "title" && feed.title.empty()) {
      feed.title = plain_title(text_content(child));
    } else if (uri == vocabulary && name == "link" && feed.link.empty()) {
      feed.link = resolve_link(child, feed_url, text_content(child));
    } else if (uri == ns::atom10 && name == "link" && atom_link.empty()) {
      atom_link = alternate_href(child, feed_url);
    }
  }
  if (feed.link.empty()) {
    feed.link = atom_link;
  }
}

void read_items(pugi::xml_node parent, std::string_view vocabulary, std::string_view feed_url,
                bool rdf, Feed& feed) {
  for (const pugi::xml_node child : parent.children()) {
    if (feed.items.size() >= k_max_feed_items) {
      return;
    }
    if (is_element(child, vocabulary, "item")) {
      feed.items.push_back(read_item(child, vocabulary, feed_url, rdf));
    }
  }
}

}  // namespace

std::string plain_title(const std::string& raw) {
  return looks_like_html(raw) ? html_to_text(raw) : text::collapse_whitespace(raw);
}

std::string resolve_link(pugi::xml_node where, std::string_view feed_url, const std::string& raw) {
  const std::string trimmed = text::collapse_whitespace(raw);
  if (trimmed.empty()) {
    return {};
  }
  std::string link = resolve_uri(base_uri(where, feed_url), trimmed);
  return is_safe_link(link) ? link : std::string{};
}

Feed read_rss2(pugi::xml_node rss, std::string_view feed_url) {
  Feed feed;
  feed.format = FeedFormat::rss2;
  const std::string_view vocabulary = namespace_uri(rss);
  const pugi::xml_node channel = child_element(rss, vocabulary, "channel");
  if (channel) {
    read_channel(channel, vocabulary, feed_url, feed);
    read_items(channel, vocabulary, feed_url, false, feed);
  }
  // Some 0.9x feeds put items beside the channel instead of inside it.
  read_items(rss, vocabulary, feed_url, false, feed);
  return feed;
}

Feed read_rss1(pugi::xml_node rdf, std::string_view vocabulary, std::string_view feed_url) {
  Feed feed;
  feed.format = FeedFormat::rss1;
  const pugi::xml_node channel = child_element(rdf, vocabulary, "channel");
  if (channel) {
    read_channel(channel, vocabulary, feed_url, feed);
  }
  read_items(rdf, vocabulary, feed_url, true, feed);
  return feed;
}

}  // namespace tracker::syndication
