#pragma once

#include <string>
#include <tl/expected.hpp>
#include <toml++/toml.h>
#include <vector>

namespace tracker::config {

// A story a user pins by keywords ([[story]] in a watch file or tracker.toml): every document
// with all of `search`'s words in its title or URL is in it, whatever grouping would say.
struct StoryPin {
  std::string name;    // what `--story NAME` and `tracker stories` call it
  std::string search;  // words, as for `--search`
  std::string origin;  // "FILE:LINE:COLUMN" of its table, for errors
};

// Adds the [[story]] tables of one file's `root` to `pins`: each needs a `name` not used by an
// earlier one and a `search` with at least one word; no other keys.
tl::expected<void, std::string> read_story_tables(const std::string& file, const toml::table& root,
                                                  std::vector<StoryPin>& pins);

}  // namespace tracker::config
