#include "tracker/cli/figures_command.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "tracker/cli/document_filter.h"
#include "tracker/cli/output.h"
#include "tracker/cli/since_option.h"
#include "tracker/cli/store_input.h"
#include "tracker/report/figures.h"

namespace tracker::cli {
namespace {

struct FiguresArguments {
  StoreChoice store;  // --store, --config
  DocumentFilter filter;
  std::string measure;
  std::string since;
  bool current = false;
  std::string format = "text";
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// "troops" asks for "troops" and "troop": a measure is compared without case and without a
// plural -s, as claims write it either way.
bool same_measure(const std::string& measure, const std::string& wanted) {
  const auto singular = [](std::string word) {
    if (word.size() > 3 && word.back() == 's') {
      word.pop_back();
    }
    return word;
  };
  return singular(lower(measure)) == singular(lower(wanted));
}

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
  return {{"measure", figure.measure.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(figure.measure)},
          {"text", figure.text},
          {"value", number_or_null(figure.value)},
          {"upper", number_or_null(figure.upper)},
          {"qualifier", figure.qualifier},
          {"attribution", figure.attribution.empty() ? nlohmann::ordered_json(nullptr)
                                                     : nlohmann::ordered_json(figure.attribution)},
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
          {"until", figure.until ? nlohmann::ordered_json(iso_utc(*figure.until)) : nlohmann::ordered_json(nullptr)}};
}

std::string figures_json(const std::vector<report::Figure>& figures) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const report::Figure& figure : figures) {
    list.push_back(figure_json(figure));
  }
  return list.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
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

std::string figures_csv(const std::vector<report::Figure>& figures) {
  std::string out =
      "measure,text,value,upper,qualifier,attribution,certainty,first_seen,until,source,title,url,document_id,"
      "first_snapshot,last_snapshot,claim\r\n";
  for (const report::Figure& figure : figures) {
    const auto number = [](const std::optional<double>& value) { return value ? number_or_null(value).dump() : ""; };
    const std::vector<std::string> fields = {
        figure.measure, figure.text, number(figure.value), number(figure.upper), figure.qualifier,
        figure.attribution, figure.certainty, iso_utc(figure.first_seen),
        figure.until ? iso_utc(*figure.until) : std::string(), figure.source, figure.title, figure.url,
        std::to_string(figure.document_id), std::to_string(figure.first_snapshot),
        std::to_string(figure.last_snapshot), figure.claim};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      out += (i == 0 ? "" : ",") + csv_field(fields[i]);
    }
    out += "\r\n";
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

ExitCode run_figures(const FiguresArguments& args) {
  std::optional<store::UnixSeconds> since;
  if (!args.since.empty()) {
    since = parse_since(args.since);
    if (!since) {
      spdlog::error("{}", since_error(args.since));
      return ExitCode::usage;
    }
  }
  auto opened = open_store_for_reading(args.store);
  if (!opened) {
    spdlog::error("{}", opened.error().message);
    return opened.error().exit_code;
  }
  auto documents = select_documents(*opened, args.filter);
  if (!documents) {
    spdlog::error("{}", documents.error().message);
    return documents.error().exit_code;
  }
  std::vector<report::Figure> figures;
  for (const store::DocumentSummary& document : *documents) {
    auto snapshots = opened->store->document_snapshots(document.document.id);
    if (!snapshots) {
      spdlog::error("{}", snapshots.error().message);
      return ExitCode::failure;
    }
    for (report::Figure& figure : report::document_figures(document, *snapshots)) {
      if ((args.measure.empty() || same_measure(figure.measure, args.measure)) &&
          (!since || figure.first_seen >= *since) && (!args.current || !figure.until)) {
        figures.push_back(std::move(figure));
      }
    }
  }
  // By measure, then as reported over time: a measure's timeline across outlets.
  std::stable_sort(figures.begin(), figures.end(), [](const report::Figure& a, const report::Figure& b) {
    return std::tie(a.measure, a.first_seen, a.document_id) < std::tie(b.measure, b.first_seen, b.document_id);
  });
  return write_stdout(args.format == "json"  ? figures_json(figures)
                      : args.format == "csv" ? figures_csv(figures)
                                             : figures_text(figures));
}

}  // namespace

void add_figures_command(CLI::App& app, std::string_view name, std::string_view summary, CommandResult& result) {
  auto args = std::make_shared<FiguresArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  add_store_options(*command, args->store);
  command->add_option("--document", args->filter.document, k_document_help)->option_text("ID|URL");
  command->add_option("--source", args->filter.source, k_source_help)->option_text("NAME");
  command->add_option("--search", args->filter.search,
                      "only documents with every one of these words in the title or URL")
      ->option_text("WORDS");
  command->add_option("--measure", args->measure, "only figures counting this (\"troops\", \"killed\")")
      ->option_text("NOUN");
  command->add_option("--since", args->since, "only figures first reported at or after T (as for 'changes')")
      ->option_text("T");
  command->add_flag("--current", args->current, "only figures the newest versions still report");
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  command->footer(
      "Every figure the stored versions reported: what it counts (the noun after the number, or\n"
      "the casualty word), the number as written, who said it and how sure, the document, and\n"
      "from when (the version that first gave it) until when (the version that no longer did,\n"
      "or the story's takedown). A revised number or a new speaker is a new figure. Grouped by\n"
      "measure, oldest first. --format csv writes RFC 4180 CSV with a header, for spreadsheets.");
  command->callback([args, &result] { result.exit_code = run_figures(*args); });
}

}  // namespace tracker::cli
