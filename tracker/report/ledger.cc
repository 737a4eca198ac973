#include "tracker/report/ledger.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "tracker/text/tokens.h"

namespace tracker::report {
namespace {

// Who a figure is the word of: its attribution; an unattributed figure is its own story's.
std::string speaker_key(const Figure& figure) {
  return figure.attribution.empty() ? "\ndocument " + std::to_string(figure.document_id)
                                    : text::ascii_lower(figure.attribution);
}

// Whether a figure states a count: "several" reads as 3 but is as vague as "dozens".
bool counted(const Figure& figure) {
  return figure.value && figure.qualifier != "vague";
}

// Whether two figures give the same count: the same value and range, or, both vague, the same
// words ("dozens").
bool same_value(const Figure& a, const Figure& b) {
  if (counted(a) != counted(b)) {
    return false;
  }
  return counted(a) ? *a.value == *b.value && a.upper == b.upper
                    : text::ascii_lower(a.text) == text::ascii_lower(b.text);
}

// The value a figure's "carried by" groups it under.
std::string value_key(const Figure& figure) {
  if (!counted(figure)) {
    return "words " + text::ascii_lower(figure.text);
  }
  return "value " + std::to_string(*figure.value) +
         (figure.upper ? "-" + std::to_string(*figure.upper) : "");
}

bool reported_at(const Figure& figure, store::UnixSeconds at) {
  return !figure.until || *figure.until > at;
}

// Labels entry `index` of `timeline` against the entries before it (ledger.h); `speakers` holds
// each entry's speaker_key, read once.
void label(std::vector<LedgerEntry>& timeline, const std::vector<std::string>& speakers,
           std::size_t index, const LedgerOptions& options) {
  LedgerEntry& entry = timeline[index];
  const Figure& figure = entry.figure;
  const std::string& speaker = speakers[index];
  std::optional<std::size_t> own_latest;
  std::optional<std::size_t> own_same_outlet;  // the speaker's same value in the same outlet
  std::optional<std::size_t> first_same;
  std::optional<std::size_t> latest_other_live;
  for (std::size_t before = 0; before < index; ++before) {
    const Figure& earlier = timeline[before].figure;
    const bool same = same_value(earlier, figure);
    if (speakers[before] == speaker) {
      own_latest = before;
      if (same && earlier.source == figure.source && !own_same_outlet) {
        own_same_outlet = before;
      }
    } else if (!same && counted(earlier) && counted(figure) &&
               reported_at(earlier, figure.first_seen) &&
               figure.first_seen - earlier.first_seen <= options.contradiction_window_seconds) {
      latest_other_live = before;
    }
    if (same && !first_same) {
      first_same = before;
    }
  }
  if (own_latest && !same_value(timeline[*own_latest].figure, figure)) {
    const Figure& own = timeline[*own_latest].figure;
    entry.event = LedgerEvent::revised;
    entry.relates_to = own;
    if (counted(own) && counted(figure) && *own.value != *figure.value) {
      entry.direction = *figure.value > *own.value ? 1 : -1;
    }
    return;
  }
  if (own_same_outlet) {
    entry.event = LedgerEvent::repeated;
    entry.relates_to = timeline[*own_same_outlet].figure;
    return;
  }
  if (first_same) {
    entry.event = LedgerEvent::corroborated;
    entry.relates_to = timeline[*first_same].figure;
  } else if (latest_other_live) {
    entry.event = LedgerEvent::contradicted;
    entry.relates_to = timeline[*latest_other_live].figure;
  }
}

}  // namespace

std::string_view to_string(LedgerEvent event) {
  switch (event) {
    case LedgerEvent::new_figure:
      return "new-figure";
    case LedgerEvent::corroborated:
      return "corroborated";
    case LedgerEvent::repeated:
      return "repeated";
    case LedgerEvent::revised:
      return "revised";
    case LedgerEvent::contradicted:
      return "contradicted";
  }
  return "new-figure";
}

std::string event_label(const LedgerEntry& entry) {
  std::string label =
      entry.event == LedgerEvent::new_figure ? "new figure" : std::string(to_string(entry.event));
  if (entry.event == LedgerEvent::revised) {
    label += entry.direction > 0 ? " up" : entry.direction < 0 ? " down" : "";
  }
  return label;
}

std::string_view relation_label(LedgerEvent event) {
  return event == LedgerEvent::revised        ? "was"
         : event == LedgerEvent::contradicted ? "against"
                                              : "first";
}

std::string measure_key(std::string_view measure) {
  const std::string lowered = text::ascii_lower(measure);
  std::string key;
  std::size_t start = 0;
  while (start < lowered.size()) {
    const std::size_t end = std::min(lowered.find(' ', start), lowered.size());
    std::string_view word = std::string_view(lowered).substr(start, end - start);
    if (word.size() > 3 && word.back() == 's') {
      word.remove_suffix(1);
    }
    if (!word.empty()) {
      key += (key.empty() ? "" : " ") + std::string(word);
    }
    start = end + 1;
  }
  return key;
}

bool measure_matches(std::string_view measure, std::string_view wanted) {
  const std::string key = measure_key(wanted);
  if (measure_key(measure) == key) {
    return true;
  }
  std::size_t start = 0;
  while (start < measure.size()) {
    const std::size_t end = std::min(measure.find(' ', start), measure.size());
    if (measure_key(measure.substr(start, end - start)) == key) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

std::vector<MeasureLedger> build_ledger(std::vector<Figure> figures, const LedgerOptions& options) {
  std::stable_sort(figures.begin(), figures.end(), [](const Figure& a, const Figure& b) {
    return std::tie(a.first_seen, a.document_id, a.first_snapshot) <
           std::tie(b.first_seen, b.document_id, b.first_snapshot);
  });
  std::map<std::string, MeasureLedger> by_measure;
  for (Figure& figure : figures) {
    if (figure.measure.empty()) {
      continue;
    }
    MeasureLedger& ledger = by_measure[measure_key(figure.measure)];
    if (ledger.timeline.empty()) {
      ledger.measure = figure.measure;
    }
    LedgerEntry& entry = ledger.timeline.emplace_back();
    entry.figure = std::move(figure);
  }
  std::vector<MeasureLedger> ledgers;
  for (auto& [key, ledger] : by_measure) {
    std::map<std::string, std::set<std::string>> outlets;  // by value_key
    std::optional<std::size_t> latest;
    std::vector<std::string> speakers;
    for (const LedgerEntry& entry : ledger.timeline) {
      speakers.push_back(speaker_key(entry.figure));
    }
    for (std::size_t index = 0; index < ledger.timeline.size(); ++index) {
      label(ledger.timeline, speakers, index, options);
      outlets[value_key(ledger.timeline[index].figure)].insert(
          ledger.timeline[index].figure.source);
      if (!ledger.timeline[index].figure.until) {
        latest = index;
      }
    }
    ledger.latest = ledger.timeline[latest.value_or(ledger.timeline.size() - 1)].figure;
    for (LedgerEntry& entry : ledger.timeline) {
      const std::set<std::string>& carried = outlets[value_key(entry.figure)];
      entry.carried_by.assign(carried.begin(), carried.end());
    }
    ledgers.push_back(std::move(ledger));
  }
  return ledgers;
}

}  // namespace tracker::report
