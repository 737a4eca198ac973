#include "tracker/report/atom_xml.h"

#include <sstream>

#include "tracker/report/stored_changes.h"
#include "tracker/text/utf8.h"
#include "tracker/version.h"

namespace tracker::report {

std::string xml_text(std::string_view text) {
  const std::string repaired = text::repair_utf8(text);
  std::string out;
  out.reserve(repaired.size());
  for (std::size_t i = 0; i < repaired.size(); ++i) {
    const auto byte = static_cast<unsigned char>(repaired[i]);
    if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') {
      continue;
    }
    if (byte == 0xEF && i + 2 < repaired.size() &&
        static_cast<unsigned char>(repaired[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(repaired[i + 2]) == 0xBE ||
         static_cast<unsigned char>(repaired[i + 2]) == 0xBF)) {
      i += 2;
      continue;
    }
    out.push_back(repaired[i]);
  }
  return out;
}

void add_text(pugi::xml_node parent, std::string_view text) {
  parent.append_child(pugi::node_pcdata).set_value(xml_text(text).c_str());
}

pugi::xml_node add_element(pugi::xml_node parent, const char* name, std::string_view text) {
  pugi::xml_node element = parent.append_child(name);
  add_text(element, text);
  return element;
}

std::string shortened(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) {
    return text;
  }
  std::size_t cut = text.rfind(' ', limit);
  if (cut == std::string::npos || cut < limit / 2) {
    cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
      --cut;  // not inside a UTF-8 sequence
    }
  }
  return text.substr(0, cut) + "\u2026";
}

pugi::xml_node start_feed(pugi::xml_document& xml, const AtomFeedContext& context,
                          store::UnixSeconds updated) {
  pugi::xml_node declaration = xml.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "utf-8";
  pugi::xml_node feed = xml.append_child("feed");
  feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
  add_element(feed, "id", context.id);
  add_element(feed, "title", context.title).append_attribute("type") = "text";
  add_element(feed, "updated", utc_time(updated));
  add_element(feed.append_child("author"), "name", "tracker");
  pugi::xml_node generator = add_element(feed, "generator", "tracker");
  generator.append_attribute("version") = k_version;
  return feed;
}

std::string feed_text(const pugi::xml_document& xml) {
  std::ostringstream out;
  xml.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

}  // namespace tracker::report
