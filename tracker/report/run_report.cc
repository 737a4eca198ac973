#include "tracker/report/run_report.h"

#include <nlohmann/json.hpp>

#include "tracker/report/diff_report.h"

namespace tracker::report {

std::string document_heading(std::string_view source, std::string_view title, std::string_view url) {
  std::string out = "== ";
  if (!source.empty()) {
    out += source;
    out += ": ";
  }
  out += title;
  out += "\n   ";
  out += url;
  out += "\n";
  return out;
}

std::string run_text(const pipeline::RunSummary& summary, bool color) {
  std::string out;
  for (const auto& document : summary.documents) {
    if (document->diff.changes.empty()) {
      continue;
    }
    out += document_heading(document->source_name, document->title, document->url);
    for (const diff::ClaimChange& change : document->diff.changes) {
      out += "\n" + change_text(change, color);
    }
    out += "\n";
  }
  return out;
}

std::string run_json(const pipeline::RunSummary& summary) {
  using Json = nlohmann::ordered_json;
  Json sources = Json::array();
  for (const pipeline::SourceOutcome& source : summary.sources) {
    sources.push_back({{"name", source.name},
                       {"url", source.url},
                       {"fetched", source.fetched},
                       {"not_modified", source.not_modified},
                       {"items", source.items},
                       {"error", source.error.empty() ? Json(nullptr) : Json(source.error)}});
  }
  Json documents = Json::array();
  for (const auto& document : summary.documents) {
    Json changes = Json::array();
    for (const diff::ClaimChange& change : document->diff.changes) {
      changes.push_back(change_to_json(change));
    }
    documents.push_back({{"source", document->source_name},
                         {"url", document->url},
                         {"title", document->title},
                         {"document", document->document_id},
                         {"snapshot", document->snapshot_id ? Json(*document->snapshot_id) : Json(nullptr)},
                         {"first_version", document->first_version},
                         {"claims", document->claim_count},
                         {"changes", std::move(changes)}});
  }
  Json root;
  root["sources"] = std::move(sources);
  root["documents"] = std::move(documents);
  root["page_errors"] = summary.page_errors;
  root["pages_fetched"] = summary.pages_fetched;
  root["pages_not_modified"] = summary.pages_not_modified;
  root["pages_not_due"] = summary.pages_not_due;
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace tracker::report
