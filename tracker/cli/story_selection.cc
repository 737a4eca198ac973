#include "tracker/cli/story_selection.h"

#include <algorithm>
#include <optional>
#include <set>

#include "tracker/config/settings.h"
#include "tracker/pipeline/story_placement.h"
#include "tracker/text/did_you_mean.h"

namespace tracker::cli {
namespace {

// The [[story]] pins of the configuration the store was found through (none when there is no
// configuration, or it does not load: the store was opened, the pins just cannot be read).
// How the configuration the store was found through groups stories: its [[story]] pins and its
// story_similarity (none without one).
struct ConfiguredGrouping {
  std::vector<config::StoryPin> pins;
  report::StoryOptions options;
};

ConfiguredGrouping configured_grouping(const OpenedStore& opened) {
  if (opened.config.empty()) {
    return {};
  }
  auto settings = config::load_settings(opened.config);
  if (!settings) {
    return {};
  }
  return {std::move(settings->story_pins), pipeline::story_options(settings->story_similarity)};
}

// `--story NAME` that is not the name of a pinned story: the likely one, or the ones there are.
InputError unknown_pin(const OpenedStore& opened, std::string_view story, const std::vector<config::StoryPin>& pins) {
  std::vector<std::string_view> names;
  for (const config::StoryPin& pin : pins) {
    names.push_back(pin.name);
  }
  std::string message = "--story '" + std::string(story) + "': give the id of one of the story's documents (as "
                        "'tracker stories' lists them) or the name of a [[story]] of the configuration";
  if (const std::string likely = text::did_you_mean(story, names); !likely.empty()) {
    message += " (did you mean '" + likely + "'?)";
  } else if (!names.empty()) {
    std::string listed;
    for (const std::string_view name : names) {
      listed += (listed.empty() ? "" : ", ") + std::string(name);
    }
    message += "; its stories: " + listed;
  } else if (opened.config.empty()) {
    message += "; the store was opened without one (--store), so no story is pinned";
  }
  return InputError{ExitCode::usage, message};
}

tl::expected<std::vector<report::Story>, InputError> group_with_pins(
    const OpenedStore& opened, const std::vector<store::DocumentSummary>& documents,
    const std::vector<config::StoryPin>& pins, const report::StoryOptions& options) {
  // The stories runs stored keep their documents, when grouped as this reader groups; the
  // documents no run placed yet join them here (and are stored by the next run).
  auto stored = opened.store->stored_stories();
  if (!stored) {
    return tl::make_unexpected(InputError{ExitCode::failure, stored.error().message});
  }
  const bool same_settings = stored->settings == pipeline::story_settings(pins, options);
  auto inputs = pipeline::story_inputs(*opened.store, documents, pins, same_settings ? &*stored : nullptr);
  if (!inputs) {
    return tl::make_unexpected(InputError{ExitCode::failure, inputs.error().message});
  }
  return report::group_stories(std::move(*inputs), options);
}

// What `--story` names: a document's id, or a pin's name (pinned); neither is a usage error.
struct WantedStory {
  std::optional<store::DocumentId> id;
  std::vector<config::StoryPin> pins;
  report::StoryOptions options;
};

tl::expected<WantedStory, InputError> wanted_story(const OpenedStore& opened, std::string_view story) {
  ConfiguredGrouping configured = configured_grouping(opened);
  WantedStory wanted{store::parse_row_id(story), std::move(configured.pins), configured.options};
  const bool pinned = std::any_of(wanted.pins.begin(), wanted.pins.end(),
                                  [&](const config::StoryPin& pin) { return pin.name == story; });
  if (!wanted.id && !pinned) {
    return tl::make_unexpected(unknown_pin(opened, story, wanted.pins));
  }
  return wanted;
}

InputError no_document(const OpenedStore& opened, std::string_view story) {
  return InputError{ExitCode::no_input, "--story " + std::string(story) + ": no document with id " +
                                            std::string(story) + " in " + opened.path.string()};
}

}  // namespace

tl::expected<std::vector<report::Story>, InputError> stories_of(
    const OpenedStore& opened, const std::vector<store::DocumentSummary>& documents,
    std::optional<double> similarity) {
  ConfiguredGrouping configured = configured_grouping(opened);
  if (similarity) {
    configured.options.min_similarity = *similarity;
  }
  return group_with_pins(opened, documents, configured.pins, configured.options);
}

tl::expected<std::optional<std::set<store::DocumentId>>, InputError> stored_story_members(const OpenedStore& opened,
                                                                                       std::string_view story) {
  auto wanted = wanted_story(opened, story);
  if (!wanted) {
    return tl::make_unexpected(wanted.error());
  }
  auto settings = opened.store->story_settings();
  auto unplaced = opened.store->documents_without_story();
  if (!settings || !unplaced) {
    const store::StoreError& error = !settings ? settings.error() : unplaced.error();
    return tl::make_unexpected(InputError{ExitCode::failure, error.message});
  }
  if (*settings != pipeline::story_settings(wanted->pins, wanted->options) || *unplaced != 0) {
    return std::nullopt;  // grouped with other pins, or documents no run placed yet: group them
  }
  auto members = wanted->id ? opened.store->story_holding(*wanted->id) : opened.store->pinned_story(std::string(story));
  if (!members) {
    return tl::make_unexpected(InputError{ExitCode::failure, members.error().message});
  }
  if (members->empty() && wanted->id) {
    return tl::make_unexpected(no_document(opened, story));  // every document has a story
  }
  std::set<store::DocumentId> ids;
  for (const store::StoryMember& member : *members) {
    ids.insert(member.document);
  }
  return ids;
}

tl::expected<std::set<store::DocumentId>, InputError> story_members(const OpenedStore& opened,
                                                                    const std::vector<store::DocumentSummary>& all,
                                                                    std::string_view story) {
  auto wanted = wanted_story(opened, story);
  if (!wanted) {
    return tl::make_unexpected(wanted.error());
  }
  auto stories = group_with_pins(opened, all, wanted->pins, wanted->options);
  if (!stories) {
    return tl::make_unexpected(stories.error());
  }
  const auto holding = std::find_if(stories->begin(), stories->end(), [&](const report::Story& candidate) {
    return wanted->id ? std::find(candidate.documents.begin(), candidate.documents.end(), *wanted->id) !=
                            candidate.documents.end()
                      : candidate.pin == story;
  });
  if (holding == stories->end()) {
    if (!wanted->id) {
      return std::set<store::DocumentId>{};  // a pinned story that no stored document belongs to yet
    }
    return tl::make_unexpected(no_document(opened, story));
  }
  return std::set<store::DocumentId>(holding->documents.begin(), holding->documents.end());
}

}  // namespace tracker::cli
