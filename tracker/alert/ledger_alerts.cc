#include "tracker/alert/ledger_alerts.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "tracker/report/document_search.h"
#include "tracker/report/figures.h"
#include "tracker/report/story_ledgers.h"

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

// The stories the selected figures are judged in (report/story_ledgers.h): none when the rule
// names its story (its figures are one ledger), else each stored story, from the stories the
// runs stored (no grouping is read here); a document no run placed yet is in none, and those are
// judged together.
store::StoreResult<std::vector<report::Story>> judged_stories(store::SnapshotStore& store,
                                                              const AlertRule& rule) {
  std::vector<report::Story> stories;
  if (!rule.story.empty() || !rule.search.empty()) {
    return stories;
  }
  auto stored = store.stored_stories();
  if (!stored) {
    return tl::make_unexpected(stored.error());
  }
  std::map<store::DocumentId, std::size_t> index_of;  // story id -> index in `stories`
  for (const store::StoryMember& member : stored->members) {
    const auto [at, added] = index_of.try_emplace(member.story, stories.size());
    if (added) {
      stories.emplace_back().id = member.story;
    }
    stories[at->second].documents.push_back(member.document);
  }
  return stories;
}

// Only the figures of stories (by judged_stories) with a figure first reported after `last`:
// a story without one has no event to send, and its ledger need not be built.
std::vector<report::Figure> of_stories_with_news(std::vector<report::Figure> figures,
                                                 const std::vector<report::Story>& stories,
                                                 store::SnapshotId last) {
  std::map<store::DocumentId, store::DocumentId> story_of;  // 0: in no story
  for (const report::Story& story : stories) {
    for (const store::DocumentId document : story.documents) {
      story_of.emplace(document, story.id);
    }
  }
  const auto story = [&](const report::Figure& figure) {
    const auto found = story_of.find(figure.document_id);
    return found == story_of.end() ? store::DocumentId{0} : found->second;
  };
  std::set<store::DocumentId> with_news;
  for (const report::Figure& figure : figures) {
    if (figure.first_snapshot > last) {
      with_news.insert(story(figure));
    }
  }
  std::erase_if(figures,
                [&](const report::Figure& figure) { return !with_news.contains(story(figure)); });
  return figures;
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
  auto stories = judged_stories(store, rule);
  if (!stories) {
    return tl::make_unexpected(stories.error());
  }
  for (report::StoryLedger& story : report::ledgers_by_story(
           of_stories_with_news(std::move(*figures), *stories, last), *stories, lexicon)) {
    for (report::MeasureLedger& ledger : story.measures) {
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
