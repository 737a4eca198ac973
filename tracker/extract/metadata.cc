#include "tracker/extract/metadata.h"

#include <libxml/uri.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <array>
#include <memory>

#include "tracker/extract/byline.h"
#include "tracker/extract/dom.h"
#include "tracker/extract/iso_date.h"
#include "tracker/syndication/entities.h"
#include "tracker/text/tokens.h"
#include "tracker/text/utf8.h"
#include "tracker/text/whitespace.h"

namespace tracker::extract {
namespace {

using nlohmann::json;

// Candidate values seen while reading the page, by source.
struct Found {
  std::string og_title, twitter_title, title_tag, h1, ld_headline;
  std::string meta_author, article_author, ld_author, rel_author, byline_element;
  std::string og_site_name, ld_publisher, application_name;
  std::string article_published, ld_published, meta_date, itemprop_published, time_element;
  std::string article_modified, ld_modified, og_updated, itemprop_modified;
  std::string ld_description, og_description, meta_description, twitter_description, dc_description;
  std::string canonical, og_url;
  std::vector<std::string> feeds;  // hrefs as written
  std::string html_lang, content_language, og_locale, ld_language;
};

void set_once(std::string& field, std::string_view value) {
  if (field.empty()) {
    field = text::collapse_whitespace(value);
  }
}

bool is_article_type(const json& type) {
  static constexpr std::array<std::string_view, 9> k_types = {
      "Article",        "NewsArticle",        "ReportageNewsArticle", "AnalysisNewsArticle",
      "BlogPosting",    "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting",
      "ScholarlyArticle"};
  const auto matches = [](const json& value) {
    return value.is_string() &&
           std::find(k_types.begin(), k_types.end(), value.get_ref<const std::string&>()) !=
               k_types.end();
  };
  if (type.is_array()) {
    return std::any_of(type.begin(), type.end(), matches);
  }
  return matches(type);
}

std::string string_field(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) {
    return {};
  }
  if (it->is_string()) {
    return it->get<std::string>();
  }
  if (it->is_object()) {
    return string_field(*it, "name");
  }
  return {};
}

// "author" may be a string, an object with "name", or an array of either.
std::string author_names(const json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_object()) {
    return string_field(value, "name");
  }
  if (value.is_array()) {
    std::string names;
    for (const json& item : value) {
      const std::string name = author_names(item);
      if (!name.empty() && names.find(name) == std::string::npos) {
        names += names.empty() ? name : ", " + name;
      }
    }
    return names;
  }
  return {};
}

void read_json_ld_object(const json& object, Found& found, int depth) {
  constexpr int k_max_depth = 8;
  if (depth > k_max_depth) {
    return;
  }
  if (object.is_array()) {
    for (const json& item : object) {
      read_json_ld_object(item, found, depth + 1);
    }
    return;
  }
  if (!object.is_object()) {
    return;
  }
  if (const auto graph = object.find("@graph"); graph != object.end()) {
    read_json_ld_object(*graph, found, depth + 1);
  }
  const auto type = object.find("@type");
  if (type == object.end() || !is_article_type(*type)) {
    return;
  }
  set_once(found.ld_headline, string_field(object, "headline"));
  set_once(found.ld_published, string_field(object, "datePublished"));
  set_once(found.ld_modified, string_field(object, "dateModified"));
  set_once(found.ld_language, string_field(object, "inLanguage"));
  set_once(found.ld_description, string_field(object, "description"));
  if (const auto author = object.find("author"); author != object.end()) {
    set_once(found.ld_author, author_names(*author));
  }
  if (const auto publisher = object.find("publisher"); publisher != object.end()) {
    set_once(found.ld_publisher, author_names(*publisher));
  }
}

void read_meta(const xmlNode* node, Found& found) {
  const std::string key = text::ascii_lower(!dom::attribute(node, "property").empty()
                                    ? dom::attribute(node, "property")
                                    : !dom::attribute(node, "name").empty()
                                          ? dom::attribute(node, "name")
                                          : dom::attribute(node, "itemprop"));
  const std::string_view value = dom::attribute(node, "content");
  if (value.empty()) {
    if (text::ascii_lower(dom::attribute(node, "http-equiv")) == "content-language") {
      set_once(found.content_language, dom::attribute(node, "content"));
    }
    return;
  }
  if (key == "og:title") {
    set_once(found.og_title, value);
  } else if (key == "twitter:title") {
    set_once(found.twitter_title, value);
  } else if (key == "author" || key == "dc.creator" || key == "byl" || key == "sailthru.author" ||
             key == "parsely-author") {
    set_once(found.meta_author, value);
  } else if (key == "article:author" && !value.starts_with("http")) {
    set_once(found.article_author, value);
  } else if (key == "og:description") {
    set_once(found.og_description, value);
  } else if (key == "description") {
    set_once(found.meta_description, value);
  } else if (key == "twitter:description") {
    set_once(found.twitter_description, value);
  } else if (key == "dc.description" || key == "dcterms.description") {
    set_once(found.dc_description, value);
  } else if (key == "og:site_name") {
    set_once(found.og_site_name, value);
  } else if (key == "application-name") {
    set_once(found.application_name, value);
  } else if (key == "article:published_time" || key == "og:article:published_time") {
    set_once(found.article_published, value);
  } else if (key == "datepublished") {
    set_once(found.itemprop_published, value);
  } else if (key == "date" || key == "pubdate" || key == "publishdate" || key == "dc.date.issued" ||
             key == "dc.date" || key == "dcterms.created" || key == "sailthru.date" ||
             key == "parsely-pub-date") {
    set_once(found.meta_date, value);
  } else if (key == "article:modified_time" || key == "og:article:modified_time") {
    set_once(found.article_modified, value);
  } else if (key == "og:updated_time") {
    set_once(found.og_updated, value);
  } else if (key == "datemodified" || key == "dcterms.modified") {
    set_once(found.itemprop_modified, value);
  } else if (key == "og:url") {
    set_once(found.og_url, value);
  } else if (key == "og:locale") {
    std::string locale(value);
    std::replace(locale.begin(), locale.end(), '_', '-');
    set_once(found.og_locale, locale);
  }
}

// Case-insensitive search for a lower-case `needle`, without allocating: this runs for
// every element of the page.
bool contains_lowercase(std::string_view haystack, std::string_view needle) {
  const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                              [](char a, char b) {
                                return ((a >= 'A' && a <= 'Z') ? static_cast<char>(a - 'A' + 'a') : a) == b;
                              });
  return it != haystack.end();
}

// A script's JSON with the wrapper some CMSs put around it for XHTML ("<![CDATA[ ... ]]>",
// "//<![CDATA[", "<!-- ... -->") taken off.
std::string_view without_cdata(std::string_view script) {
  const auto trim = [](std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
      s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
      s.remove_suffix(1);
    }
    return s;
  };
  script = trim(script);
  for (std::string_view open : {"//<![CDATA[", "<![CDATA[", "<!--"}) {
    if (script.starts_with(open)) {
      script = trim(script.substr(open.size()));
    }
  }
  for (std::string_view close : {"//]]>", "]]>", "-->"}) {
    if (script.ends_with(close)) {
      script = trim(script.substr(0, script.size() - close.size()));
    }
  }
  return script;
}

// <link rel="alternate" type="application/rss+xml">: rel is a list of words.
bool is_feed_link(std::string_view rel, std::string_view type) {
  bool alternate = false;
  for (std::size_t from = 0; from < rel.size();) {
    const std::size_t to = std::min(rel.find(' ', from), rel.size());
    alternate = alternate || rel.substr(from, to - from) == "alternate";
    from = to + 1;
  }
  return alternate && (type == "application/rss+xml" || type == "application/atom+xml");
}

void read_element(const xmlNode* node, Found& found) {
  const std::string_view name = dom::tag(node);
  if (name == "meta") {
    read_meta(node, found);
  } else if (name == "title") {
    set_once(found.title_tag, dom::text_of(node));
  } else if (name == "link") {
    const std::string rel = text::ascii_lower(dom::attribute(node, "rel"));
    if (rel == "canonical") {
      set_once(found.canonical, dom::attribute(node, "href"));
    } else if (rel == "author" && !dom::text_of(node).empty()) {
      set_once(found.rel_author, dom::text_of(node));
    } else if (is_feed_link(rel, text::ascii_lower(dom::attribute(node, "type"))) && !dom::attribute(node, "href").empty()) {
      found.feeds.push_back(text::collapse_whitespace(dom::attribute(node, "href")));
    }
  } else if (name == "script") {
    if (text::ascii_lower(dom::attribute(node, "type")) == "application/ld+json") {
      const std::string script = dom::text_of(node);
      const json parsed = json::parse(without_cdata(script), nullptr, /*allow_exceptions=*/false);
      if (!parsed.is_discarded()) {
        read_json_ld_object(parsed, found, 0);
      }
    }
  } else if (name == "h1") {
    set_once(found.h1, dom::text_of(node));
  } else if (name == "time") {
    const std::string_view itemprop = dom::attribute(node, "itemprop");
    const std::string_view datetime = dom::attribute(node, "datetime");
    if (itemprop == "datePublished") {
      set_once(found.itemprop_published, datetime);
    } else if (itemprop == "dateModified") {
      set_once(found.itemprop_modified, datetime);
    } else {
      set_once(found.time_element, datetime);
    }
  } else if (name == "a" && text::ascii_lower(dom::attribute(node, "rel")) == "author") {
    set_once(found.rel_author, dom::text_of(node));
  }
  if (name != "meta" && name != "time") {
    const std::string_view itemprop = dom::attribute(node, "itemprop");
    if (itemprop == "datePublished" && !dom::attribute(node, "content").empty()) {
      set_once(found.itemprop_published, dom::attribute(node, "content"));
    } else if (itemprop == "author" && name != "link") {
      set_once(found.byline_element, dom::text_of(node));
    }
  }
  if (found.byline_element.empty()) {
    if (contains_lowercase(dom::attribute(node, "class"), "byline")) {
      const std::string byline = dom::text_of(node);
      constexpr std::size_t k_max_byline = 100;
      if (!byline.empty() && byline.size() <= k_max_byline) {
        set_once(found.byline_element, byline);
      }
    }
  }
}

const std::string& first_of(std::initializer_list<const std::string*> candidates) {
  static const std::string k_empty;
  for (const std::string* candidate : candidates) {
    if (!candidate->empty()) {
      return *candidate;
    }
  }
  return k_empty;
}

std::string first_date(std::initializer_list<const std::string*> candidates) {
  for (const std::string* candidate : candidates) {
    if (std::string date = normalize_date(*candidate); !date.empty()) {
      return date;
    }
  }
  return {};
}

// "Headline | Site" → "Headline", when the part cut off is the site's name or short.
std::string clean_title_tag(const std::string& title, const std::string& site_name) {
  static constexpr std::array<std::string_view, 5> k_separators = {" | ", " - ", " – ", " — ",
                                                                   " :: "};
  for (std::string_view separator : k_separators) {
    const std::size_t at = title.rfind(separator);
    if (at == std::string::npos || at == 0) {
      continue;
    }
    const std::string tail = title.substr(at + separator.size());
    constexpr std::size_t k_short_tail_words = 4;
    const auto words = static_cast<std::size_t>(std::count(tail.begin(), tail.end(), ' ')) + 1;
    if ((!site_name.empty() && tail == site_name) || words <= k_short_tail_words) {
      return title.substr(0, at);
    }
  }
  return title;
}

// Content attributes escaped twice by their CMS ("that&amp;#039;s") still hold references once
// the parser decoded them: what the page means is the text with those decoded too.
std::string decode_leftover_references(const std::string& value) {
  if (value.find('&') == std::string::npos || value.find(';') == std::string::npos) {
    return value;
  }
  std::string decoded;
  syndication::append_decoded(decoded, value);
  return decoded;
}

std::string resolve(std::string_view base, const std::string& href) {
  if (href.empty() || base.empty()) {
    return href;
  }
  const std::string base_copy(base);
  std::unique_ptr<xmlChar, decltype(xmlFree)> resolved(
      xmlBuildURI(reinterpret_cast<const xmlChar*>(href.c_str()),
                  reinterpret_cast<const xmlChar*>(base_copy.c_str())),
      xmlFree);
  return resolved ? std::string(reinterpret_cast<const char*>(resolved.get())) : href;
}

}  // namespace

PageMetadata read_metadata(xmlDoc* doc, std::string_view page_url) {
  PageMetadata metadata;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) {
    return metadata;
  }
  Found found;
  found.html_lang = text::collapse_whitespace(dom::attribute(root, "lang"));
  for (xmlNode* at = root; at != nullptr; at = dom::next_in_order(at, root)) {
    if (dom::is_element(at)) {
      read_element(at, found);
    }
  }

  metadata.site_name = first_of({&found.og_site_name, &found.ld_publisher, &found.application_name});
  metadata.title = first_of({&found.ld_headline, &found.og_title, &found.twitter_title});
  if (metadata.title.empty()) {
    metadata.title = !found.title_tag.empty() ? clean_title_tag(found.title_tag, metadata.site_name)
                                              : found.h1;
  }
  for (const std::string* candidate : {&found.ld_author, &found.meta_author, &found.article_author,
                                        &found.byline_element, &found.rel_author}) {
    if (metadata.byline = clean_byline(*candidate); !metadata.byline.empty()) {
      break;
    }
  }
  metadata.standfirst = decode_leftover_references(first_of(
      {&found.ld_description, &found.og_description, &found.meta_description, &found.twitter_description,
       &found.dc_description}));
  for (std::string* field : {&metadata.title, &metadata.site_name, &metadata.byline, &metadata.standfirst}) {
    *field = text::truncate_chars(std::move(*field), text::k_max_title_chars);
  }
  metadata.published = first_date({&found.article_published, &found.ld_published,
                                   &found.itemprop_published, &found.meta_date,
                                   &found.time_element});
  metadata.modified = first_date({&found.article_modified, &found.ld_modified,
                                  &found.itemprop_modified, &found.og_updated});
  metadata.url = resolve(page_url, first_of({&found.canonical, &found.og_url}));
  for (const std::string& feed : found.feeds) {
    std::string absolute = resolve(page_url, feed);
    if (std::find(metadata.feeds.begin(), metadata.feeds.end(), absolute) == metadata.feeds.end()) {
      metadata.feeds.push_back(std::move(absolute));
    }
  }
  metadata.language = first_of({&found.html_lang, &found.content_language, &found.ld_language,
                                &found.og_locale});
  return metadata;
}

}  // namespace tracker::extract
