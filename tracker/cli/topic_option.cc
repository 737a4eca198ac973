#include "tracker/cli/topic_option.h"

#include <filesystem>

#include "tracker/cli/document_input.h"
#include "tracker/config/settings.h"
#include "tracker/config/topic_names.h"

namespace tracker::cli {

tl::expected<void, InputError> check_topic_option(const std::string& topic) {
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
  if (const auto problem = config::unknown_topic(topic, *lexicon)) {
    return tl::make_unexpected(InputError{ExitCode::usage, "--topic '" + topic + "': " + *problem});
  }
  return {};
}

}  // namespace tracker::cli
