#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "tracker/cli/page_input.h"
#include "tracker/cli/store_input.h"
#include "tracker/report/stored_changes.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::cli {

// The help texts of the options that pick documents, the same in every command.
inline constexpr const char* k_source_help =
    "only documents of the source with this name (as in the watch file), or of the sources with "
    "this tag";
inline constexpr const char* k_document_help =
    "only this document: its id (as 'tracker documents' lists it), URL or key";
inline constexpr const char* k_story_help =
    "only the documents of one story: the id of any of its documents (as 'tracker stories' lists "
    "them), or the name of a [[story]] of the configuration";

// Which stored documents a reading command looks at; an empty field matches every document.
struct DocumentFilter {
  std::string source;    // `--source`: a source's name, exactly, else a tag of the configuration
  std::string document;  // `--document`: a document id, else a URL or key
  std::string search;    // `--search`: words that must all be in the title or the URL
  std::string story;     // `--story`: a document id or a pinned story's name (story_selection.h)

  bool empty() const { return source.empty() && document.empty() && search.empty() && story.empty(); }
};

// The documents of the store that `filter` selects, newest activity first. `--source` names a
// source of the store, else a tag that the configuration the store was found through gives
// to some of its sources (all of them are selected). `--story` keeps the documents of one story. A name that is neither is
// ExitCode::usage, naming the known ones or the likely one ("did you mean"); a document the
// store does not know is ExitCode::no_input, as for `tracker history`, naming what was given.
tl::expected<std::vector<store::DocumentSummary>, InputError> select_documents(
    const OpenedStore& opened, const DocumentFilter& filter);

// Keeps only the changes of `documents`.
void keep_changes_of(const std::vector<store::DocumentSummary>& documents,
                     std::vector<store::Change>& changes);
void keep_changes_of(const std::vector<store::DocumentSummary>& documents, report::ChangeSet& set);

// An http(s) URL reduced so that two spellings of one page compare equal, as feeds write the
// same link differently from one day to the next: scheme (http or https), host case, a
// default port, a trailing slash and the fragment do not count; "https://Example.org/a/#top"
// and "http://example.org/a" are both "//example.org/a". Anything else comes back as given.
std::string comparable_url(std::string_view url);

}  // namespace tracker::cli
