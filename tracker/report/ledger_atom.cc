#include "tracker/report/ledger_atom.h"

#include <algorithm>
#include <tuple>

#include "tracker/report/atom_xml.h"
#include "tracker/report/join.h"
#include "tracker/report/stored_changes.h"

namespace tracker::report {
namespace {

constexpr std::size_t k_title_text_bytes = 60;

std::string speaker(const Figure& figure) {
  return figure.attribution.empty() ? "unattributed" : figure.attribution;
}

// "troops revised up: some 12,000 (intelligence agencies), was more than 10,000 — Kursk".
std::string entry_title(const LedgerEntry& entry) {
  const Figure& figure = entry.figure;
  std::string title = figure.measure + " " + event_label(entry) + ": " + figure.text + " (" +
                      shortened(speaker(figure), k_title_text_bytes) + ")";
  if (entry.relates_to) {
    title += ", " + std::string(relation_label(entry.event)) + " " + entry.relates_to->text;
  }
  const std::string document = !figure.title.empty() ? figure.title : figure.url;
  return title + " \u2014 " + shortened(document, k_title_text_bytes);
}

// "more than 10,000 — Western ... agencies (asserted), afp, 2025-02-11T06:12:00Z".
std::string figure_line(const Figure& figure) {
  return figure.text + " \u2014 " + speaker(figure) +
         (figure.certainty.empty() ? "" : " (" + figure.certainty + ")") + ", " + figure.source +
         ", " + utc_time(figure.first_seen);
}

std::string entry_content(const LedgerEntry& entry) {
  std::string content = "now: " + figure_line(entry.figure) + "\n";
  if (entry.relates_to) {
    content +=
        std::string(relation_label(entry.event)) + ": " + figure_line(*entry.relates_to) + "\n";
  }
  content += "claim: " + entry.figure.claim + "\n";
  if (entry.carried_by.size() > 1) {
    content += "carried by: " + join_list(entry.carried_by) + "\n";
  }
  return content;
}

std::string ledger_entry_id(const LedgerEntry& entry, std::string_view store_id) {
  const Figure& figure = entry.figure;
  // NUL separates the parts: one cannot run into the next.
  std::string name = "tracker ledger event";
  for (const std::string& part : {std::string(store_id), std::to_string(figure.document_id),
                                  std::to_string(figure.first_snapshot),
                                  measure_key(figure.measure), figure.text, figure.attribution}) {
    name += '\0' + part;
  }
  return uuid_urn(name);
}

}  // namespace

void add_ledger_entry(pugi::xml_node feed, const LedgerEntry& entry, std::string_view store_id) {
  const Figure& figure = entry.figure;
  pugi::xml_node node = feed.append_child("entry");
  add_element(node, "id", ledger_entry_id(entry, store_id));
  add_element(node, "title", entry_title(entry)).append_attribute("type") = "text";
  add_element(node, "updated", utc_time(figure.first_seen));
  add_element(node, "published", utc_time(figure.first_seen));
  if (const std::string_view link = web_link(figure.url); !link.empty()) {
    pugi::xml_node element = node.append_child("link");
    element.append_attribute("rel") = "alternate";
    element.append_attribute("type") = "text/html";
    element.append_attribute("href") = xml_text(link).c_str();
  }
  std::vector<std::string> categories = {std::string(to_string(entry.event)), figure.measure};
  categories.insert(categories.end(), figure.topics.begin(), figure.topics.end());
  for (const std::string& category : categories) {
    node.append_child("category").append_attribute("term") = xml_text(category).c_str();
  }
  add_element(node, "content", entry_content(entry)).append_attribute("type") = "text";
}

std::string ledger_atom_feed(const std::vector<MeasureLedger>& ledgers,
                             const AtomFeedContext& context, std::string_view store_id) {
  std::vector<const LedgerEntry*> entries;
  for (const MeasureLedger& ledger : ledgers) {
    for (const LedgerEntry& entry : ledger.timeline) {
      entries.push_back(&entry);
    }
  }
  // Newest first; one version's figures by measure.
  std::stable_sort(entries.begin(), entries.end(), [](const LedgerEntry* a, const LedgerEntry* b) {
    return std::tie(b->figure.first_seen, b->figure.first_snapshot, a->figure.measure) <
           std::tie(a->figure.first_seen, a->figure.first_snapshot, b->figure.measure);
  });
  pugi::xml_document xml;
  pugi::xml_node feed = start_feed(
      xml, context, entries.empty() ? context.generated_at : entries.front()->figure.first_seen);
  for (const LedgerEntry* entry : entries) {
    add_ledger_entry(feed, *entry, store_id);
  }
  return feed_text(xml);
}

}  // namespace tracker::report
