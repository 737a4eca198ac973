#include "tracker/cli/story_selection.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <unordered_map>

#include "tracker/config/settings.h"
#include "tracker/report/document_search.h"
#include "tracker/text/did_you_mean.h"

namespace tracker::cli {
namespace {

// The [[story]] pins of the configuration the store was found through (none when there is no
// configuration, or it does not load: the store was opened, the pins just cannot be read).
std::vector<config::StoryPin> configured_pins(const OpenedStore& opened) {
  if (opened.config.empty()) {
    return {};
  }
  auto settings = config::load_settings(opened.config);
  return settings ? std::move(settings->story_pins) : std::vector<config::StoryPin>{};
}

std::optional<store::DocumentId> document_id(std::string_view text) {
  store::DocumentId id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
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
  std::vector<report::DocumentSearch> pin_searches;
  for (const config::StoryPin& pin : pins) {
    pin_searches.emplace_back(pin.search);
  }
  // The terms runs stored; a document without them (a store older than them, or one a failed
  // run left behind) is read from its newest version's text.
  auto stored_terms = opened.store->story_terms();
  if (!stored_terms) {
    return tl::make_unexpected(InputError{ExitCode::failure, stored_terms.error().message});
  }
  std::unordered_map<store::DocumentId, std::string*> terms_of;
  for (store::StoryTerms& row : *stored_terms) {
    if (row.format == report::k_story_terms_format) {
      terms_of.emplace(row.document, &row.terms);
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
    if (const auto stored = terms_of.find(summary.document.id); stored != terms_of.end()) {
      input.stored_terms = std::move(*stored->second);
      continue;
    }
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

}  // namespace

tl::expected<std::vector<report::Story>, InputError> stories_of(
    const OpenedStore& opened, const std::vector<store::DocumentSummary>& documents,
    const report::StoryOptions& options) {
  return group_with_pins(opened, documents, configured_pins(opened), options);
}

tl::expected<std::set<store::DocumentId>, InputError> story_members(const OpenedStore& opened,
                                                                    const std::vector<store::DocumentSummary>& all,
                                                                    std::string_view story) {
  const std::vector<config::StoryPin> pins = configured_pins(opened);
  const std::optional<store::DocumentId> wanted = document_id(story);
  const bool pinned = std::any_of(pins.begin(), pins.end(), [&](const config::StoryPin& pin) { return pin.name == story; });
  if (!wanted && !pinned) {
    return tl::make_unexpected(unknown_pin(opened, story, pins));
  }
  auto stories = group_with_pins(opened, all, pins, {});
  if (!stories) {
    return tl::make_unexpected(stories.error());
  }
  const auto holding = std::find_if(stories->begin(), stories->end(), [&](const report::Story& candidate) {
    return wanted ? std::find(candidate.documents.begin(), candidate.documents.end(), *wanted) !=
                        candidate.documents.end()
                  : candidate.pin == story;
  });
  if (holding == stories->end()) {
    if (!wanted) {
      return std::set<store::DocumentId>{};  // a pinned story that no stored document belongs to yet
    }
    return tl::make_unexpected(InputError{ExitCode::no_input, "--story " + std::string(story) +
                                                                  ": no document with id " + std::string(story) +
                                                                  " in " + opened.path.string()});
  }
  return std::set<store::DocumentId>(holding->documents.begin(), holding->documents.end());
}

}  // namespace tracker::cli
