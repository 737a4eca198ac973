#include "tracker/report/ledger_page.h"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "tracker/report/html_escape.h"
#include "tracker/report/html_report.h"
#include "tracker/report/join.h"
#include "tracker/report/site.h"
#include "tracker/report/stored_changes.h"

namespace tracker::report {
namespace {

// Colours that stay apart on white and for the common colour-vision deficiencies (Okabe-Ito).
constexpr std::array<const char*, 7> k_palette = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                                  "#e69f00", "#56b4e9", "#000000"};
constexpr double k_width = 600;
constexpr double k_height = 160;
constexpr double k_left = 56;  // room for the value axis' labels
constexpr double k_right = 12;
constexpr double k_top = 10;
constexpr double k_bottom = 24;  // room for the dates

std::string speaker_of(const Figure& figure) {
  return figure.attribution.empty() ? "unattributed (" + figure.source + ")" : figure.attribution;
}

bool drawn(const Figure& figure) {
  return figure.value && figure.qualifier != "vague";
}

// "12,000", "2.5": a value as an axis label.
std::string value_label(double value) {
  if (value != std::floor(value) || std::abs(value) >= 1e15) {
    return fmt::format("{:.3g}", value);
  }
  std::string digits = fmt::format("{:.0f}", value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0 && digits[i - 1] != '-'; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

std::string number(double value) {
  return fmt::format("{:.1f}", value);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> chart_legend(const MeasureLedger& ledger) {
  std::vector<std::pair<std::string, std::string>> legend;
  for (const LedgerEntry& entry : ledger.timeline) {
    if (!drawn(entry.figure)) {
      continue;
    }
    const std::string speaker = speaker_of(entry.figure);
    if (std::none_of(legend.begin(), legend.end(),
                     [&](const auto& item) { return item.first == speaker; })) {
      legend.emplace_back(speaker, k_palette[legend.size() % k_palette.size()]);
    }
  }
  return legend;
}

std::string step_chart_svg(const MeasureLedger& ledger, store::UnixSeconds until) {
  std::vector<const Figure*> figures;
  for (const LedgerEntry& entry : ledger.timeline) {
    if (drawn(entry.figure)) {
      figures.push_back(&entry.figure);
    }
  }
  if (figures.empty()) {
    return {};
  }
  const store::UnixSeconds start = figures.front()->first_seen;
  store::UnixSeconds end = std::max(until, figures.back()->first_seen);
  double top = 0;
  for (const Figure* figure : figures) {
    top = std::max(top, figure->upper.value_or(*figure->value));
  }
  top = top <= 0 ? 1 : top * 1.15;
  const double span = end > start ? static_cast<double>(end - start) : 1;
  const auto x_of = [&](store::UnixSeconds time) {
    const double share = end > start ? static_cast<double>(time - start) / span : 0.5;
    return k_left + share * (k_width - k_left - k_right);
  };
  const auto y_of = [&](double value) {
    return k_top + (1 - value / top) * (k_height - k_top - k_bottom);
  };

  std::string svg = "<svg style=\"width:100%;max-width:40rem;height:auto\" viewBox=\"0 0 " +
                    number(k_width) + " " + number(k_height) + "\" role=\"img\" aria-label=\"" +
                    html_escape(ledger.measure) +
                    " over time\" xmlns=\"http://www.w3.org/2000/svg\">\n";
  const double base = y_of(0);
  svg += "<line x1=\"" + number(k_left) + "\" y1=\"" + number(base) + "\" x2=\"" +
         number(k_width - k_right) + "\" y2=\"" + number(base) + "\" stroke=\"#999\"/>\n";
  const double highest = top / 1.15;
  for (const double value : {0.0, highest}) {
    svg += "<text x=\"" + number(k_left - 6) + "\" y=\"" + number(y_of(value) + 4) +
           "\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">" + value_label(value) +
           "</text>\n";
  }
  svg += "<text x=\"" + number(k_left) + "\" y=\"" + number(k_height - 6) +
         "\" font-size=\"11\" fill=\"#555\">" + html_escape(utc_time(start).substr(0, 10)) +
         "</text>\n";
  if (end > start) {
    svg += "<text x=\"" + number(k_width - k_right) + "\" y=\"" + number(k_height - 6) +
           "\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">" +
           html_escape(utc_time(end).substr(0, 10)) + "</text>\n";
  }
  const std::vector<std::pair<std::string, std::string>> legend = chart_legend(ledger);
  for (const auto& [speaker, colour] : legend) {
    std::vector<const Figure*> own;
    std::copy_if(figures.begin(), figures.end(), std::back_inserter(own),
                 [&](const Figure* figure) { return speaker_of(*figure) == speaker; });
    std::string path;
    std::string dots;
    for (std::size_t i = 0; i < own.size(); ++i) {
      const Figure& figure = *own[i];
      const double y = y_of(*figure.value);
      const double from = x_of(figure.first_seen);
      // Held until the speaker's next value, else until the figure ended, else to the end.
      const store::UnixSeconds stop = i + 1 < own.size() ? own[i + 1]->first_seen
                                      : figure.until     ? std::min(*figure.until, end)
                                                         : end;
      path += (path.empty() ? "M" : " L") + number(from) + " " + number(y) + " L" +
              number(x_of(stop)) + " " + number(y);
      dots += "<circle cx=\"" + number(from) + "\" cy=\"" + number(y) + "\" r=\"3.5\" fill=\"" +
              colour + "\"><title>" +
              html_escape(figure.text + " \u2014 " + speaker + ", " + figure.source + ", " +
                          utc_time(figure.first_seen)) +
              "</title></circle>\n";
    }
    svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour +
           "\" stroke-width=\"2\"/>\n" + dots;
  }
  return svg + "</svg>\n";
}

namespace {

// One measure: its latest figure, its step chart with the legend, and its timeline as a table.
std::string measure_section_html(const MeasureLedger& ledger, store::UnixSeconds generated_at,
                                 std::string_view heading) {
  std::string body;
  const Figure& latest = ledger.latest;
  body += "<section class=\"measure\"><" + std::string(heading) + ">" +
          html_escape(ledger.measure) + "</" + std::string(heading) +
          ">\n<p class=\"meta\">latest <strong>" + html_escape(latest.text) + "</strong> (" +
          html_escape(speaker_of(latest)) + "; " + html_escape(latest.source) + ") since <time>" +
          html_escape(utc_time(latest.first_seen)) + "</time></p>\n";
  body += step_chart_svg(ledger, generated_at);
  const auto legend = chart_legend(ledger);
  if (!legend.empty()) {
    body += "<p class=\"legend\">";
    for (const auto& [speaker, colour] : legend) {
      body += "<span style=\"color:" + colour + "\">&#9632;</span> " + html_escape(speaker) +
              " &nbsp; ";
    }
    body += "</p>\n";
  }
  body +=
      "<div style=\"overflow-x:auto\"><table><thead><tr><th>first "
      "reported</th><th>figure</th><th>who</th><th>outlet</th><th>what it did</th>"
      "</tr></thead><tbody>\n";
  for (const LedgerEntry& entry : ledger.timeline) {
    const Figure& figure = entry.figure;
    std::string did = html_escape(event_label(entry));
    if (entry.relates_to) {
      did += ": " + html_escape(std::string(relation_label(entry.event))) + " " +
             html_escape(entry.relates_to->text) + " (" +
             html_escape(speaker_of(*entry.relates_to)) + ", " +
             html_escape(entry.relates_to->source) + ")";
    }
    if (entry.carried_by.size() > 1) {
      did += "<br><span class=\"where\">carried by " + html_escape(join_list(entry.carried_by)) +
             "</span>";
    }
    body += "<tr><td><time>" + html_escape(utc_time(figure.first_seen)) + "</time></td><td>" +
            html_escape(figure.text) + "</td><td>" + html_escape(speaker_of(figure)) +
            "</td><td>" + html_escape(figure.source) + "</td><td>" + did + "</td></tr>\n";
  }
  body += "</tbody></table></div></section>\n";
  return body;
}

}  // namespace

std::string measure_sections_html(const std::vector<MeasureLedger>& ledgers,
                                  store::UnixSeconds generated_at, std::string_view heading) {
  std::vector<const MeasureLedger*> ordered;
  for (const MeasureLedger& ledger : ledgers) {
    ordered.push_back(&ledger);
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const MeasureLedger* a, const MeasureLedger* b) {
                     return a->timeline.size() > b->timeline.size();
                   });
  if (ordered.empty()) {
    return "<p>No figures with a measure are stored.</p>\n";
  }
  std::string body;
  for (const MeasureLedger* ledger : ordered) {
    body += measure_section_html(*ledger, generated_at, heading);
  }
  return body;
}

std::string figures_page_html(const std::vector<StoryLedger>& stories,
                              const std::set<store::DocumentId>& with_pages,
                              store::UnixSeconds generated_at) {
  const std::string header =
      "<p class=\"meta\"><a href=\"index.html\">All documents</a></p>\n<header><h1>Figures</h1>\n"
      "<p class=\"meta\">Every figure the documents reported, story by story and by what it "
      "counts, with "
      "who said it and what it did &middot; generated <time>" +
      html_escape(utc_time(generated_at)) + "</time></p></header>\n";
  if (stories.empty()) {
    return html_page("tracker: figures", header + measure_sections_html({}, generated_at));
  }
  std::string body;
  for (const StoryLedger& story : stories) {
    const std::string name = story.story == 0 ? std::string("Figures") : html_escape(story.name);
    body += "<section class=\"story\"><h2>" +
            (with_pages.contains(story.story)
                 ? "<a href=\"" + html_escape(story_page_name(story.story)) + "\">" + name + "</a>"
                 : name) +
            "</h2>\n" + measure_sections_html(story.measures, generated_at, "h3") + "</section>\n";
  }
  return html_page("tracker: figures", header + body);
}

}  // namespace tracker::report
