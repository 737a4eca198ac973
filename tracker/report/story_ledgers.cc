#include "tracker/report/story_ledgers.h"

#include <map>
#include <utility>

namespace tracker::report {
namespace {

// The pin, else the title of the story's first document among `figures` (in the order the
// documents joined the story), else its URL.
std::string story_name(const Story& story, const std::vector<Figure>& figures) {
  if (!story.pin.empty()) {
    return story.pin;
  }
  for (const store::DocumentId document : story.documents) {
    for (const Figure& figure : figures) {
      if (figure.document_id == document) {
        return figure.title.empty() ? figure.url : figure.title;
      }
    }
  }
  return "story " + std::to_string(story.id);
}

}  // namespace

std::vector<StoryLedger> ledgers_by_story(std::vector<Figure> figures,
                                          const std::vector<Story>& stories,
                                          const MeasureLexicon& lexicon, LedgerGrouping grouping) {
  std::map<store::DocumentId, std::size_t> story_of;  // document -> index in `stories`
  for (std::size_t i = 0; i < stories.size(); ++i) {
    for (const store::DocumentId document : stories[i].documents) {
      story_of.emplace(document, i);
    }
  }
  std::map<std::size_t, std::vector<Figure>> by_story;  // stories.size(): in no story
  for (Figure& figure : figures) {
    const auto found = story_of.find(figure.document_id);
    by_story[found == story_of.end() ? stories.size() : found->second].push_back(std::move(figure));
  }
  std::vector<StoryLedger> ledgers;
  for (auto& [index, story_figures] : by_story) {
    StoryLedger ledger;
    if (index < stories.size()) {
      ledger.story = stories[index].id;
      ledger.name = story_name(stories[index], story_figures);
    }
    ledger.measures =
        build_ledger(with_ledger_measures(std::move(story_figures), lexicon, grouping));
    if (!ledger.measures.empty()) {
      ledgers.push_back(std::move(ledger));
    }
  }
  return ledgers;
}

}  // namespace tracker::report
