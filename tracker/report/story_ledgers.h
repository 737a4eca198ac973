#pragma once

#include <string>
#include <vector>

#include "tracker/report/figures.h"
#include "tracker/report/ledger.h"
#include "tracker/report/measures.h"
#include "tracker/report/stories.h"

namespace tracker::report {

// One story's figure ledger: its measures, from its own documents' figures alone.
struct StoryLedger {
  store::DocumentId story = 0;  // Story::id; 0: the figures were judged as one selection
  std::string name;             // the story's pin, else its first document's title; empty for 0
  std::vector<MeasureLedger> measures;
};

// The ledger of `figures` judged story by story (#18): figures are named and lined up only with
// the figures of their own story, so that one story's troop count is never read as a revision or
// a contradiction of another story's. `stories` are grouped over every document (stories.h), in
// the order they are shown; figures of a document in none of them are one ledger of their own,
// last. Stories without a figure are left out. A story is named by its pin, else by the title
// (else the URL) of its first document that reported a figure.
std::vector<StoryLedger> ledgers_by_story(std::vector<Figure> figures,
                                          const std::vector<Story>& stories,
                                          const MeasureLexicon& lexicon,
                                          LedgerGrouping grouping = LedgerGrouping::model);

}  // namespace tracker::report
