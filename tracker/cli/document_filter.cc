#include "tracker/cli/document_filter.h"

#include <algorithm>
#include <optional>
#include <set>

#include "tracker/cli/store_input.h"
#include "tracker/cli/story_selection.h"
#include "tracker/config/settings.h"
#include "tracker/report/document_search.h"
#include "tracker/text/did_you_mean.h"
#include "tracker/text/tokens.h"

namespace tracker::cli {
namespace {

// The sources of the configuration at `config` that carry `tag` (none when there is no
// configuration, or it does not load: the store was opened, the tag just cannot be read).
std::set<std::string> sources_tagged(const std::filesystem::path& config, const std::string& tag,
                                     std::vector<std::string>& all_tags) {
  std::set<std::string> names;
  if (config.empty()) {
    return names;
  }
  auto settings = config::load_settings(config);
  if (!settings) {
    return names;
  }
  for (const config::SourceConfig& source : settings->sources) {
    all_tags.insert(all_tags.end(), source.tags.begin(), source.tags.end());
    if (std::ranges::binary_search(source.tags, tag)) {
      names.insert(source.name);
    }
  }
  return names;
}

// The sources `--source name` selects: the store's source of that name, else the sources the
// configuration tags with it. Neither is an error that names the likely one: an empty list
// would read as "nothing stored yet"; a typo deserves to be named.
tl::expected<std::set<std::string>, InputError> sources_named(const OpenedStore& opened,
                                                              const std::string& name) {
  auto statuses = opened.store->source_statuses();
  if (!statuses) {
    return tl::make_unexpected(InputError{ExitCode::failure, statuses.error().message});
  }
  std::vector<std::string> known;
  for (const store::SourceStatus& status : *statuses) {
    if (status.source.name == name) {
      return std::set<std::string>{name};
    }
    if (std::find(known.begin(), known.end(), status.source.name) == known.end()) {
      known.push_back(status.source.name);
    }
  }
  std::vector<std::string> tags;
  if (std::set<std::string> tagged = sources_tagged(opened.config, name, tags); !tagged.empty()) {
    return tagged;
  }
  std::string message =
      "--source '" + name + "': no source '" + name + "' in " + opened.path.string();
  if (!opened.config.empty()) {
    message += ", nor a tag of " + opened.config.string();
  }
  std::vector<std::string_view> candidates(known.begin(), known.end());
  candidates.insert(candidates.end(), tags.begin(), tags.end());
  if (const std::string suggestion = text::did_you_mean(name, candidates); !suggestion.empty()) {
    message += " (did you mean '" + suggestion + "'?)";
  } else if (known.empty()) {
    message += " (it has no sources yet)";
  } else {
    message += " (the sources there:";
    for (std::size_t i = 0; i < known.size(); ++i) {
      message += (i == 0 ? " " : ", ") + known[i];
    }
    message += ")";
  }
  return tl::make_unexpected(InputError{ExitCode::usage, message});
}

// `given` names the document: its key or URL as stored, or the same URL spelled another way.
bool names_document(const store::Document& document, const std::string& given) {
  if (document.key == given || document.url == given) {
    return true;
  }
  if (!looks_like_url(given)) {
    return false;
  }
  const std::string wanted = comparable_url(given);
  return comparable_url(document.url) == wanted || comparable_url(document.key) == wanted;
}

// The documents `given` names: the one with that id when it is a number and there is one
// (a GUID may be a number too, so a number that is no id is tried as a key), else every
// document with that key or URL (one URL may be in several sources).
std::set<store::DocumentId> named_documents(const std::vector<store::DocumentSummary>& all,
                                            const std::string& given) {
  if (const auto id = parse_snapshot_id(given)) {
    for (const store::DocumentSummary& summary : all) {
      if (summary.document.id == *id) {
        return {*id};
      }
    }
  }
  std::set<store::DocumentId> ids;
  for (const store::DocumentSummary& summary : all) {
    if (names_document(summary.document, given)) {
      ids.insert(summary.document.id);
    }
  }
  return ids;
}

std::set<store::DocumentId> ids_of(const std::vector<store::DocumentSummary>& documents) {
  std::set<store::DocumentId> ids;
  for (const store::DocumentSummary& summary : documents) {
    ids.insert(summary.document.id);
  }
  return ids;
}

}  // namespace

tl::expected<std::vector<store::DocumentSummary>, InputError> select_documents(
    const OpenedStore& opened, const DocumentFilter& filter) {
  std::set<std::string> sources;
  if (!filter.source.empty()) {
    auto named = sources_named(opened, filter.source);
    if (!named) {
      return tl::make_unexpected(named.error());
    }
    sources = std::move(*named);
  }
  const std::filesystem::path& store_path = opened.path;
  // One stored story's documents are read alone (--document names any stored one, so reads all).
  std::optional<std::set<store::DocumentId>> in_story;
  if (!filter.story.empty() && filter.document.empty()) {
    auto stored = stored_story_members(opened, filter.story);
    if (!stored) {
      return tl::make_unexpected(stored.error());
    }
    in_story = std::move(*stored);
  }
  auto all = in_story ? opened.store->document_summaries(std::vector<store::DocumentId>(in_story->begin(), in_story->end()))
                      : opened.store->document_summaries();
  if (!all) {
    return tl::make_unexpected(InputError{ExitCode::failure, all.error().message});
  }
  std::set<store::DocumentId> named;
  if (!filter.document.empty()) {
    named = named_documents(*all, filter.document);
    if (named.empty()) {
      return tl::make_unexpected(
          InputError{ExitCode::no_input, "--document '" + filter.document +
                                             "': no document with id, URL or key '" +
                                             filter.document + "' in " + store_path.string()});
    }
  }
  if (!filter.story.empty() && !in_story) {
    auto members = story_members(opened, *all, filter.story);
    if (!members) {
      return tl::make_unexpected(members.error());
    }
    in_story = std::move(*members);
  }
  const report::DocumentSearch search(filter.search);
  std::vector<store::DocumentSummary> selected;
  for (store::DocumentSummary& summary : *all) {
    if ((filter.source.empty() || sources.contains(summary.source_name)) &&
        (filter.document.empty() || named.contains(summary.document.id)) &&
        (!in_story || in_story->contains(summary.document.id)) && search.matches(summary.document)) {
      selected.push_back(std::move(summary));
    }
  }
  return selected;
}

void keep_changes_of(const std::vector<store::DocumentSummary>& documents,
                     std::vector<store::Change>& changes) {
  const std::set<store::DocumentId> ids = ids_of(documents);
  std::erase_if(changes,
                [&](const store::Change& change) { return !ids.contains(change.document_id); });
}

void keep_changes_of(const std::vector<store::DocumentSummary>& documents, report::ChangeSet& set) {
  const std::set<store::DocumentId> ids = ids_of(documents);
  std::erase_if(set.changes, [&](const report::StoredChange& stored) {
    return !ids.contains(stored.change.document_id);
  });
  std::erase_if(set.documents, [&](const auto& entry) { return !ids.contains(entry.first); });
}

std::string comparable_url(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return std::string(url);
  }
  const std::string scheme = text::ascii_lower(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") {
    return std::string(url);
  }
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find('#'));
  const std::size_t host_end = std::min(rest.find_first_of("/?"), rest.size());
  std::string host = text::ascii_lower(rest.substr(0, host_end));
  const std::string_view default_port = scheme == "http" ? ":80" : ":443";
  if (host.ends_with(default_port)) {
    host.resize(host.size() - default_port.size());
  }
  const std::string_view after_host = rest.substr(host_end);
  const std::size_t query_start = std::min(after_host.find('?'), after_host.size());
  std::string_view path = after_host.substr(0, query_start);
  while (path.ends_with('/')) {
    path.remove_suffix(1);
  }
  return "//" + host + std::string(path) + std::string(after_host.substr(query_start));
}

}  // namespace tracker::cli
