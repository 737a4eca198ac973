#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

namespace tracker::extract {

// What a page says about itself. Every field is empty when the page does not say.
struct PageMetadata {
  std::string title;
  std::string byline;      // the names credited, without "By", dates or handles (clean_byline)
  // The standfirst (dek, summary) the page gives for itself: its description in JSON-LD, Open
  // Graph, <meta name="description">, Twitter or Dublin Core, in that order.
  std::string standfirst;
  std::string site_name;
  std::string published;  // ISO 8601
  std::string modified;   // ISO 8601
  std::string url;        // canonical, absolute
  std::string language;   // BCP 47, e.g. "en" or "en-GB"
  // The RSS and Atom feeds the page links to (<link rel="alternate" type="application/rss+xml">),
  // absolute, in page order: what to watch when a home page was given as a feed.
  std::vector<std::string> feeds;
};

// Reads metadata from <head> meta tags (Open Graph, article:*, Dublin Core), JSON-LD, microdata
// and <time> elements, in that order of trust. `page_url` resolves a relative canonical link.
PageMetadata read_metadata(xmlDoc* doc, std::string_view page_url);

}  // namespace tracker::extract
