#include "tracker/alert/ledger_alerts.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "tracker/report/document_search.h"
#include "tracker/report/figures.h"

namespace tracker::alert {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Whether the rule mails this event: one of its events, measures and topics (empty: any).
bool wanted(const AlertRule& rule, const report::LedgerEntry& entry) {
  if (!contains(rule.events, report::to_string(entry.event))) {
    return false;
  }
  const report::Figure& figure = entry.figure;
  if (!rule.measures.empty() && std::none_of(rule.measures.begin(), rule.measures.end(),
                                             [&](const std::string& wanted_measure) {
                                               return report::measure_matches(figure.measure,
                                                                              wanted_measure);
                                             })) {
    return false;
  }
  return rule.topics.empty() ||
         std::any_of(figure.topics.begin(), figure.topics.end(),
                     [&](const std::string& topic) { return contains(rule.topics, topic); });
}

// Every figure of the documents the rule selects; none when no such document has a version
// after `last`, since only a new version can report a new figure (this keeps a run that stored
// nothing of the rule's story from reading the story's whole history).
store::StoreResult<std::vector<report::Figure>> selected_figures(store::SnapshotStore& store,
                                                                 const AlertRule& rule,
                                                                 store::SnapshotId last) {
  auto documents = store.document_summaries();
  if (!documents) {
    return tl::make_unexpected(documents.error());
  }
  auto in_story = story_documents(store, rule);
  if (!in_story) {
    return tl::make_unexpected(in_story.error());
  }
  const report::DocumentSearch search(rule.search);
  std::erase_if(*documents, [&](const store::DocumentSummary& document) {
    return (!rule.sources.empty() && !contains(rule.matched_sources, document.source_name)) ||
           (!rule.story.empty() && !in_story->contains(document.document.id)) || !search.matches(document.document);
  });
  bool any_new = false;
  for (const store::DocumentSummary& document : *documents) {
    auto latest = store.latest_snapshot_id(document.document.id);
    if (!latest) {
      return tl::make_unexpected(latest.error());
    }
    if (latest->value_or(0) > last) {
      any_new = true;
      break;
    }
  }
  std::vector<report::Figure> figures;
  if (!any_new) {
    return figures;
  }
  for (const store::DocumentSummary& document : *documents) {
    auto snapshots = store.document_snapshots(document.document.id);
    if (!snapshots) {
      return tl::make_unexpected(snapshots.error());
    }
    for (report::Figure& figure : report::document_figures(document, *snapshots)) {
      figures.push_back(std::move(figure));
    }
  }
  return figures;
}

// The selected figures as the ledgers they are judged in: all of them in one, unless the rule
// names no story, when each stored story's figures are one (ledger_events_after). A ledger
// without a figure first reported after `last` is left out: it has no event to send.
store::StoreResult<std::vector<std::vector<report::Figure>>> ledger_selections(
    store::SnapshotStore& store, const AlertRule& rule, std::vector<report::Figure> figures,
    store::SnapshotId last) {
  std::vector<std::vector<report::Figure>> selections;
  const bool names_its_story = !rule.story.empty() || !rule.search.empty();
  std::map<store::DocumentId, store::DocumentId> story_of;
  if (!names_its_story) {
    auto stories = store.stored_stories();
    if (!stories) {
      return tl::make_unexpected(stories.error());
    }
    for (const store::StoryMember& member : stories->members) {
      story_of.emplace(member.document, member.story);
    }
  }
  if (story_of.empty()) {
    selections.push_back(std::move(figures));
  } else {
    std::map<store::DocumentId, std::vector<report::Figure>> by_story;  // 0: not placed yet
    for (report::Figure& figure : figures) {
      const auto story = story_of.find(figure.document_id);
      by_story[story == story_of.end() ? 0 : story->second].push_back(std::move(figure));
    }
    for (auto& [story, story_figures] : by_story) {
      selections.push_back(std::move(story_figures));
    }
  }
  std::erase_if(selections, [&](const std::vector<report::Figure>& selection) {
    return std::none_of(selection.begin(), selection.end(),
                        [&](const report::Figure& figure) { return figure.first_snapshot > last; });
  });
  return selections;
}

}  // namespace

store::StoreResult<LedgerMatches> ledger_events_after(store::SnapshotStore& store,
                                                      const AlertRule& rule,
                                                      const report::MeasureLexicon& lexicon,
                                                      store::SnapshotId last) {
  LedgerMatches matches;
  auto newest = store.last_snapshot_id();
  if (!newest) {
    return tl::make_unexpected(newest.error());
  }
  matches.newest = std::max(last, *newest);
  if (*newest <= last) {
    return matches;
  }
  auto figures = selected_figures(store, rule, last);
  if (!figures) {
    return tl::make_unexpected(figures.error());
  }
  auto selections = ledger_selections(store, rule, std::move(*figures), last);
  if (!selections) {
    return tl::make_unexpected(selections.error());
  }
  for (std::vector<report::Figure>& selection : *selections) {
    for (report::MeasureLedger& ledger :
         report::build_ledger(report::with_ledger_measures(std::move(selection), lexicon))) {
      for (report::LedgerEntry& entry : ledger.timeline) {
        const store::SnapshotId first = entry.figure.first_snapshot;
        if (first > last && first <= *newest && wanted(rule, entry)) {
          matches.events.push_back(std::move(entry));
        }
      }
    }
  }
  std::stable_sort(matches.events.begin(), matches.events.end(),
                   [](const report::LedgerEntry& a, const report::LedgerEntry& b) {
                     return std::tie(a.figure.first_snapshot, a.figure.measure) <
                            std::tie(b.figure.first_snapshot, b.figure.measure);
                   });
  return matches;
}

}  // namespace tracker::alert
