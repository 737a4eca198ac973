#include "tracker/cli/figures_output.h"

#include <spdlog/fmt/fmt.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include "tracker/cli/store_input.h"
#include "tracker/report/join.h"

namespace tracker::cli {
namespace {

nlohmann::json number_or_null(const std::optional<double>& value) {
  if (!value) {
    return nullptr;
  }
  if (*value == static_cast<double>(static_cast<long long>(*value))) {
    return static_cast<long long>(*value);
  }
  return *value;
}

nlohmann::ordered_json figure_json(const report::Figure& figure) {
  const auto text_or_null = [](const std::string& text) {
    return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(text);
  };
  return {{"measure", text_or_null(figure.measure)},
          {"measure_event", text_or_null(figure.measure_event)},
          {"text", figure.text},
          {"value", number_or_null(figure.value)},
          {"upper", number_or_null(figure.upper)},
          {"qualifier", figure.qualifier},
          {"attribution", text_or_null(figure.attribution)},
          {"certainty", figure.certainty},
          {"topics", figure.topics},
          {"claim", figure.claim},
          {"document_id", figure.document_id},
          {"title", figure.title},
          {"url", figure.url},
          {"source", figure.source},
          {"first_seen", iso_utc(figure.first_seen)},
          {"first_snapshot", figure.first_snapshot},
          {"last_snapshot", figure.last_snapshot},
          {"until", figure.until ? nlohmann::ordered_json(iso_utc(*figure.until))
                                 : nlohmann::ordered_json(nullptr)}};
}

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. A field that
// starts like a formula is prefixed with a quote mark, so that a spreadsheet shows it as text.
std::string csv_field(const std::string& text) {
  std::string field = text;
  if (!field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos) {
    field.insert(0, "'");
  }
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    return field;
  }
  std::string quoted = "\"";
  for (const char c : field) {
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return quoted + "\"";
}

constexpr std::string_view k_figure_csv_header =
    "measure,measure_event,text,value,upper,qualifier,attribution,certainty,first_seen,until,"
    "source,title,url,document_id,first_snapshot,last_snapshot,claim";

std::vector<std::string> figure_csv_fields(const report::Figure& figure) {
  const auto number = [](const std::optional<double>& value) { return value ? number_or_null(value).dump() : ""; };
  return {figure.measure,
          figure.measure_event,
          figure.text,
          number(figure.value),
          number(figure.upper),
          figure.qualifier,
          figure.attribution,
          figure.certainty,
          iso_utc(figure.first_seen),
          figure.until ? iso_utc(*figure.until) : std::string(),
          figure.source,
          figure.title,
          figure.url,
          std::to_string(figure.document_id),
          std::to_string(figure.first_snapshot),
          std::to_string(figure.last_snapshot),
          figure.claim};
}

// One CSV record, CRLF-terminated.
std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    out += (i == 0 ? "" : ",") + csv_field(fields[i]);
  }
  return out + "\r\n";
}

// "revised up from 10,000 (Western intelligence agencies, afp)": what an entry did, in words.
std::string event_words(const report::LedgerEntry& entry) {
  std::string words(report::to_string(entry.event));
  if (entry.event == report::LedgerEvent::revised) {
    words += entry.direction > 0 ? " up" : entry.direction < 0 ? " down" : "";
  }
  if (!entry.relates_to) {
    return words;
  }
  const report::Figure& other = *entry.relates_to;
  const std::string who =
      (other.attribution.empty() ? std::string("unattributed") : other.attribution) + ", " + other.source;
  switch (entry.event) {
    case report::LedgerEvent::revised:
      return words + " from " + other.text + " (" + iso_utc(other.first_seen) + ")";
    case report::LedgerEvent::corroborated:
    case report::LedgerEvent::repeated:
      return words + ": first " + other.text + " (" + who + ", " + iso_utc(other.first_seen) + ")";
    case report::LedgerEvent::contradicted:
      return words + ": " + other.text + " (" + who + ")";
    case report::LedgerEvent::new_figure:
      break;
  }
  return words;
}

nlohmann::ordered_json ledger_entry_json(const report::LedgerEntry& entry) {
  nlohmann::ordered_json object = figure_json(entry.figure);
  object["event"] = report::to_string(entry.event);
  object["direction"] = entry.direction > 0 ? nlohmann::ordered_json("up")
                        : entry.direction < 0 ? nlohmann::ordered_json("down")
                                              : nlohmann::ordered_json(nullptr);
  if (entry.relates_to) {
    const report::Figure& other = *entry.relates_to;
    object["relates_to"] = {{"text", other.text},
                            {"value", number_or_null(other.value)},
                            {"attribution", other.attribution.empty() ? nlohmann::ordered_json(nullptr)
                                                                      : nlohmann::ordered_json(other.attribution)},
                            {"source", other.source},
                            {"document_id", other.document_id},
                            {"first_seen", iso_utc(other.first_seen)}};
  } else {
    object["relates_to"] = nullptr;
  }
  object["carried_by"] = entry.carried_by;
  return object;
}

}  // namespace

std::string figures_json(const std::vector<report::Figure>& figures) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const report::Figure& figure : figures) {
    list.push_back(figure_json(figure));
  }
  return list.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string figures_csv(const std::vector<report::Figure>& figures) {
  std::string out = std::string(k_figure_csv_header) + "\r\n";
  for (const report::Figure& figure : figures) {
    out += csv_line(figure_csv_fields(figure));
  }
  return out;
}

// A block per measure, then one line per figure in the order reported:
// "  2025-02-11T06:12:00Z  more than 10,000  (intelligence agencies; hedged)  Kursk [afp]  until ...".
std::string figures_text(const std::vector<report::Figure>& figures) {
  std::string out;
  const std::string* measure = nullptr;
  for (const report::Figure& figure : figures) {
    if (measure == nullptr || *measure != figure.measure) {
      out += (out.empty() ? "" : "\n") + (figure.measure.empty() ? std::string("(no counted noun)") : figure.measure) + "\n";
      measure = &figure.measure;
    }
    out += fmt::format("  {}  {}  ({}; {})  {} [{}]{}\n", iso_utc(figure.first_seen), figure.text,
                       figure.attribution.empty() ? "unattributed" : figure.attribution, figure.certainty,
                       figure.title.empty() ? figure.url : figure.title, figure.source,
                       figure.until ? "  until " + iso_utc(*figure.until) : std::string());
  }
  return out;
}

// A block per measure headed by its latest figure, then one line per figure, oldest first:
// "  2025-02-11T06:12:00Z  some 12,000  (intelligence agencies; asserted)  [afp]  revised up from
// ...". A story judged apart is headed by its id and name.
std::string ledger_text(const std::vector<report::StoryLedger>& stories) {
  std::string out;
  for (const report::StoryLedger& story : stories) {
    bool first_of_story = true;  // no blank line between a story's heading and its first measure
    if (story.story != 0) {
      out +=
          fmt::format("{}== story {}: {} ==\n", out.empty() ? "" : "\n", story.story, story.name);
    } else {
      first_of_story = out.empty();
    }
    for (const report::MeasureLedger& ledger : story.measures) {
      const report::Figure& latest = ledger.latest;
      out +=
          fmt::format("{}{}: latest {} ({}; {}) since {}\n",
                      std::exchange(first_of_story, false) ? "" : "\n", ledger.measure, latest.text,
                      latest.attribution.empty() ? "unattributed" : latest.attribution,
                      latest.source, iso_utc(latest.first_seen));
      for (const report::LedgerEntry& entry : ledger.timeline) {
        const report::Figure& figure = entry.figure;
        out += fmt::format(
            "  {}  {}  ({}; {})  [{}]  {}{}{}\n", iso_utc(figure.first_seen), figure.text,
            figure.attribution.empty() ? "unattributed" : figure.attribution, figure.certainty,
            figure.source, event_words(entry),
            entry.carried_by.size() > 1 ? "; carried by " + report::join_list(entry.carried_by)
                                        : std::string(),
            figure.until ? "; until " + iso_utc(*figure.until) : std::string());
      }
    }
  }
  return out;
}

std::string ledger_json(const std::vector<report::StoryLedger>& stories) {
  nlohmann::ordered_json measures = nlohmann::ordered_json::array();
  for (const report::StoryLedger& story : stories) {
    const nlohmann::ordered_json story_json =
        story.story == 0 ? nlohmann::ordered_json(nullptr)
                         : nlohmann::ordered_json{{"id", story.story}, {"name", story.name}};
    for (const report::MeasureLedger& ledger : story.measures) {
      nlohmann::ordered_json timeline = nlohmann::ordered_json::array();
      for (const report::LedgerEntry& entry : ledger.timeline) {
        timeline.push_back(ledger_entry_json(entry));
      }
      measures.push_back({{"story", story_json},
                          {"measure", ledger.measure},
                          {"latest", figure_json(ledger.latest)},
                          {"timeline", std::move(timeline)}});
    }
  }
  nlohmann::ordered_json out = {{"measures", std::move(measures)}};
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string ledger_csv(const std::vector<report::StoryLedger>& stories) {
  std::string out = std::string(k_figure_csv_header) +
                    ",event,direction,relates_to_text,relates_to_attribution,relates_to_source,"
                    "relates_to_first_seen,carried_by,story_id,story\r\n";
  for (const report::StoryLedger& story : stories) {
    for (const report::MeasureLedger& ledger : story.measures) {
      for (const report::LedgerEntry& entry : ledger.timeline) {
        std::vector<std::string> fields = figure_csv_fields(entry.figure);
        fields.emplace_back(report::to_string(entry.event));
        fields.emplace_back(entry.direction > 0 ? "up" : entry.direction < 0 ? "down" : "");
        const report::Figure* other = entry.relates_to ? &*entry.relates_to : nullptr;
        fields.push_back(other ? other->text : "");
        fields.push_back(other ? other->attribution : "");
        fields.push_back(other ? other->source : "");
        fields.push_back(other ? iso_utc(other->first_seen) : "");
        fields.push_back(report::join_list(entry.carried_by));
        fields.push_back(story.story == 0 ? "" : std::to_string(story.story));
        fields.push_back(story.name);
        out += csv_line(fields);
      }
    }
  }
  return out;
}

}  // namespace tracker::cli
