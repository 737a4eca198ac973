#include "tracker/cli/story_selection.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace tracker::cli {

tl::expected<std::vector<report::Story>, InputError> stories_of(
    const OpenedStore& opened, const std::vector<store::DocumentSummary>& documents,
    const report::StoryOptions& options) {
  std::vector<report::StoryInput> inputs;
  inputs.reserve(documents.size());
  for (const store::DocumentSummary& summary : documents) {
    report::StoryInput& input = inputs.emplace_back();
    input.document = summary.document.id;
    input.source = summary.source_name;
    input.headline = summary.document.title;
    input.first_seen = summary.document.first_seen;
    input.last_activity = summary.last_activity();
    auto latest = opened.store->latest_version(summary.document.id);
    if (!latest) {
      return tl::make_unexpected(InputError{ExitCode::failure, latest.error().message});
    }
    if (*latest) {
      input.text = std::move((*latest)->text);
      if (!(*latest)->headline.empty()) {
        input.headline = std::move((*latest)->headline);
      }
    }
  }
  return report::group_stories(std::move(inputs), options);
}

tl::expected<void, InputError> keep_story(const OpenedStore& opened, std::string_view story,
                                          std::vector<store::DocumentSummary>& documents) {
  store::DocumentId wanted = 0;
  const auto [end, error] = std::from_chars(story.data(), story.data() + story.size(), wanted);
  if (error != std::errc{} || end != story.data() + story.size() || wanted <= 0) {
    return tl::make_unexpected(InputError{
        ExitCode::usage, "--story '" + std::string(story) +
                             "': give the id of one of the story's documents, as 'tracker stories' lists it"});
  }
  auto all = opened.store->document_summaries();
  if (!all) {
    return tl::make_unexpected(InputError{ExitCode::failure, all.error().message});
  }
  auto stories = stories_of(opened, *all);
  if (!stories) {
    return tl::make_unexpected(stories.error());
  }
  const auto holding = std::find_if(stories->begin(), stories->end(), [&](const report::Story& candidate) {
    return std::find(candidate.documents.begin(), candidate.documents.end(), wanted) != candidate.documents.end();
  });
  if (holding == stories->end()) {
    return tl::make_unexpected(InputError{ExitCode::no_input, "--story " + std::string(story) +
                                                                  ": no document with id " + std::string(story) +
                                                                  " in " + opened.path.string()});
  }
  const std::set<store::DocumentId> ids(holding->documents.begin(), holding->documents.end());
  std::erase_if(documents, [&](const store::DocumentSummary& summary) { return !ids.contains(summary.document.id); });
  return {};
}

}  // namespace tracker::cli
