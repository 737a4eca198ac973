#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/store/records.h"

namespace tracker::report {

// What story grouping reads of one document: its newest version and when it was active.
struct StoryInput {
  store::DocumentId document = 0;
  std::string source;    // the outlet (the source's name)
  std::string headline;  // the newest version's headline, else the feed's title
  std::string text;      // the newest version's text
  store::UnixSeconds first_seen = 0;
  store::UnixSeconds last_activity = 0;
  // The story a user pinned it to (config/story_pins.h); empty: grouped by its names.
  std::string pin;
  // Its terms as a run stored them (stored_story_terms, of k_story_terms_format), so that its
  // text need not be read; nullopt: they are found in `headline` and `text`.
  std::optional<std::string> stored_terms;
  // The story a run placed it in (its id), and that story's pin: it stays there whatever its
  // names now are. nullopt: placed here, as documents come.
  std::optional<store::DocumentId> story;
  std::string story_pin;
};

// Documents that report the same events.
struct Story {
  store::DocumentId id = 0;  // its first document's: a story keeps its id as documents join it
  std::vector<store::DocumentId> documents;  // in the order they joined: first seen first
  std::vector<std::string> names;            // the names its documents share most, as written
  std::vector<std::string> sources;          // the outlets that carry it, in the order they came
  std::string pin;                           // the pinned story's name; empty for a grouped one
  store::UnixSeconds first_seen = 0;
  store::UnixSeconds last_activity = 0;
};

struct StoryOptions {
  // How alike (cosine of the names' weights, 0-1) a document must be to a story to join it.
  // Chosen with background_documents on the dev stories of bench/story_grouping.py and
  // bench/ledger_score.py (bench/README.md).
  double min_similarity = 0.2;
  // Unseen documents, holding none of the names, that the names' rarity is weighed against
  // (Vocabulary::idf): without them, a few documents of one story share their names and weigh
  // them least.
  double background_documents = 30;
  // A document joins only a story active at most this long before it was first seen.
  store::UnixSeconds window = 7 * 24 * 3600;
};

// The proper names of a report, each once and lower-cased ("kursk", "nis", "zelensky"): the
// capitalised words of its sentences, a sentence's first word only when the text also writes it
// capitalised within a sentence; days, months and titles ("Monday", "Mr") are not names. Words of
// the headline of four letters or more count too, marked as such ("headline:troops"), since a
// headline is often written in title case.
std::vector<std::string> story_terms(std::string_view headline, std::string_view text);

// What grouping reads of a document, as a run stores it (store::SnapshotStore::put_story_terms)
// so that grouping a store's documents need not read their texts: one line per term,
// "TERM<tab>AS WRITTEN<tab>USES". A change to how terms are found bumps the format, and terms
// stored in another are found again.
inline constexpr int k_story_terms_format = 1;
std::string stored_story_terms(std::string_view headline, std::string_view text);

// Groups documents into stories, as a run would have seen them come: in the order they were
// first seen, each joins the most alike story that was active within the window, if alike
// enough, else starts one. A name shared by many of the documents weighs less than a rare one.
// A pinned document joins its pin's story whatever its names and time; other documents may join
// a pinned story as any other. A document a run placed (StoryInput::story) keeps its story, so
// that grouping a store again places only its new documents. Stories are returned newest
// activity first.
std::vector<Story> group_stories(std::vector<StoryInput> documents, const StoryOptions& options = {});

// Where a document no run placed yet goes (StoryInput::story empty): the story's id and pin.
struct Placement {
  store::DocumentId document = 0;
  store::DocumentId story = 0;
  std::string pin;
};

// The placements group_stories makes for `documents` not placed yet, and only those: what a run
// stores. The same stories, for less work: the stories too old to draw any of them are not
// built, and none is named.
std::vector<Placement> place_new_documents(std::vector<StoryInput> documents, const StoryOptions& options = {});

}  // namespace tracker::report
