#include "tracker/cli/topic_option.h"

#include <filesystem>
#include <vector>

#include "tracker/cli/document_input.h"
#include "tracker/config/settings.h"
#include "tracker/config/topic_names.h"

namespace tracker::cli {

tl::expected<void, InputError> check_topic_option(const std::string& topic,
                                                  store::SnapshotStore& store) {
  std::string lexicon_path;
  if (std::filesystem::exists("tracker.toml")) {
    auto settings = config::load_settings("tracker.toml");
    if (!settings) {
      return tl::make_unexpected(InputError{ExitCode::failure, settings.error()});
    }
    lexicon_path = settings->topics_path.string();
  }
  auto lexicon = load_topic_lexicon(lexicon_path);
  if (!lexicon) {
    return tl::make_unexpected(lexicon.error());
  }
  std::vector<std::string> known = config::topic_names(*lexicon);
  auto stored = store.change_topics();
  if (!stored) {
    return tl::make_unexpected(InputError{ExitCode::failure, stored.error().message});
  }
  known.insert(known.end(), stored->begin(), stored->end());
  if (const auto problem = config::unknown_topic(topic, known)) {
    return tl::make_unexpected(InputError{ExitCode::usage, "--topic '" + topic + "': " + *problem});
  }
  return {};
}

}  // namespace tracker::cli
