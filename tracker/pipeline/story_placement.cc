#include "tracker/pipeline/story_placement.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "tracker/report/document_search.h"

namespace tracker::pipeline {

std::string story_settings(const std::vector<config::StoryPin>& pins, const report::StoryOptions& options) {
  nlohmann::json settings = {{"terms", report::k_story_terms_format},
                             {"similarity", options.min_similarity},
                             {"background", options.background_documents},
                             {"window", options.window},
                             {"pins", nlohmann::json::array()}};
  for (const config::StoryPin& pin : pins) {
    settings["pins"].push_back({pin.name, pin.search});
  }
  return settings.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

store::StoreResult<std::vector<report::StoryInput>> story_inputs(store::SnapshotStore& store,
                                                                 const std::vector<store::DocumentSummary>& documents,
                                                                 const std::vector<config::StoryPin>& pins,
                                                                 const store::StoredStories* placed) {
  std::vector<report::DocumentSearch> pin_searches;
  for (const config::StoryPin& pin : pins) {
    pin_searches.emplace_back(pin.search);
  }
  // The terms runs stored; a document without them (a store older than them, or one a failed
  // run left behind) is read from its newest version's text.
  auto stored_terms = store.story_terms();
  if (!stored_terms) {
    return tl::make_unexpected(std::move(stored_terms.error()));
  }
  std::unordered_map<store::DocumentId, std::string*> terms_of;
  for (store::StoryTerms& row : *stored_terms) {
    if (row.format == report::k_story_terms_format) {
      terms_of.emplace(row.document, &row.terms);
    }
  }
  std::unordered_map<store::DocumentId, const store::StoryMember*> story_of;
  if (placed != nullptr) {
    for (const store::StoryMember& member : placed->members) {
      story_of.emplace(member.document, &member);
    }
  }
  std::vector<report::StoryInput> inputs;
  inputs.reserve(documents.size());
  for (const store::DocumentSummary& summary : documents) {
    report::StoryInput& input = inputs.emplace_back();
    input.document = summary.document.id;
    input.source = summary.source_name;
    input.headline = summary.document.title;
    input.first_seen = summary.document.first_seen;
    input.last_activity = summary.last_activity();
    for (std::size_t i = 0; i < pins.size(); ++i) {
      if (pin_searches[i].matches(summary.document)) {
        input.pin = pins[i].name;  // the first pin in file order that picks it
        break;
      }
    }
    if (const auto member = story_of.find(summary.document.id); member != story_of.end()) {
      input.story = member->second->story;
      input.story_pin = member->second->pin;
    }
    if (const auto stored = terms_of.find(summary.document.id); stored != terms_of.end()) {
      input.stored_terms = std::move(*stored->second);
      continue;
    }
    auto latest = store.latest_version(summary.document.id);
    if (!latest) {
      return tl::make_unexpected(std::move(latest.error()));
    }
    if (*latest) {
      input.text = std::move((*latest)->text);
      if (!(*latest)->headline.empty()) {
        input.headline = std::move((*latest)->headline);
      }
    }
  }
  return inputs;
}

report::StoryOptions story_options(std::optional<double> story_similarity) {
  report::StoryOptions options;
  if (story_similarity) {
    options.min_similarity = *story_similarity;
  }
  return options;
}

store::StoreResult<std::size_t> place_stories(store::SnapshotStore& store,
                                              const std::vector<config::StoryPin>& pins,
                                              bool regroup, const report::StoryOptions& options) {
  const std::string settings = story_settings(pins, options);
  auto stored_settings = store.story_settings();
  if (!stored_settings) {
    return tl::make_unexpected(std::move(stored_settings.error()));
  }
  regroup = regroup || *stored_settings != settings;
  if (!regroup) {
    auto unplaced = store.documents_without_story();
    if (!unplaced) {
      return tl::make_unexpected(std::move(unplaced.error()));
    }
    if (*unplaced == 0) {
      return 0;  // a run with nothing new reads no terms
    }
  }
  store::StoredStories placed;
  if (!regroup) {
    auto stored = store.stored_stories();
    if (!stored) {
      return tl::make_unexpected(std::move(stored.error()));
    }
    placed = std::move(*stored);
  }
  auto documents = store.document_summaries();
  if (!documents) {
    return tl::make_unexpected(std::move(documents.error()));
  }
  auto inputs = story_inputs(store, *documents, pins, regroup ? nullptr : &placed);
  if (!inputs) {
    return tl::make_unexpected(std::move(inputs.error()));
  }
  std::vector<store::StoryMember> members;
  for (report::Placement& placement : report::place_new_documents(std::move(*inputs), options)) {
    members.push_back({placement.document, placement.story, std::move(placement.pin)});
  }
  if (auto put = store.put_story_members(settings, members, regroup); !put) {
    return tl::make_unexpected(std::move(put.error()));
  }
  return members.size();
}

}  // namespace tracker::pipeline
