#include "tracker/report/atom_feed.h"

#include <algorithm>
#include <pugixml.hpp>
#include <tuple>
#include <vector>

#include "tracker/report/atom_xml.h"
#include "tracker/report/join.h"
#include "tracker/store/sha256.h"

namespace tracker::report {
namespace {

constexpr std::size_t k_title_claim_bytes = 120;

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  return text;
}

std::string document_name(const ChangedDocument& document) {
  const store::Document& doc = document.document;
  return !doc.title.empty() ? doc.title : !doc.url.empty() ? doc.url : doc.key;
}

// "HIGH claim changed [deployment]: Pyongyang deployed some 12,000 troops… (Kursk)".
std::string entry_title(const StoredChange& item, const ChangedDocument& document) {
  const store::Change& change = item.change;
  std::string title = upper(change.significance) + " " + kind_label(change.kind);
  if (!change.topics.empty()) {
    title += " [" + join_list(change.topics) + "]";
  }
  const std::string claim = change.new_text.value_or(change.old_text.value_or(""));
  title += ": " + shortened(claim, k_title_claim_bytes) + " (" + document_name(document) + ")";
  return title;
}

// A paragraph of the XHTML content: a label, then the words with <del> or <ins> marks.
void add_marked_paragraph(pugi::xml_node parent, std::string_view label,
                          const std::vector<diff::WordEdit>& words) {
  pugi::xml_node paragraph = parent.append_child("p");
  add_element(paragraph, "strong", label);
  for (const diff::WordEdit& edit : words) {
    add_text(paragraph, " ");
    if (edit.op == diff::WordEdit::Op::equal) {
      add_text(paragraph, edit.text);
    } else {
      add_element(paragraph, edit.op == diff::WordEdit::Op::removed ? "del" : "ins", edit.text);
    }
  }
}

void add_content(pugi::xml_node entry, const StoredChange& item, const ChangedDocument& document) {
  const store::Change& change = item.change;
  pugi::xml_node content = entry.append_child("content");
  content.append_attribute("type") = "xhtml";
  pugi::xml_node div = content.append_child("div");
  div.append_attribute("xmlns") = "http://www.w3.org/1999/xhtml";

  std::string heading = upper(change.significance) + " \u00b7 " + kind_label(change.kind);
  if (!change.topics.empty()) {
    heading += " \u00b7 " + join_list(change.topics);
  }
  if (!change.aspects.empty()) {
    heading += " \u00b7 " + join_list(change.aspects);
  }
  add_element(div, "p", heading);
  for (const std::string& note : correction_notes(item.flags)) {
    add_element(div, "p", note);
  }
  if (change.old_text && change.new_text) {
    add_marked_paragraph(div, "Before:", one_side(item.words, diff::WordEdit::Op::removed));
    add_marked_paragraph(div, "After:", one_side(item.words, diff::WordEdit::Op::added));
  } else if (change.new_text) {
    add_marked_paragraph(div, "New:", {{diff::WordEdit::Op::added, *change.new_text}});
  } else if (change.old_text) {
    add_marked_paragraph(div, "Removed:", {{diff::WordEdit::Op::removed, *change.old_text}});
  }
  pugi::xml_node where = div.append_child("p");
  add_text(where, "In ");
  const std::string_view link = web_link(document.document.url);
  if (!link.empty()) {
    pugi::xml_node anchor = add_element(where, "a", document_name(document));
    anchor.append_attribute("href") = xml_text(link).c_str();
  } else {
    add_text(where, document_name(document));
  }
  if (!document.source_name.empty()) {
    add_text(where, " (" + document.source_name + ")");
  }
  add_text(where, ", snapshot " + std::to_string(change.snapshot_id) +
                      (change.previous_snapshot_id
                           ? " against " + std::to_string(*change.previous_snapshot_id)
                           : "") +
                      ".");
}

void add_entry(pugi::xml_node feed, const StoredChange& item, const ChangedDocument& document) {
  const store::Change& change = item.change;
  pugi::xml_node entry = feed.append_child("entry");
  add_element(entry, "id", entry_id(change, document));
  add_element(entry, "title", entry_title(item, document)).append_attribute("type") = "text";
  add_element(entry, "updated", utc_time(change.created_at));
  add_element(entry, "published", utc_time(change.created_at));
  const std::string_view link = web_link(document.document.url);
  if (!link.empty()) {
    pugi::xml_node element = entry.append_child("link");
    element.append_attribute("rel") = "alternate";
    element.append_attribute("type") = "text/html";
    element.append_attribute("href") = xml_text(link).c_str();
  }
  for (const std::string& topic : change.topics) {
    entry.append_child("category").append_attribute("term") = xml_text(topic).c_str();
  }
  add_content(entry, item, document);
}

const ChangedDocument& document_of(const ChangeSet& set, store::DocumentId id) {
  static const ChangedDocument k_unknown;
  const auto found = set.documents.find(id);
  return found != set.documents.end() ? found->second : k_unknown;
}

}  // namespace

std::string uuid_urn(std::string_view name) {
  std::string hex = store::sha256_hex(name).substr(0, 32);
  hex[12] = '8';  // version 8: custom (RFC 9562 section 5.8)
  constexpr const char* k_hex = "0123456789abcdef";
  const int variant = std::stoi(hex.substr(16, 1), nullptr, 16);
  hex[16] = k_hex[(variant & 0x3) | 0x8];  // variant 10xx
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string entry_id(const store::Change& change, const ChangedDocument& document) {
  // NUL separates the parts: a key cannot run into the number after it.
  std::string name = "tracker claim change";
  name += '\0' + document.document.key + '\0' + std::to_string(change.snapshot_id) + '\0' +
          std::to_string(change.id);
  return uuid_urn(name);
}

std::string atom_feed(const ChangeSet& set, const AtomFeedContext& context) {
  store::UnixSeconds updated = context.generated_at;
  if (!set.changes.empty()) {
    updated = std::max_element(set.changes.begin(), set.changes.end(),
                               [](const StoredChange& a, const StoredChange& b) {
                                 return a.change.created_at < b.change.created_at;
                               })
                  ->change.created_at;
  }
  pugi::xml_document xml;
  pugi::xml_node feed = start_feed(xml, context, updated);
  for (auto item = set.changes.rbegin(); item != set.changes.rend(); ++item) {
    add_entry(feed, *item, document_of(set, item->change.document_id));
  }
  return feed_text(xml);
}

std::string atom_feed(const ChangeSet& set, const std::vector<const LedgerEntry*>& events,
                      const AtomFeedContext& context, std::string_view store_id) {
  // (when, kind, index): kind 0 a change (set.changes, oldest first), 1 an event.
  std::vector<std::tuple<store::UnixSeconds, int, std::size_t>> entries;
  for (std::size_t i = 0; i < set.changes.size(); ++i) {
    entries.emplace_back(set.changes[i].change.created_at, 0, i);
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    entries.emplace_back(events[i]->figure.first_seen, 1, i);
  }
  std::stable_sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) {
      return std::get<0>(a) > std::get<0>(b);
    }
    if (std::get<1>(a) != std::get<1>(b)) {
      return std::get<1>(a) < std::get<1>(b);
    }
    // A moment's changes newest first, as atom_feed lists them; its events as given.
    return std::get<1>(a) == 0 && std::get<2>(a) > std::get<2>(b);
  });
  pugi::xml_document xml;
  pugi::xml_node feed = start_feed(
      xml, context, entries.empty() ? context.generated_at : std::get<0>(entries.front()));
  for (const auto& [when, kind, index] : entries) {
    if (kind == 0) {
      const StoredChange& item = set.changes[index];
      add_entry(feed, item, document_of(set, item.change.document_id));
    } else {
      add_ledger_entry(feed, *events[index], store_id);
    }
  }
  return feed_text(xml);
}

}  // namespace tracker::report
